package io.iamgate.lint;

import io.iamgate.bundle.Bundle;
import io.iamgate.policy.Clause;
import io.iamgate.policy.Effect;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.PolicyVersion;
import io.iamgate.policy.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Whether an {@code Allow} statement can ever take effect for the principals it is attached to
 * (docs/analyze.md, "Statements that never take effect"). The evaluation order is the one of
 * docs/policy-language.md section 2.3: an applying {@code Deny} anywhere wins, then the guardrails
 * and the permissions boundary must also allow; a statement both block is reported as outside the
 * guardrails, which no boundary change can fix. Every answer is sound: a statement is reported only
 * when no request can make it decide, whatever the request's keys.
 */
final class Shadowing {
  private Shadowing() {}

  /**
   * A statement and where it is written.
   *
   * @param label how a finding names it: {@code policy `DenyDeletes` Statement/0 (Sid NoDeletes)}
   * @param variables whether its document substitutes policy variables (Version 2012-10-17)
   */
  record Source(String label, Statement statement, boolean variables) {}

  /**
   * What decides one principal's requests.
   *
   * @param principal {@code user/alice}, {@code role/Auditor}, or a description such as {@code
   *     callers in group Developers}
   * @param identity the statements of every identity policy (managed, inline, through groups)
   * @param boundary the permissions boundary's name, or {@code null} when there is none
   * @param boundaryStatements the boundary's statements
   * @param guardrails whether a guardrail level applies
   * @param guardrailStatements the statements of every guardrail document
   */
  record PrincipalSet(
      String principal,
      List<Source> identity,
      @Nullable String boundary,
      List<Source> boundaryStatements,
      boolean guardrails,
      List<Source> guardrailStatements) {}

  /** Why a statement never takes effect for one principal. */
  record Blocked(Check check, String why) {}

  /** The set of a stand-alone document: its own statements, no boundary, no guardrails. */
  static PrincipalSet document(PolicyDocument doc) {
    return new PrincipalSet(
        "any principal", sources("this policy", doc), null, List.of(), false, List.of());
  }

  /**
   * The sets of every principal a policy attached to {@code attachedTo} ({@code user/alice}, {@code
   * group/Developers}, {@code role/Auditor}) decides for. A group stands for each of its users,
   * and, when the bundle reads groups from a claim, for a caller in the group with no policies of
   * its own.
   */
  static List<PrincipalSet> sets(Bundle b, List<String> attachedTo) {
    List<PrincipalSet> out = new ArrayList<>();
    for (String p : attachedTo) {
      int slash = p.indexOf('/');
      String kind = p.substring(0, slash);
      String name = p.substring(slash + 1);
      switch (kind) {
        case "user" -> {
          Bundle.User u = b.users().get(name);
          if (u != null) {
            out.add(user(b, u));
          }
        }
        case "role" -> {
          Bundle.Role r = b.roles().get(name);
          if (r != null) {
            List<Source> identity = new ArrayList<>();
            managed(b, r.policies(), identity);
            inline(r.inlinePolicies(), "role `" + r.name() + "`", identity);
            out.add(set(b, "role/" + r.name(), identity, r.permissionsBoundary()));
          }
        }
        default -> {
          Bundle.Group g = b.groups().get(name);
          if (g == null) {
            continue;
          }
          b.users().values().stream()
              .filter(u -> u.groups().contains(name))
              .sorted(java.util.Comparator.comparing(Bundle.User::name))
              .forEach(u -> out.add(user(b, u)));
          if (b.identity().groupsClaim() != null) {
            List<Source> identity = new ArrayList<>();
            group(b, g, identity);
            out.add(set(b, "callers in group `" + name + "`", identity, null));
          }
        }
      }
    }
    return out;
  }

  private static PrincipalSet user(Bundle b, Bundle.User u) {
    List<Source> identity = new ArrayList<>();
    managed(b, u.policies(), identity);
    inline(u.inlinePolicies(), "user `" + u.name() + "`", identity);
    for (String gname : u.groups()) {
      Bundle.Group g = b.groups().get(gname);
      if (g != null) {
        group(b, g, identity);
      }
    }
    return set(b, "user/" + u.name(), identity, u.permissionsBoundary());
  }

  private static void group(Bundle b, Bundle.Group g, List<Source> identity) {
    managed(b, g.policies(), identity);
    inline(g.inlinePolicies(), "group `" + g.name() + "`", identity);
  }

  private static PrincipalSet set(
      Bundle b, String principal, List<Source> identity, @Nullable String boundary) {
    List<Source> boundaryStatements = new ArrayList<>();
    if (boundary != null) {
      managed(b, List.of(boundary), boundaryStatements);
    }
    List<Source> guardrails = new ArrayList<>();
    managed(b, b.guardrails(), guardrails);
    return new PrincipalSet(
        principal, identity, boundary, boundaryStatements, !b.guardrails().isEmpty(), guardrails);
  }

  private static void managed(Bundle b, List<String> names, List<Source> out) {
    for (String n : names) {
      Bundle.ManagedPolicy mp = b.policies().get(n);
      if (mp != null) {
        out.addAll(sources("policy `" + n + "`", mp.policy().document()));
      }
    }
  }

  private static void inline(List<Bundle.Policy> policies, String owner, List<Source> out) {
    for (Bundle.Policy p : policies) {
      out.addAll(sources("inline policy `" + p.name() + "` of " + owner, p.document()));
    }
  }

  private static List<Source> sources(String policy, PolicyDocument doc) {
    boolean variables = doc.version() == PolicyVersion.V2012_10_17;
    List<Source> out = new ArrayList<>();
    for (int i = 0; i < doc.statements().size(); i++) {
      Statement s = doc.statements().get(i);
      String sid = s.sid() == null ? "" : " (Sid " + s.sid() + ")";
      out.add(new Source(policy + " Statement/" + i + sid, s, variables));
    }
    return out;
  }

  /**
   * Why {@code allow} never takes effect for {@code set}, or {@code null} when some request may be
   * allowed by it.
   *
   * @param variables whether {@code allow}'s document substitutes policy variables
   */
  static @Nullable Blocked blocked(Statement allow, boolean variables, PrincipalSet set) {
    List<Source> denies = new ArrayList<>(set.identity());
    denies.addAll(set.boundaryStatements());
    denies.addAll(set.guardrailStatements());
    for (Source d : denies) {
      Statement s = d.statement();
      if (s.effect() == Effect.DENY
          && s.conditions().isEmpty()
          && covers(s.action(), false, allow.action(), false, false)
          && covers(s.resource(), d.variables(), allow.resource(), variables, true)) {
        return new Blocked(
            Check.ALLOW_SHADOWED_BY_DENY,
            "for " + set.principal() + " the unconditional Deny " + d.label() + " covers it");
      }
    }
    if (set.guardrails() && noneAllows(set.guardrailStatements(), allow, variables)) {
      return new Blocked(
          Check.ALLOW_OUTSIDE_GUARDRAILS,
          "for " + set.principal() + " no guardrail allows any of its actions on its resources");
    }
    if (set.boundary() != null && noneAllows(set.boundaryStatements(), allow, variables)) {
      return new Blocked(
          Check.ALLOW_OUTSIDE_PERMISSIONS_BOUNDARY,
          "for "
              + set.principal()
              + " the permissions boundary `"
              + set.boundary()
              + "` allows none of its actions on its resources");
    }
    return null;
  }

  private static boolean noneAllows(List<Source> ceiling, Statement allow, boolean variables) {
    for (Source c : ceiling) {
      Statement s = c.statement();
      if (s.effect() == Effect.ALLOW
          && meets(s.action(), false, allow.action(), false, false)
          && meets(s.resource(), c.variables(), allow.resource(), variables, true)) {
        return false;
      }
    }
    return true;
  }

  /** Whether every value {@code inner} matches is matched by {@code outer} (sound). */
  private static boolean covers(
      Clause outer, boolean outerVars, Clause inner, boolean innerVars, boolean resource) {
    if (!outer.negated() && !inner.negated()) {
      return inner.patterns().stream()
          .allMatch(
              i -> anyContains(outer.patterns(), outerVars, Globs.widen(i, innerVars), resource));
    }
    if (!outer.negated()) {
      // inner is a NotX: it matches nearly everything
      return outer.patterns().stream().anyMatch(p -> p.equals("*"));
    }
    if (!inner.negated()) {
      // outer is NotX: it covers inner when no inner value is one of X
      return inner.patterns().stream()
          .allMatch(
              i ->
                  outer.patterns().stream()
                      .noneMatch(
                          x ->
                              Globs.intersects(
                                  Globs.widen(x, outerVars), Globs.widen(i, innerVars), resource)));
    }
    // NotX outer covers NotY inner when X is within Y
    return outer.patterns().stream()
        .allMatch(
            x -> anyContains(inner.patterns(), innerVars, Globs.widen(x, outerVars), resource));
  }

  private static boolean anyContains(
      List<String> outers, boolean outerVars, String inner, boolean resource) {
    for (String o : outers) {
      String exact = Globs.exact(o, outerVars);
      if (exact != null && Globs.contains(exact, inner, resource)) {
        return true;
      }
    }
    return false;
  }

  /** Whether some value may be matched by both clauses (sound: {@code false} is always right). */
  private static boolean meets(Clause a, boolean aVars, Clause b, boolean bVars, boolean resource) {
    if (a.negated() && b.negated()) {
      return true;
    }
    if (a.negated() || b.negated()) {
      Clause negated = a.negated() ? a : b;
      Clause positive = a.negated() ? b : a;
      boolean nVars = a.negated() ? aVars : bVars;
      boolean pVars = a.negated() ? bVars : aVars;
      // they meet unless every positive value is one of the negated patterns
      return !positive.patterns().stream()
          .allMatch(p -> anyContains(negated.patterns(), nVars, Globs.widen(p, pVars), resource));
    }
    for (String x : a.patterns()) {
      for (String y : b.patterns()) {
        if (Globs.intersects(Globs.widen(x, aVars), Globs.widen(y, bVars), resource)) {
          return true;
        }
      }
    }
    return false;
  }
}
