package io.iamgate.eval;

import io.iamgate.compile.Candidates;
import io.iamgate.compile.CompiledPolicies;
import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.compile.CompiledStatement;
import io.iamgate.compile.PolicyType;
import io.iamgate.compile.StatementRef;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The decision algorithm of section 2.3: an applying Deny anywhere wins; then the guardrail,
 * identity and boundary gates each need an applying Allow; otherwise Allow. Evaluation does no
 * parsing, no I/O and throws nothing for any well-formed request.
 *
 * <p>{@link #decide} and {@link #explain} are one algorithm ({@link #run}) with two sinks: decide's
 * stops at the first statement that settles the answer, explain's collects every applying
 * statement. They cannot drift apart.
 */
public final class Evaluator {
  private Evaluator() {}

  /** What an applying statement counts for. */
  private enum Role {
    DENY,
    GUARDRAIL_ALLOW,
    IDENTITY_ALLOW,
    BOUNDARY_ALLOW
  }

  /** Where the algorithm reports applying statements, and what it makes of the decision. */
  private interface Sink<R> {
    /** Whether the first statement that settles the answer is enough. */
    boolean firstOnly();

    /** {@code s} of {@code group} applies to the request, counting as {@code role}. */
    void applying(Role role, CompiledPolicies group, CompiledStatement s);

    /** The answer, given the decision and, for an implicit deny, the gate that failed. */
    R result(Decision decision, @Nullable PolicyType failedGate);
  }

  /** Decides, stopping at the first deciding statement. The hot path. */
  public static Evaluation decide(CompiledPolicySet set, Request request) {
    return run(set, request, new FirstHit());
  }

  /** Decides and reports every applying statement. Slower than {@link #decide}; same decision. */
  public static Explanation explain(CompiledPolicySet set, Request request) {
    return run(set, request, new Collect());
  }

  /** Section 2.3, once. */
  private static <R> R run(CompiledPolicySet set, Request request, Sink<R> sink) {
    CompiledPolicies identityGroup = set.identity();
    CompiledPolicies boundaryGroup = set.boundary();
    CompiledPolicies guardrailGroup = set.guardrails();
    Candidates identity = candidates(identityGroup, request);
    Candidates boundary = boundaryGroup == null ? null : candidates(boundaryGroup, request);
    Candidates guardrails = guardrailGroup == null ? null : candidates(guardrailGroup, request);
    boolean first = sink.firstOnly();

    // denies, in the order identity, boundary, guardrails
    boolean denied = scan(sink, Role.DENY, identityGroup, identity.denies(), request);
    if (boundary != null && boundaryGroup != null && !(denied && first)) {
      denied |= scan(sink, Role.DENY, boundaryGroup, boundary.denies(), request);
    }
    if (guardrails != null && guardrailGroup != null && !(denied && first)) {
      denied |= scan(sink, Role.DENY, guardrailGroup, guardrails.denies(), request);
    }
    if (denied && first) {
      return sink.result(Decision.EXPLICIT_DENY, null);
    }
    // the allow gates, in the order an implicit deny is reported
    boolean guardrailAllows =
        guardrails == null
            || guardrailGroup == null
            || scan(sink, Role.GUARDRAIL_ALLOW, guardrailGroup, guardrails.allows(), request);
    if (!guardrailAllows && first) {
      return sink.result(Decision.IMPLICIT_DENY, PolicyType.GUARDRAIL);
    }
    boolean identityAllows =
        scan(sink, Role.IDENTITY_ALLOW, identityGroup, identity.allows(), request);
    if (!identityAllows && first) {
      return sink.result(Decision.IMPLICIT_DENY, PolicyType.IDENTITY);
    }
    boolean boundaryAllows =
        boundary == null
            || boundaryGroup == null
            || scan(sink, Role.BOUNDARY_ALLOW, boundaryGroup, boundary.allows(), request);
    if (denied) {
      return sink.result(Decision.EXPLICIT_DENY, null);
    }
    if (!guardrailAllows) {
      return sink.result(Decision.IMPLICIT_DENY, PolicyType.GUARDRAIL);
    }
    if (!identityAllows) {
      return sink.result(Decision.IMPLICIT_DENY, PolicyType.IDENTITY);
    }
    if (!boundaryAllows) {
      return sink.result(Decision.IMPLICIT_DENY, PolicyType.BOUNDARY);
    }
    return sink.result(Decision.ALLOW, null);
  }

  /**
   * Reports the applying statements (only the first when the sink wants one); whether any applied.
   */
  private static <R> boolean scan(
      Sink<R> sink, Role role, CompiledPolicies group, CompiledStatement[] statements, Request r) {
    String resource = r.resource();
    boolean any = false;
    for (CompiledStatement s : statements) {
      if (s.appliesTo(resource, r)) {
        sink.applying(role, group, s);
        if (sink.firstOnly()) {
          return true;
        }
        any = true;
      }
    }
    return any;
  }

  private static Candidates candidates(CompiledPolicies group, Request r) {
    return group.candidates(r.actionId(), r.foldedService(), r.foldedName());
  }

  /** decide's sink: keeps the deciding deny or identity allow. */
  private static final class FirstHit implements Sink<Evaluation> {
    private @Nullable CompiledPolicies group;
    private @Nullable CompiledStatement statement;

    @Override
    public boolean firstOnly() {
      return true;
    }

    @Override
    public void applying(Role role, CompiledPolicies g, CompiledStatement s) {
      if (role == Role.DENY || role == Role.IDENTITY_ALLOW) {
        group = g;
        statement = s;
      }
    }

    @Override
    public Evaluation result(Decision decision, @Nullable PolicyType failedGate) {
      if (decision == Decision.IMPLICIT_DENY) {
        return Evaluation.implicitDeny(
            java.util.Objects.requireNonNull(failedGate, "an implicit deny names its gate"));
      }
      return new Evaluation(decision, group, statement, null);
    }
  }

  /** explain's sink: every applying statement, by what it counts for. */
  private static final class Collect implements Sink<Explanation> {
    private final List<StatementRef> denies = new ArrayList<>();
    private final List<StatementRef> guardrailAllows = new ArrayList<>();
    private final List<StatementRef> identityAllows = new ArrayList<>();
    private final List<StatementRef> boundaryAllows = new ArrayList<>();

    @Override
    public boolean firstOnly() {
      return false;
    }

    @Override
    public void applying(Role role, CompiledPolicies group, CompiledStatement s) {
      List<StatementRef> to =
          switch (role) {
            case DENY -> denies;
            case GUARDRAIL_ALLOW -> guardrailAllows;
            case IDENTITY_ALLOW -> identityAllows;
            case BOUNDARY_ALLOW -> boundaryAllows;
          };
      to.add(group.refOf(s));
    }

    @Override
    public Explanation result(Decision decision, @Nullable PolicyType failedGate) {
      return new Explanation(
          decision, failedGate, denies, guardrailAllows, identityAllows, boundaryAllows);
    }
  }
}
