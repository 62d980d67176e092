package io.iamgate.authz;

import io.iamgate.compile.StatementRef;
import io.iamgate.eval.Decision;
import java.util.List;
import java.util.Objects;

/**
 * The answer to one authorization question.
 *
 * @param decision Allow, ExplicitDeny or ImplicitDeny; never Allow when {@code problem} is set
 * @param reason a one-line explanation
 * @param statements the deciding statements (for an explained answer: every applying one)
 * @param bundleVersion the bundle version that decided, or {@code null} when there was none
 * @param problem why the question could not be evaluated (unknown principal, invalid request,
 *     no bundle), or {@code null}; such answers are always denials
 */
public record Authorization(
    Decision decision, String reason, List<StatementRef> statements, String bundleVersion, String problem) {
  public Authorization {
    Objects.requireNonNull(decision, "decision");
    statements = List.copyOf(statements);
    if (problem != null && decision == Decision.ALLOW) {
      throw new IllegalArgumentException("a failed evaluation never allows");
    }
  }

  public boolean allowed() {
    return decision == Decision.ALLOW;
  }

  static Authorization denied(String problem, String bundleVersion) {
    return new Authorization(Decision.IMPLICIT_DENY, problem, List.of(), bundleVersion, problem);
  }
}
