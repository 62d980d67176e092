package io.iamgate.eval;

import io.iamgate.compile.Candidates;
import io.iamgate.compile.CompiledPolicies;
import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.compile.CompiledStatement;
import io.iamgate.compile.StatementRef;
import java.util.ArrayList;
import java.util.List;

/**
 * The decision algorithm of section 2.3: an applying Deny anywhere wins; then the guardrail,
 * identity and boundary gates each need an applying Allow; otherwise Allow. Evaluation does no
 * parsing, no I/O and throws nothing for any well-formed request.
 */
public final class Evaluator {
  private Evaluator() {}

  /** Decides, stopping at the first deciding statement. The hot path. */
  public static Evaluation decide(CompiledPolicySet set, Request request) {
    Candidates identity = candidates(set.identity(), request);
    Candidates boundary = set.boundary() == null ? null : candidates(set.boundary(), request);
    Candidates guardrails = set.guardrails() == null ? null : candidates(set.guardrails(), request);

    CompiledStatement deny = firstApplying(identity.denies(), request);
    if (deny != null) {
      return new Evaluation(Decision.EXPLICIT_DENY, set.identity(), deny, null);
    }
    if (boundary != null && (deny = firstApplying(boundary.denies(), request)) != null) {
      return new Evaluation(Decision.EXPLICIT_DENY, set.boundary(), deny, null);
    }
    if (guardrails != null && (deny = firstApplying(guardrails.denies(), request)) != null) {
      return new Evaluation(Decision.EXPLICIT_DENY, set.guardrails(), deny, null);
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
    Candidates identity = candidates(set.identity(), request);
    Candidates boundary = set.boundary() == null ? null : candidates(set.boundary(), request);
    Candidates guardrails = set.guardrails() == null ? null : candidates(set.guardrails(), request);

    List<StatementRef> denies = new ArrayList<>();
    collect(set.identity(), identity.denies(), request, denies);
    if (boundary != null) {
      collect(set.boundary(), boundary.denies(), request, denies);
    }
    if (guardrails != null) {
      collect(set.guardrails(), guardrails.denies(), request, denies);
    }
    List<StatementRef> guardrailAllows = new ArrayList<>();
    List<StatementRef> identityAllows = new ArrayList<>();
    List<StatementRef> boundaryAllows = new ArrayList<>();
    if (guardrails != null) {
      collect(set.guardrails(), guardrails.allows(), request, guardrailAllows);
    }
    collect(set.identity(), identity.allows(), request, identityAllows);
    if (boundary != null) {
      collect(set.boundary(), boundary.allows(), request, boundaryAllows);
    }
    Decision decision;
    Gate failed = null;
    if (!denies.isEmpty()) {
      decision = Decision.EXPLICIT_DENY;
    } else if (guardrails != null && guardrailAllows.isEmpty()) {
      decision = Decision.IMPLICIT_DENY;
      failed = Gate.GUARDRAILS;
    } else if (identityAllows.isEmpty()) {
      decision = Decision.IMPLICIT_DENY;
      failed = Gate.IDENTITY;
    } else if (boundary != null && boundaryAllows.isEmpty()) {
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

  private static CompiledStatement firstApplying(CompiledStatement[] statements, Request r) {
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
