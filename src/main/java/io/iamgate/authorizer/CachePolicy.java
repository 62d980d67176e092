package io.iamgate.authorizer;

import io.iamgate.bundle.Bundle;
import io.iamgate.compile.ActionIds;
import io.iamgate.compile.Candidates;
import io.iamgate.compile.CompiledPolicies;
import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.compile.CompiledStatement;
import io.iamgate.eval.Decision;
import io.iamgate.eval.Evaluator;
import io.iamgate.eval.Request;
import io.iamgate.eval.RequestContext;
import io.iamgate.gateway.AuthorizerResponse;
import io.iamgate.gateway.MethodArn;
import io.iamgate.policy.CaseFold;
import io.iamgate.policy.Condition;
import io.iamgate.policy.Template;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds a policy API Gateway can cache by identity: the current request's exact ARN with its
 * decision, plus every route of the bundle whose decision for this principal cannot depend on
 * the request — decided once, written as an ARN pattern ({@code /orders/{id}} →
 * {@code GET/orders/*}). A route is left out (so a cache hit on it is a 403 until the TTL ends,
 * never a wrong allow) when a statement that could decide it has a condition on a per-request
 * key (source IP, time, user agent, {@code request:*}), or a resource pattern that matches some
 * but not all values of the route's path parameters. Denied routes are written as explicit
 * {@code Deny} statements whenever an allowed pattern could cover them, since API Gateway's
 * {@code *} spans {@code /}.
 *
 * <p>Safety rests on one assumption, documented for operators: in {@code route-table} mode the
 * bundle's routes list every route of the API behind the authorizer.
 */
final class CachePolicy {
  /** Keys whose value changes from request to request of the same identity. */
  private static final Set<String> VOLATILE_KEYS = Set.of(
      "aws:sourceip", "aws:currenttime", "aws:epochtime", "aws:useragent", "aws:multifactorauthage", "aws:referer");

  private CachePolicy() {}

  /** One compiled route: its ARN pattern parts and its resource template. */
  record Route(Bundle.Route route, String verbPattern, String pathPattern, boolean hasPathVariables) {
    static Route of(Bundle.Route r) {
      StringBuilder p = new StringBuilder();
      String path = r.path().startsWith("/") ? r.path().substring(1) : r.path();
      boolean params = false;
      for (String seg : path.isEmpty() ? new String[0] : path.split("/")) {
        if (p.length() > 0) {
          p.append('/');
        }
        if (seg.startsWith("{")) {
          p.append('*');
          params = true;
        } else {
          p.append(seg);
        }
      }
      return new Route(r, r.method().equals("ANY") ? "*" : r.method(), p.toString(), params);
    }
  }

  static boolean isVolatileKey(String key) {
    String k = CaseFold.fold(key);
    return VOLATILE_KEYS.contains(k) || k.startsWith("request:");
  }

  /**
   * The request-independent part of a route-table response for one principal and API stage: the
   * ARN patterns of the stable routes it may call, and of those it may not (with their verbs).
   */
  record RouteTable(List<String> allowed, List<String[]> denied) {}

  /**
   * Decides every stable route of the bundle for a principal.
   *
   * @param stableContext the principal's and token's context keys (none of the per-request ones)
   * @param resolveResource the route's resource with its non-path variables resolved from stable
   *     values, path variables replaced by {@link #PROBE}; {@code null} when unresolvable
   */
  static RouteTable routeTable(MethodArn arn, List<Route> routes, CompiledPolicySet set,
      Map<String, Object> stableContext, Function<Route, String> resolveResource) {
    List<String> allowed = new ArrayList<>();
    List<String[]> denied = new ArrayList<>();
    RequestContext.Builder ctxBuilder = RequestContext.builder();
    stableContext.forEach(ctxBuilder::putValue);
    if (!ctxBuilder.problems().isEmpty()) {
      return new RouteTable(List.of(), List.of());
    }
    RequestContext ctx = ctxBuilder.build();
    for (Route r : routes) {
      String resource = resolveResource.apply(r);
      if (resource == null || !stable(r, resource, set, ctx)) {
        continue;
      }
      String pattern = arn.withRoute(r.verbPattern(), r.pathPattern());
      Decision d = Evaluator.decide(set, Request.of(r.route().action(), resource, ctx)).decision();
      if (d == Decision.ALLOW) {
        allowed.add(pattern);
      } else {
        denied.add(new String[] {r.verbPattern(), pattern});
      }
    }
    return new RouteTable(List.copyOf(allowed), List.copyOf(denied));
  }

  /** The statements of a route-table response: the called ARN with its decision, plus the table. */
  static List<AuthorizerResponse.Statement> statements(
      MethodArn arn, String currentArn, boolean currentAllowed, RouteTable table) {
    Set<String> allow = new LinkedHashSet<>();
    Set<String> deny = new LinkedHashSet<>();
    (currentAllowed ? allow : deny).add(currentArn);
    allow.addAll(table.allowed());
    for (String[] d : table.denied()) {
      if (mayOverlap(d[0], allow, arn)) {
        deny.add(d[1]);
      }
    }
    return statements(allow, deny);
  }

  static List<AuthorizerResponse.Statement> exact(String arn, boolean allowed) {
    return List.of(new AuthorizerResponse.Statement(allowed ? "Allow" : "Deny", List.of(arn)));
  }

  private static List<AuthorizerResponse.Statement> statements(Set<String> allow, Set<String> deny) {
    List<AuthorizerResponse.Statement> out = new ArrayList<>();
    if (!allow.isEmpty()) {
      out.add(new AuthorizerResponse.Statement("Allow", List.copyOf(allow)));
    }
    if (!deny.isEmpty()) {
      out.add(new AuthorizerResponse.Statement("Deny", List.copyOf(deny)));
    }
    return out;
  }

  /** Whether an allowed pattern could match an ARN of a route with this verb. */
  private static boolean mayOverlap(String verb, Set<String> allow, MethodArn arn) {
    String base = arn.apiPrefix() + "/" + arn.stage() + "/";
    for (String a : allow) {
      if (!a.startsWith(base)) {
        return true;
      }
      String rest = a.substring(base.length());
      int slash = rest.indexOf('/');
      String allowVerb = slash < 0 ? rest : rest.substring(0, slash);
      if (allowVerb.contains("*") || verb.equals("*") || allowVerb.equals(verb)) {
        return true;
      }
    }
    return false;
  }

  /** Whether no statement that could decide the route depends on the request. */
  private static boolean stable(Route r, String resource, CompiledPolicySet set, RequestContext ctx) {
    ActionIds.Action a = ActionIds.action(r.route().action());
    int probeAt = resource.indexOf(PROBE);
    String literalPrefix = probeAt >= 0 ? resource.substring(0, probeAt) : null;
    for (CompiledPolicies group : groups(set)) {
      Candidates c = group.candidates(a.id(), a.service(), a.name());
      for (CompiledStatement[] list : List.of(c.denies(), c.allows())) {
        for (CompiledStatement s : list) {
          for (Condition cond : s.source().conditions()) {
            if (isVolatileKey(cond.key()) || cond.values().stream().anyMatch(CachePolicy::mentionsVolatileVariable)) {
              return false;
            }
          }
          if (literalPrefix != null && !resourceIndependent(s, literalPrefix, ctx)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** The probe substituted for path parameters when deciding a route for any value. */
  static final String PROBE = "\u0000iamgate-probe\u0000";

  private static boolean mentionsVolatileVariable(String value) {
    for (Template.Part p : Template.parse(value, true).parts()) {
      if (p instanceof Template.Variable v && isVolatileKey(v.name())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the statement's resource clause gives the same answer for every resource that starts
   * with {@code prefix} (the route's resource before its first path parameter).
   */
  private static boolean resourceIndependent(CompiledStatement s, String prefix, RequestContext ctx) {
    boolean variables = s.document().source().version().supportsVariables();
    for (String pattern : s.source().resource().patterns()) {
      String p = pattern;
      if (variables && p.contains("${")) {
        StringBuilder sb = new StringBuilder();
        for (Template.Part part : Template.parse(p, true).parts()) {
          if (part instanceof Template.Text t) {
            sb.append(t.text());
          } else if (part instanceof Template.Literal lit) {
            return false; // a literal * or ? inside the pattern: not worth reasoning about
          } else {
            Template.Variable v = (Template.Variable) part;
            if (isVolatileKey(v.name())) {
              return false;
            }
            var value = ctx.lookup(v.name());
            String text = value != null && !value.isMulti() ? value.single().text() : v.defaultValue();
            if (text == null || text.contains("*") || text.contains("?")) {
              if (text == null) {
                continue; // unresolvable: this entry matches nothing, whatever the request
              }
              return false;
            }
            sb.append(text);
          }
        }
        p = sb.toString();
      }
      if (coverage(p, prefix) == Coverage.DEPENDS) {
        return false;
      }
    }
    return true;
  }

  enum Coverage {
    ALL,
    NONE,
    DEPENDS
  }

  /**
   * Whether a resource pattern matches all, none, or some of the resources that start with
   * {@code prefix}. ARN parts 1 to 5 of the prefix are whole (a route's path parameters sit in the
   * resource part), so they are matched part by part; the resource part is compared by its
   * literal start.
   */
  static Coverage coverage(String pattern, String prefix) {
    if (!pattern.isEmpty() && pattern.chars().allMatch(c -> c == '*')) {
      return Coverage.ALL;
    }
    String[] pp = io.iamgate.policy.Arn.splitPadded(pattern);
    String[] rp = io.iamgate.policy.Arn.split(prefix);
    if (rp == null) {
      return Coverage.DEPENDS;
    }
    for (int i = 0; i < 5; i++) {
      if (!io.iamgate.compile.Glob.of(pp[i]).matches(rp[i])) {
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
    List<CompiledPolicies> out = new ArrayList<>();
    out.add(set.identity());
    if (set.boundary() != null) {
      out.add(set.boundary());
    }
    if (set.guardrails() != null) {
      out.add(set.guardrails());
    }
    return out;
  }
}
