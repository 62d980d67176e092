package io.iamgate.eval;

import io.iamgate.compile.Candidates;
import io.iamgate.compile.CompiledCondition;
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
 * <p>{@link #decide} and {@link #explain} are one algorithm ({@link #run}): decide stops at the
 * first statement that settles the answer, explain passes a collector that records every applying
 * statement (and so visits them all). They cannot drift apart.
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

  /** Decides, stopping at the first deciding statement. The hot path. */
  public static Evaluation decide(CompiledPolicySet set, Request request) {
    return run(set, request, null);
  }

  /** Decides and reports every applying statement. Slower than {@link #decide}; same decision. */
  public static Explanation explain(CompiledPolicySet set, Request request) {
    Collect all = new Collect();
    Evaluation e = run(set, request, all);
    return new Explanation(
        e.decision(),
        e.failedGate(),
        all.denies,
        all.guardrailAllows,
        all.identityAllows,
        all.boundaryAllows,
        e.failedGate() == null ? List.of() : all.missesOf(e.failedGate()));
  }

  /**
   * Section 2.3, once. Without a collector it stops at the first statement that settles the answer;
   * with one it visits every candidate statement and records each that applies.
   */
  private static Evaluation run(CompiledPolicySet set, Request request, @Nullable Collect all) {
    CompiledPolicies identityGroup = set.identity();
    CompiledPolicies boundaryGroup = set.boundary();
    CompiledPolicies guardrailGroup = set.guardrails();
    Candidates identity = candidates(identityGroup, request);
    Candidates boundary = boundaryGroup == null ? null : candidates(boundaryGroup, request);
    Candidates guardrails = guardrailGroup == null ? null : candidates(guardrailGroup, request);
    boolean first = all == null;

    // denies, in the order identity, boundary, guardrails: the first one decides
    CompiledPolicies denyGroup = identityGroup;
    CompiledStatement deny = scan(all, Role.DENY, identityGroup, identity.denies(), request);
    if (boundary != null && boundaryGroup != null && (deny == null || !first)) {
      CompiledStatement d = scan(all, Role.DENY, boundaryGroup, boundary.denies(), request);
      if (deny == null && d != null) {
        deny = d;
        denyGroup = boundaryGroup;
      }
    }
    if (guardrails != null && guardrailGroup != null && (deny == null || !first)) {
      CompiledStatement d = scan(all, Role.DENY, guardrailGroup, guardrails.denies(), request);
      if (deny == null && d != null) {
        deny = d;
        denyGroup = guardrailGroup;
      }
    }
    if (deny != null && first) {
      return new Evaluation(Decision.EXPLICIT_DENY, denyGroup, deny, null);
    }
    // the allow gates, in the order an implicit deny is reported
    boolean guardrailAllows =
        guardrails == null
            || guardrailGroup == null
            || scan(all, Role.GUARDRAIL_ALLOW, guardrailGroup, guardrails.allows(), request)
                != null;
    if (!guardrailAllows && first) {
      return Evaluation.implicitDeny(PolicyType.GUARDRAIL);
    }
    CompiledStatement allow =
        scan(all, Role.IDENTITY_ALLOW, identityGroup, identity.allows(), request);
    if (allow == null && first) {
      return Evaluation.implicitDeny(PolicyType.IDENTITY);
    }
    boolean boundaryAllows =
        boundary == null
            || boundaryGroup == null
            || scan(all, Role.BOUNDARY_ALLOW, boundaryGroup, boundary.allows(), request) != null;
    if (deny != null) {
      return new Evaluation(Decision.EXPLICIT_DENY, denyGroup, deny, null);
    }
    if (!guardrailAllows) {
      return Evaluation.implicitDeny(PolicyType.GUARDRAIL);
    }
    if (allow == null) {
      return Evaluation.implicitDeny(PolicyType.IDENTITY);
    }
    if (!boundaryAllows) {
      return Evaluation.implicitDeny(PolicyType.BOUNDARY);
    }
    return new Evaluation(Decision.ALLOW, identityGroup, allow, null);
  }

  /**
   * The first statement of {@code statements} that applies, or {@code null}; with a collector,
   * every applying statement is recorded as {@code role} (and all are visited).
   */
  private static @Nullable CompiledStatement scan(
      @Nullable Collect all,
      Role role,
      CompiledPolicies group,
      CompiledStatement[] statements,
      Request r) {
    String resource = r.resource();
    CompiledStatement found = null;
    for (CompiledStatement s : statements) {
      if (s.appliesTo(resource, r)) {
        if (all == null) {
          return s;
        }
        all.add(role, group, s);
        if (found == null) {
          found = s;
        }
      } else if (all != null && role != Role.DENY) {
        all.miss(group, s, r);
      }
    }
    return found;
  }

  private static Candidates candidates(CompiledPolicies group, Request r) {
    return group.candidates(r.actionId(), r.foldedService(), r.foldedName());
  }

  /** explain's collector: every applying statement, by what it counts for. */
  private static final class Collect {
    private final List<StatementRef> denies = new ArrayList<>();
    private final List<StatementRef> guardrailAllows = new ArrayList<>();
    private final List<StatementRef> identityAllows = new ArrayList<>();
    private final List<StatementRef> boundaryAllows = new ArrayList<>();

    private final List<NearMiss> misses = new ArrayList<>();

    /** Records why the Allow statement {@code s}, whose action matched, does not apply. */
    void miss(CompiledPolicies group, CompiledStatement s, Request r) {
      String resourceMiss = s.resourceMiss(r.resource(), r);
      if (resourceMiss != null) {
        misses.add(new NearMiss(group.refOf(s), NearMiss.Kind.RESOURCE, resourceMiss));
        return;
      }
      CompiledCondition c = s.firstFailingCondition(r);
      if (c != null) {
        misses.add(new NearMiss(group.refOf(s), NearMiss.Kind.CONDITION, c.describe(r)));
      }
    }

    List<NearMiss> missesOf(PolicyType gate) {
      return misses.stream().filter(m -> m.statement().source() == gate).toList();
    }

    void add(Role role, CompiledPolicies group, CompiledStatement s) {
      List<StatementRef> to =
          switch (role) {
            case DENY -> denies;
            case GUARDRAIL_ALLOW -> guardrailAllows;
            case IDENTITY_ALLOW -> identityAllows;
            case BOUNDARY_ALLOW -> boundaryAllows;
          };
      to.add(group.refOf(s));
    }
  }
}
