package io.iamgate.authorizer;

import io.iamgate.analyze.RouteStability;
import io.iamgate.bundle.Bundle;
import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.compile.Glob;
import io.iamgate.eval.Decision;
import io.iamgate.eval.Evaluator;
import io.iamgate.eval.Request;
import io.iamgate.eval.RequestContext;
import io.iamgate.gateway.AuthorizerResponse;
import io.iamgate.gateway.MethodArn;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The request-independent part of a route-table response for one principal and API stage, and how
 * it is built: the ARN patterns of the stable routes the principal may call ({@code allowed}), the
 * denials that keep those patterns off every other route ({@code denied}), and how many allowed
 * patterns were left out to stay within API Gateway's limits ({@code omitted}). This is the
 * computed policy, not the bundle's {@link io.iamgate.bundle.RouteTable}.
 *
 * <p>It builds a policy API Gateway can cache by identity: the current request's exact ARN with its
 * decision, plus every route of the bundle whose decision for this principal cannot depend on the
 * request — decided once, written as an ARN pattern ({@code /orders/{id}} → {@code GET/orders/*}).
 * A route is left out (so a cache hit on it is a 403 until the TTL ends, never a wrong allow) when
 * a statement that could decide it has a condition on a per-request key (source IP, time, user
 * agent, {@code request:*}), or a resource pattern that matches some but not all values of the
 * route's path parameters. Denied routes are written as explicit {@code Deny} statements whenever
 * an allowed pattern could cover them, since API Gateway's {@code *} spans {@code /}; a denial that
 * would also match the allowed request itself is not written, and the allows it would guard are
 * left out instead.
 *
 * <p>Responses stay within API Gateway's limits: no {@code Resource} longer than {@value
 * #MAX_RESOURCE} characters, and at most {@value #TABLE_BUDGET} bytes of route-table patterns, so
 * that the whole response stays under 8 KB. What does not fit is left out — allowed patterns first,
 * from the end of the route list, never a denial that a kept allow needs.
 *
 * <p>Safety rests on one assumption, documented for operators: in {@code route-table} mode the
 * bundle's routes list every route of the API behind the authorizer.
 */
public record RouteTablePolicy(
    List<String> allowed, List<RouteTablePolicy.Denial> denied, int omitted) {
  /** The longest {@code Resource} string API Gateway accepts in a returned policy. */
  static final int MAX_RESOURCE = 512;

  /**
   * Bytes of route-table patterns a response may carry (the whole response must stay under 8 KB).
   */
  static final int TABLE_BUDGET = 4096;

  /** One compiled route: its ARN pattern parts and its resource template. */
  record Route(
      Bundle.Route route, String verbPattern, String pathPattern, boolean hasPathVariables) {
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

  /**
   * The ARN pattern of a route this principal may not be answered for from a cache (denied, or
   * decided by the request), compiled for matching.
   *
   * @param guards the indexes of the allowed patterns that also match some ARN of this pattern,
   *     which this denial must accompany
   */
  record Denial(String pattern, Glob glob, int[] guards) {}

  /**
   * Decides every stable route of the bundle for a principal. A route that is not stable (its
   * decision depends on the request) or whose resource cannot be resolved becomes a denial, like a
   * denied route: another route's allowed pattern may match its ARNs too, since {@code *} spans
   * {@code /}.
   *
   * @param stableContext the principal's and token's context keys (none of the per-request ones)
   * @param resolveResource the route's resource with its non-path variables resolved from stable
   *     values, path variables replaced by {@link RouteStability#PROBE}; {@code null} when
   *     unresolvable
   */
  static RouteTablePolicy build(
      MethodArn arn,
      List<Route> routes,
      CompiledPolicySet set,
      Map<String, Object> stableContext,
      Function<Route, String> resolveResource) {
    List<String> allowed = new ArrayList<>();
    List<String> denied = new ArrayList<>();
    RequestContext.Builder ctxBuilder = RequestContext.builder();
    stableContext.forEach(ctxBuilder::putValue);
    if (!ctxBuilder.problems().isEmpty()) {
      return new RouteTablePolicy(List.of(), List.of(), 0);
    }
    RequestContext ctx = ctxBuilder.build();
    for (Route r : routes) {
      String pattern = arn.withRoute(r.verbPattern(), r.pathPattern());
      String resource = resolveResource.apply(r);
      boolean allow =
          resource != null
              && RouteStability.isStable(r.route().action(), resource, set, ctx)
              && Evaluator.decide(set, Request.of(r.route().action(), resource, ctx)).decision()
                  == Decision.ALLOW;
      if (allow) {
        allowed.add(pattern);
      } else {
        denied.add(pattern);
        if (!pattern.endsWith("/") && !pattern.endsWith("*")) {
          // the router takes `/orders/` for `/orders`: its ARN, `GET/orders/`, must be denied too,
          // since another route's `GET/orders/*` matches it
          denied.add(pattern + "/");
        }
      }
    }
    return fit(allowed, denied);
  }

  /**
   * The table within API Gateway's limits. Leaving an allowed pattern out is always safe (a cache
   * hit there is a 403 until the TTL ends); a denial is left out only when no kept allowed pattern
   * meets it. A denial too long to be written takes the allowed patterns it meets out with it;
   * beyond the byte budget, allowed patterns are left out from the end of the route list.
   */
  static RouteTablePolicy fit(List<String> allowed, List<String> denied) {
    List<String> allow = new ArrayList<>(allowed);
    allow.removeIf(a -> a.length() > MAX_RESOURCE);
    List<String> deny = new ArrayList<>();
    for (String d : denied) {
      if (d.length() > MAX_RESOURCE) {
        allow.removeIf(a -> ArnPatterns.meet(a, d));
      } else {
        deny.add(d);
      }
    }
    // patterns past what the budget holds even without denials can never be kept
    long room = TABLE_BUDGET;
    int fits = 0;
    while (fits < allow.size() && (room -= allow.get(fits).length() + 3) >= 0) {
      fits++;
    }
    allow = new ArrayList<>(allow.subList(0, fits));
    // meets[d][i]: denial d shares an ARN with allowed pattern i; needs[d]: how many kept ones it
    // meets
    boolean[][] meets = new boolean[deny.size()][allow.size()];
    int[] needs = new int[deny.size()];
    long bytes = 0;
    for (String a : allow) {
      bytes += a.length() + 3;
    }
    for (int d = 0; d < deny.size(); d++) {
      for (int i = 0; i < allow.size(); i++) {
        if (ArnPatterns.meet(allow.get(i), deny.get(d))) {
          meets[d][i] = true;
          needs[d]++;
        }
      }
      if (needs[d] > 0) {
        bytes += deny.get(d).length() + 3;
      }
    }
    int kept = allow.size();
    while (kept > 0 && bytes > TABLE_BUDGET) {
      kept--;
      bytes -= allow.get(kept).length() + 3;
      for (int d = 0; d < deny.size(); d++) {
        if (meets[d][kept] && --needs[d] == 0) {
          bytes -= deny.get(d).length() + 3;
        }
      }
    }
    List<Denial> denials = new ArrayList<>();
    for (int d = 0; d < deny.size(); d++) {
      if (needs[d] > 0) {
        int[] guards = new int[needs[d]];
        int n = 0;
        for (int i = 0; i < kept; i++) {
          if (meets[d][i]) {
            guards[n++] = i;
          }
        }
        denials.add(new Denial(deny.get(d), Glob.compile(Glob.tokens(deny.get(d), true)), guards));
      }
    }
    return new RouteTablePolicy(
        List.copyOf(allow.subList(0, kept)), List.copyOf(denials), allowed.size() - kept);
  }

  /**
   * The statements of a route-table response: the called ARN with its decision, plus the table. A
   * denial that matches the allowed request itself is not written (API Gateway's deny wins, so it
   * would refuse the request): the allowed patterns it guards are left out instead.
   */
  static List<AuthorizerResponse.Statement> statements(
      String currentArn, boolean currentAllowed, RouteTablePolicy table) {
    List<String> tableAllows = table.allowed();
    boolean[] dropped = new boolean[tableAllows.size()];
    if (currentAllowed) {
      for (Denial d : table.denied()) {
        if (d.glob().matches(currentArn)) {
          for (int g : d.guards()) {
            dropped[g] = true;
          }
        }
      }
    }
    Set<String> allow = new LinkedHashSet<>();
    Set<String> deny = new LinkedHashSet<>();
    if (currentAllowed) {
      allow.add(currentArn);
    } else {
      deny.add(denialOf(currentArn));
    }
    for (int i = 0; i < tableAllows.size(); i++) {
      if (!dropped[i]) {
        allow.add(tableAllows.get(i));
      }
    }
    for (Denial d : table.denied()) {
      for (int g : d.guards()) {
        if (!dropped[g]) {
          deny.add(d.pattern());
          break;
        }
      }
    }
    return statements(allow, deny);
  }

  /**
   * The statements of an answer to an allowed call whose own ARN no policy may hold ({@link
   * #cannotAllow}: it has {@code *} or {@code ?}, or is too long): the table alone, when one of its
   * allowed patterns matches the call and no denial written with them does; else {@code null}, and
   * the call is denied. Nothing request-derived is written, so the answer is exactly what any other
   * call of this principal on this stage could be answered with.
   */
  static @Nullable List<AuthorizerResponse.Statement> tableAlone(
      String currentArn, RouteTablePolicy table) {
    boolean through = false;
    for (String a : table.allowed()) {
      if (Glob.of(a).matches(currentArn)) {
        through = true;
        break;
      }
    }
    if (!through) {
      return null;
    }
    Set<String> deny = new LinkedHashSet<>();
    for (Denial d : table.denied()) {
      if (d.guards().length == 0) {
        continue;
      }
      if (d.glob().matches(currentArn)) {
        return null;
      }
      deny.add(d.pattern());
    }
    return statements(new LinkedHashSet<>(table.allowed()), deny);
  }

  /** The called ARN alone with its decision. */
  static List<AuthorizerResponse.Statement> exact(String arn, boolean allowed) {
    return allowed
        ? List.of(new AuthorizerResponse.Statement("Allow", List.of(arn)))
        : List.of(new AuthorizerResponse.Statement("Deny", List.of(denialOf(arn))));
  }

  /**
   * Why no policy API Gateway accepts can allow {@code arn} for this call alone, or {@code null}
   * when one can: an ARN over {@value #MAX_RESOURCE} characters is refused in a {@code Resource},
   * and {@code *} or {@code ?} in it would be read as wildcards (there is no escape), so an Allow
   * of it, cached, would also allow every ARN it matches.
   */
  static @Nullable String cannotAllow(String arn) {
    if (arn.indexOf('*') >= 0 || arn.indexOf('?') >= 0) {
      return "the method ARN contains `*` or `?`, which API Gateway would read as wildcards in the"
          + " returned policy";
    }
    if (arn.length() > MAX_RESOURCE) {
      return "the method ARN is "
          + arn.length()
          + " characters long and API Gateway accepts at most "
          + MAX_RESOURCE
          + " in a policy";
    }
    return null;
  }

  /**
   * The resource that denies {@code arn}: itself, or, when it is longer than API Gateway accepts,
   * its first {@value #MAX_RESOURCE} characters ending in {@code *} (denying more, never less). An
   * ARN that long cannot be allowed at all; {@link Authorizer} denies it.
   */
  static String denialOf(String arn) {
    return arn.length() <= MAX_RESOURCE ? arn : arn.substring(0, MAX_RESOURCE - 1) + "*";
  }

  private static List<AuthorizerResponse.Statement> statements(
      Set<String> allow, Set<String> deny) {
    List<AuthorizerResponse.Statement> out = new ArrayList<>();
    if (!allow.isEmpty()) {
      out.add(new AuthorizerResponse.Statement("Allow", List.copyOf(allow)));
    }
    if (!deny.isEmpty()) {
      out.add(new AuthorizerResponse.Statement("Deny", List.copyOf(deny)));
    }
    return out;
  }
}
