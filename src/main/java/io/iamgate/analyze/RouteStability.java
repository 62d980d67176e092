package io.iamgate.analyze;

import io.iamgate.compile.ActionIds;
import io.iamgate.compile.Candidates;
import io.iamgate.compile.CompiledPolicies;
import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.compile.CompiledStatement;
import io.iamgate.compile.Glob;
import io.iamgate.eval.RequestContext;
import io.iamgate.policy.Arn;
import io.iamgate.policy.Condition;
import io.iamgate.policy.Template;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Can the decision for an action on a resource depend on the request? Answered from the compiled
 * policies alone, for a principal's set: the decision for {@code (action, resource)} is <em>stable
 * </em> when no statement that could decide it (a candidate for the action in any of the set's
 * policy types)
 *
 * <ul>
 *   <li>has a condition on a {@link VolatileKeys volatile} key, or substitutes one into a condition
 *       value;
 *   <li>has, where the resource holds the {@link #PROBE} (a route's path parameter, any value), a
 *       resource pattern that matches some but not all resources that start with the resource's
 *       literal prefix ({@code report/${aws:username}/*} against {@code report/<any>/<any>}).
 * </ul>
 *
 * A stable decision taken once for one request holds for every request of the same caller to the
 * same route, which is what makes a cached authorizer answer safe to replay. The analysis is
 * conservative: "not stable" may be said of a decision that does not in fact vary.
 */
public final class RouteStability {
  /** Substituted for a route's path parameters when deciding it for any value. */
  public static final String PROBE = "\u0000iamgate-probe\u0000";

  private RouteStability() {}

  /**
   * Whether the decision for {@code action} on {@code resource} cannot depend on the request.
   *
   * @param resource the resource, with {@link #PROBE} where a path parameter's value goes
   * @param stableContext the caller's request-independent context keys (its token's claims, its
   *     principal's keys), used to resolve policy variables in resource patterns
   */
  public static boolean isStable(
      String action, String resource, CompiledPolicySet set, RequestContext stableContext) {
    ActionIds.Action a = ActionIds.action(action);
    int probeAt = resource.indexOf(PROBE);
    String literalPrefix = probeAt >= 0 ? resource.substring(0, probeAt) : null;
    for (CompiledPolicies group : groups(set)) {
      Candidates c = group.candidates(a.id(), a.service(), a.name());
      for (CompiledStatement[] list : List.of(c.denies(), c.allows())) {
        for (CompiledStatement s : list) {
          if (dependsOnRequest(s)) {
            return false;
          }
          if (literalPrefix != null && !resourceIndependent(s, literalPrefix, stableContext)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /**
   * Whether a statement's conditions test, or substitute, a volatile key, or its resource patterns
   * substitute one ({@code ${request:header/x-kind}}), whatever the route's resource holds.
   */
  static boolean dependsOnRequest(CompiledStatement s) {
    for (Condition cond : s.source().conditions()) {
      if (VolatileKeys.isVolatile(cond.key())
          || cond.values().stream().anyMatch(VolatileKeys::mentionedIn)) {
        return true;
      }
    }
    if (s.document().source().version().supportsVariables()) {
      for (String pattern : s.source().resource().patterns()) {
        if (pattern.contains("${") && VolatileKeys.mentionedIn(pattern)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether the statement's resource clause gives the same answer for every resource that starts
   * with {@code prefix} (the route's resource before its first path parameter).
   */
  private static boolean resourceIndependent(
      CompiledStatement s, String prefix, RequestContext ctx) {
    boolean variables = s.document().source().version().supportsVariables();
    for (String pattern : s.source().resource().patterns()) {
      String p = pattern;
      if (variables && p.contains("${")) {
        String resolved = resolve(p, ctx);
        if (resolved == null) {
          return false;
        }
        p = resolved;
      }
      if (coverage(p, prefix) == Coverage.DEPENDS) {
        return false;
      }
    }
    return true;
  }

  /**
   * The pattern with its variables substituted from stable values (a variable without a value
   * contributes nothing); {@code null} when the answer could depend on the request (a volatile
   * variable, a literal wildcard, or a value holding one).
   */
  private static @Nullable String resolve(String pattern, RequestContext ctx) {
    StringBuilder sb = new StringBuilder();
    for (Template.Part part : Template.parse(pattern, true).parts()) {
      if (part instanceof Template.Text t) {
        sb.append(t.text());
      } else if (part instanceof Template.Literal) {
        return null; // a literal * or ? inside the pattern: not worth reasoning about
      } else {
        Template.Variable v = (Template.Variable) part;
        if (VolatileKeys.isVolatile(v.name())) {
          return null;
        }
        var value = ctx.lookup(v.name());
        String text = value != null && !value.isMulti() ? value.single().text() : v.defaultValue();
        if (text == null) {
          continue; // unresolvable: the engine matches nothing with this entry
        }
        if (text.contains("*") || text.contains("?")) {
          return null;
        }
        sb.append(text);
      }
    }
    return sb.toString();
  }

  /** How much of a set of resources a pattern matches. */
  public enum Coverage {
    ALL,
    NONE,
    DEPENDS
  }

  /**
   * Whether a resource pattern matches all, none, or some of the resources that start with {@code
   * prefix}. ARN parts 1 to 5 of the prefix are whole (a route's path parameters sit in the
   * resource part), so they are matched part by part; the resource part is compared by its literal
   * start.
   */
  public static Coverage coverage(String pattern, String prefix) {
    if (!pattern.isEmpty() && pattern.chars().allMatch(c -> c == '*')) {
      return Coverage.ALL;
    }
    String[] pp = Arn.splitPadded(pattern);
    String[] rp = Arn.split(prefix);
    if (rp == null) {
      return Coverage.DEPENDS;
    }
    for (int i = 0; i < 5; i++) {
      if (!Glob.of(pp[i]).matches(rp[i])) {
        return Coverage.NONE;
      }
    }
    String tail = pp[5];
    String tailPrefix = rp[5];
    int wild = firstWildcard(tail);
    String literal = wild < 0 ? tail : tail.substring(0, wild);
    if (!literal.startsWith(tailPrefix) && !tailPrefix.startsWith(literal)) {
      return Coverage.NONE;
    }
    if (wild == tail.length() - 1 && tail.charAt(wild) == '*' && tailPrefix.startsWith(literal)) {
      return Coverage.ALL;
    }
    return Coverage.DEPENDS;
  }

  private static int firstWildcard(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '*' || s.charAt(i) == '?') {
        return i;
      }
    }
    return -1;
  }

  private static List<CompiledPolicies> groups(CompiledPolicySet set) {
    List<CompiledPolicies> out = new ArrayList<>(3);
    out.add(set.identity());
    CompiledPolicies boundary = set.boundary();
    if (boundary != null) {
      out.add(boundary);
    }
    CompiledPolicies guardrails = set.guardrails();
    if (guardrails != null) {
      out.add(guardrails);
    }
    return out;
  }
}
