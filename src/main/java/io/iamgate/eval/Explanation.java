package io.iamgate.eval;

import io.iamgate.compile.PolicyType;
import io.iamgate.compile.StatementRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The full account of an evaluation: every statement that applied, by role, and the first gate
 * without an applying Allow.
 *
 * @param decision the decision
 * @param failedGate for an implicit deny, the first gate without an applying Allow; else null
 * @param denies every applying Deny statement (identity, boundary and guardrails)
 * @param guardrailAllows applying Allow statements of the guardrails
 * @param identityAllows applying Allow statements of the identity policies
 * @param boundaryAllows applying Allow statements of the boundary
 * @param nearMisses for an implicit deny, the Allow statements of the failed gate whose action
 *     matched but whose resource or a condition did not; else empty
 */
public record Explanation(
    Decision decision,
    @Nullable PolicyType failedGate,
    List<StatementRef> denies,
    List<StatementRef> guardrailAllows,
    List<StatementRef> identityAllows,
    List<StatementRef> boundaryAllows,
    List<NearMiss> nearMisses) {
  public Explanation {
    Objects.requireNonNull(decision, "decision");
    denies = List.copyOf(denies);
    guardrailAllows = List.copyOf(guardrailAllows);
    identityAllows = List.copyOf(identityAllows);
    boundaryAllows = List.copyOf(boundaryAllows);
    nearMisses = List.copyOf(nearMisses);
  }

  /** The statements that decided: the denies, or every allow that let the request through. */
  public List<StatementRef> decidingStatements() {
    return switch (decision) {
      case EXPLICIT_DENY -> denies;
      case IMPLICIT_DENY -> List.of();
      case ALLOW -> {
        List<StatementRef> all = new ArrayList<>(guardrailAllows);
        all.addAll(identityAllows);
        all.addAll(boundaryAllows);
        yield List.copyOf(all);
      }
    };
  }

  /** A one-line explanation. */
  public String reason() {
    return switch (decision) {
      case ALLOW ->
          "allowed by "
              + join(identityAllows)
              + (boundaryAllows.isEmpty() ? "" : "; within the boundary by " + join(boundaryAllows))
              + (guardrailAllows.isEmpty()
                  ? ""
                  : "; within the guardrails by " + join(guardrailAllows));
      case EXPLICIT_DENY -> "explicitly denied by " + join(denies);
      case IMPLICIT_DENY ->
          Objects.requireNonNull(failedGate, "an implicit deny names its failed gate")
              .implicitDenyReason();
    };
  }

  private static String join(List<StatementRef> refs) {
    return String.join(", ", refs.stream().map(StatementRef::toString).toList());
  }
}
