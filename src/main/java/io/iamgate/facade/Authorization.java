package io.iamgate.facade;

import io.iamgate.compile.PolicyType;
import io.iamgate.compile.StatementRef;
import io.iamgate.eval.Decision;
import io.iamgate.eval.Evaluation;
import io.iamgate.eval.Explanation;
import io.iamgate.eval.NearMiss;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The answer to one authorization question. Immutable. The reason and the deciding statements are
 * worked out only when asked for, so a caller that only needs {@link #allowed()} pays nothing for
 * the explanation.
 */
public final class Authorization {
  private final Decision decision;
  private final @Nullable String bundleVersion;
  private final @Nullable String problem;
  private final @Nullable Evaluation evaluation;
  private final @Nullable Explanation explanation;

  private Authorization(
      Decision decision,
      @Nullable String bundleVersion,
      @Nullable String problem,
      @Nullable Evaluation evaluation,
      @Nullable Explanation explanation) {
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

  static Authorization denied(String problem, @Nullable String bundleVersion) {
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
    if (evaluation != null) {
      return evaluation.reason();
    }
    return Objects.requireNonNull(
            explanation, "an answer without a problem or an evaluation has an explanation")
        .reason();
  }

  /** The deciding statements: the first one (authorize) or every applying one (explain). */
  public List<StatementRef> statements() {
    if (evaluation != null) {
      StatementRef ref = evaluation.statementRef(); // null exactly when there is no statement
      return ref == null ? List.of() : List.of(ref);
    }
    return explanation == null ? List.of() : explanation.decidingStatements();
  }

  /**
   * For an implicit deny decided in explain mode, the near misses of the failed gate (see {@link
   * Explanation#nearMisses}); else empty.
   */
  public List<NearMiss> nearMisses() {
    return explanation == null ? List.of() : explanation.nearMisses();
  }

  /** The failed gate of an implicit deny decided by the engine, or {@code null}. */
  public @Nullable PolicyType failedGate() {
    if (explanation != null) {
      return explanation.failedGate();
    }
    return evaluation == null ? null : evaluation.failedGate();
  }

  /** The bundle version that decided, or {@code null} when there was none. */
  public @Nullable String bundleVersion() {
    return bundleVersion;
  }

  /**
   * Why the question could not be evaluated (unknown principal, invalid request, no bundle), or
   * {@code null}; such answers are always denials.
   */
  public @Nullable String problem() {
    return problem;
  }

  @Override
  public String toString() {
    return decision.text() + ": " + reason();
  }
}
