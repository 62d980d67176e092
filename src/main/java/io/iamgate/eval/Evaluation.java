package io.iamgate.eval;

import io.iamgate.compile.CompiledPolicies;
import io.iamgate.compile.CompiledStatement;
import io.iamgate.compile.PolicyType;
import io.iamgate.compile.StatementRef;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of the fast evaluation path: the decision and the one statement or gate that decided
 * it.
 *
 * @param decision the decision
 * @param group the group (identity, boundary or guardrails) of {@code statement}, or {@code null}
 * @param statement for an explicit deny the first applying Deny statement; for an allow the first
 *     applying identity Allow statement; {@code null} for an implicit deny
 * @param failedGate for an implicit deny the first gate that had no applying Allow; else {@code
 *     null}
 */
public record Evaluation(
    Decision decision,
    @Nullable CompiledPolicies group,
    @Nullable CompiledStatement statement,
    @Nullable PolicyType failedGate) {
  public Evaluation {
    Objects.requireNonNull(decision, "decision");
  }

  /** The deciding statement, named for explanations; {@code null} for an implicit deny. */
  public @Nullable StatementRef statementRef() {
    return statement == null
        ? null
        : Objects.requireNonNull(group, "a deciding statement comes with its group")
            .refOf(statement);
  }

  static Evaluation implicitDeny(PolicyType gate) {
    return switch (gate) {
      case GUARDRAIL -> Constants.DENY_GUARDRAILS;
      case IDENTITY -> Constants.DENY_IDENTITY;
      case BOUNDARY -> Constants.DENY_BOUNDARY;
    };
  }

  /** A one-line explanation. */
  public String reason() {
    return switch (decision) {
      case ALLOW -> "allowed by " + statementRef();
      case EXPLICIT_DENY -> "explicitly denied by " + statementRef();
      case IMPLICIT_DENY ->
          Objects.requireNonNull(failedGate, "an implicit deny names its failed gate")
              .implicitDenyReason();
    };
  }

  private static final class Constants {
    static final Evaluation DENY_GUARDRAILS =
        new Evaluation(Decision.IMPLICIT_DENY, null, null, PolicyType.GUARDRAIL);
    static final Evaluation DENY_IDENTITY =
        new Evaluation(Decision.IMPLICIT_DENY, null, null, PolicyType.IDENTITY);
    static final Evaluation DENY_BOUNDARY =
        new Evaluation(Decision.IMPLICIT_DENY, null, null, PolicyType.BOUNDARY);
  }
}
