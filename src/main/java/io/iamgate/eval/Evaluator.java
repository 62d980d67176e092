package io.iamgate.eval;

import io.iamgate.compile.Candidates;
import io.iamgate.compile.CompiledPolicies;
import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.compile.CompiledStatement;
import io.iamgate.compile.StatementRef;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The decision algorithm of section 2.3: an applying Deny anywhere wins; then the guardrail,
 * identity and boundary gates each need an applying Allow; otherwise Allow. Evaluation does no
 * parsing, no I/O and throws nothing for any well-formed request.
 */
public final class Evaluator {
  private Evaluator() {}

  /** Decides, stopping at the first deciding statement. The hot path. */
  public static Evaluation decide(CompiledPolicySet set, Request request) {
    CompiledPolicies boundaryGroup = set.boundary();
    CompiledPolicies guardrailGroup = set.guardrails();
    Candidates identity = candidates(set.identity(), request);
    Candidates boundary = boundaryGroup == null ? null : candidates(boundaryGroup, request);
    Candidates guardrails = guardrailGroup == null ? null : candidates(guardrailGroup, request);

    CompiledStatement deny = firstApplying(identity.denies(), request);
    if (deny != null) {
      return new Evaluation(Decision.EXPLICIT_DENY, set.identity(), deny, null);
    }
    if (boundary != null && (deny = firstApplying(boundary.denies(), request)) != null) {
      return new Evaluation(Decision.EXPLICIT_DENY, boundaryGroup, deny, null);
    }
    if (guardrails != null && (deny = firstApplying(guardrails.denies(), request)) != null) {
      return new Evaluation(Decision.EXPLICIT_DENY, guardrailGroup, deny, null);
    }
    if (guardrails != null && firstApplying(guardrails.allows(), request) == null) {
      return Evaluation.implicitDeny(Gate.GUARDRAILS);
    }
    CompiledStatement allow = firstApplying(identity.allows(), request);
    if (allow == null) {
      return Evaluation.implicitDeny(Gate.IDENTITY);
    }
    if (boundary != null && firstApplying(boundary.allows(), request) == null) {
      return Evaluation.implicitDeny(Gate.BOUNDARY);
    }
    return new Evaluation(Decision.ALLOW, set.identity(), allow, null);
  }

  /** Decides and reports every applying statement. Slower than {@link #decide}; same decision. */
  public static Explanation explain(CompiledPolicySet set, Request request) {
    CompiledPolicies boundaryGroup = set.boundary();
    CompiledPolicies guardrailGroup = set.guardrails();
    Candidates identity = candidates(set.identity(), request);

    // denies in the order identity, boundary, guardrails; the allows of each level apart
    List<StatementRef> denies = new ArrayList<>();
    List<StatementRef> guardrailAllows = new ArrayList<>();
    List<StatementRef> identityAllows = new ArrayList<>();
    List<StatementRef> boundaryAllows = new ArrayList<>();
    collect(set.identity(), identity.denies(), request, denies);
    collect(set.identity(), identity.allows(), request, identityAllows);
    if (boundaryGroup != null) {
      Candidates boundary = candidates(boundaryGroup, request);
      collect(boundaryGroup, boundary.denies(), request, denies);
      collect(boundaryGroup, boundary.allows(), request, boundaryAllows);
    }
    if (guardrailGroup != null) {
      Candidates guardrails = candidates(guardrailGroup, request);
      collect(guardrailGroup, guardrails.denies(), request, denies);
      collect(guardrailGroup, guardrails.allows(), request, guardrailAllows);
    }
    Decision decision;
    Gate failed = null;
    if (!denies.isEmpty()) {
      decision = Decision.EXPLICIT_DENY;
    } else if (guardrailGroup != null && guardrailAllows.isEmpty()) {
      decision = Decision.IMPLICIT_DENY;
      failed = Gate.GUARDRAILS;
    } else if (identityAllows.isEmpty()) {
      decision = Decision.IMPLICIT_DENY;
      failed = Gate.IDENTITY;
    } else if (boundaryGroup != null && boundaryAllows.isEmpty()) {
      decision = Decision.IMPLICIT_DENY;
      failed = Gate.BOUNDARY;
    } else {
      decision = Decision.ALLOW;
    }
    return new Explanation(
        decision, failed, denies, guardrailAllows, identityAllows, boundaryAllows);
  }

  private static Candidates candidates(CompiledPolicies group, Request r) {
    return group.candidates(r.actionId(), r.foldedService(), r.foldedName());
  }

  private static @Nullable CompiledStatement firstApplying(
      CompiledStatement[] statements, Request r) {
    String resource = r.resource();
    for (CompiledStatement s : statements) {
      if (s.appliesTo(resource, r)) {
        return s;
      }
    }
    return null;
  }

  private static void collect(
      CompiledPolicies group, CompiledStatement[] statements, Request r, List<StatementRef> out) {
    for (CompiledStatement s : statements) {
      if (s.appliesTo(r.resource(), r)) {
        out.add(group.refOf(s));
      }
    }
  }
}
