package io.iamgate.authorizer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.iamgate.analyze.RouteStability;
import io.iamgate.analyze.VolatileKeys;
import io.iamgate.authn.Credentials;
import io.iamgate.bundle.Bundle;
import io.iamgate.gateway.MethodArn;
import io.iamgate.identity.Directory;
import io.iamgate.identity.PrincipalEntry;
import io.iamgate.policy.Template;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The route-table part of answers, computed once per key and kept for at most 10 minutes: it
 * depends only on the bundle version, the principal, the exact credentials (their claims may be in
 * conditions) and the API stage. Time comes from the injected ticker. Thread-safe.
 */
final class RouteTables {
  private record Key(String bundleVersion, String principal, String credentials, String apiStage) {}

  private final Cache<Key, RouteTablePolicy> cache;

  RouteTables(Ticker ticker) {
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(10))
            .ticker(ticker)
            .executor(Runnable::run)
            .build();
  }

  /**
   * The route table of {@code principal} (with entry {@code pe}) calling through {@code arn}'s
   * stage.
   *
   * @param routes the bundle's routes as ARN patterns
   * @param stableKeys the caller's request-independent context keys
   */
  RouteTablePolicy of(
      MethodArn arn,
      Directory d,
      List<RouteTablePolicy.Route> routes,
      String principal,
      PrincipalEntry pe,
      Credentials credentials,
      Map<String, Object> stableKeys) {
    Key key =
        new Key(d.version(), principal, credentials.id(), arn.apiPrefix() + "/" + arn.stage());
    return cache.get(
        key,
        k -> {
          Map<String, Object> stable = pe.keysFor(stableKeys);
          Map<String, String> variables = new LinkedHashMap<>();
          stable.forEach(
              (name, val) -> {
                if (val instanceof String str) {
                  variables.put(name, str);
                }
              });
          return RouteTablePolicy.build(
              arn,
              routes,
              pe.policies(),
              stable,
              r ->
                  dependsOnTheRequest(r.route())
                      ? null
                      : d.routes().resolveForAnyPath(r.route(), variables, RouteStability.PROBE));
        });
  }

  /**
   * Whether a route's resource substitutes a per-request key other than its own path parameters
   * (which its ARN pattern stands for) and the stage: {@code ${request:header/x-tenant, 'public'}}
   * resolves differently from call to call, default or not, so the route is never cached as
   * allowed.
   */
  static boolean dependsOnTheRequest(Bundle.Route route) {
    for (Template.Part p : Template.parse(route.resource(), true).parts()) {
      if (p instanceof Template.Variable v
          && VolatileKeys.isVolatile(v.name())
          && !v.foldedName().startsWith("request:path/")
          && !v.foldedName().equals("request:stage")) {
        return true;
      }
    }
    return false;
  }
}
