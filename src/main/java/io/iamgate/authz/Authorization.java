package io.iamgate.authz;

import io.iamgate.compile.StatementRef;
import io.iamgate.eval.Decision;
import io.iamgate.eval.Evaluation;
import io.iamgate.eval.Explanation;
import java.util.List;
import java.util.Objects;

/**
 * The answer to one authorization question. Immutable. The reason and the deciding statements are
 * worked out only when asked for, so a caller that only needs {@link #allowed()} pays nothing for
 * the explanation.
 */
public final class Authorization {
  private final Decision decision;
  private final String bundleVersion;
  private final String problem;
  private final Evaluation evaluation;
  private final Explanation explanation;

  private Authorization(
      Decision decision,
      String bundleVersion,
      String problem,
      Evaluation evaluation,
      Explanation explanation) {
    this.decision = Objects.requireNonNull(decision, "decision");
    this.bundleVersion = bundleVersion;
    this.problem = problem;
    this.evaluation = evaluation;
    this.explanation = explanation;
  }

  static Authorization of(Evaluation e, String bundleVersion) {
    return new Authorization(e.decision(), bundleVersion, null, e, null);
  }

  static Authorization of(Explanation x, String bundleVersion) {
    return new Authorization(x.decision(), bundleVersion, null, null, x);
  }

  static Authorization denied(String problem, String bundleVersion) {
    return new Authorization(
        Decision.IMPLICIT_DENY, bundleVersion, Objects.requireNonNull(problem), null, null);
  }

  /** Allow, ExplicitDeny or ImplicitDeny; never Allow when {@link #problem()} is set. */
  public Decision decision() {
    return decision;
  }

  public boolean allowed() {
    return decision == Decision.ALLOW;
  }

  /** A one-line explanation. */
  public String reason() {
    if (problem != null) {
      return problem;
    }
    return evaluation != null ? evaluation.reason() : explanation.reason();
  }

  /** The deciding statements: the first one (authorize) or every applying one (explain). */
  public List<StatementRef> statements() {
    if (evaluation != null) {
      return evaluation.statement() == null ? List.of() : List.of(evaluation.statementRef());
    }
    return explanation == null ? List.of() : explanation.decidingStatements();
  }

  /** The bundle version that decided, or {@code null} when there was none. */
  public String bundleVersion() {
    return bundleVersion;
  }

  /**
   * Why the question could not be evaluated (unknown principal, invalid request, no bundle), or
   * {@code null}; such answers are always denials.
   */
  public String problem() {
    return problem;
  }

  @Override
  public String toString() {
    return decision.text() + ": " + reason();
  }
}
