package io.iamgate.authorizer;

import io.iamgate.audit.DecisionEvent;
import io.iamgate.audit.Masking;
import io.iamgate.compile.StatementRef;
import io.iamgate.eval.Decision;
import io.iamgate.gateway.GatewayEvent;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one authorizer decision has established so far, as an immutable value each pipeline stage
 * extends ({@code trail.principal(p)}, {@code trail.because(reason)}, ...). It becomes the {@link
 * DecisionEvent} of the decision trail once, at the end.
 *
 * @param bundleVersion the short version of the deciding bundle, or {@code null} before one
 * @param principal {@code user/alice}, or {@code null} before mapping
 * @param action the application action, or {@code null} before routing
 * @param resource the application resource, or {@code null} before routing
 * @param decision the engine's decision, or {@code null} when the engine was not asked
 * @param statement the deciding statement, or {@code null}
 * @param reason why, in words, or {@code null}
 * @param routesLeftOut allowed routes a route-table answer left out to fit API Gateway's limits
 * @param claimsLeftOut configured context claims left out of the answer to fit its limits
 * @param nearMisses for an implicit deny, the failed gate's near misses ({@link
 *     io.iamgate.eval.NearMiss}), at most {@link #MAX_NEAR_MISSES}, each at most {@link
 *     #MAX_NEAR_MISS_LENGTH} characters once masked
 */
record Trail(
    @Nullable String bundleVersion,
    @Nullable String principal,
    @Nullable String action,
    @Nullable String resource,
    @Nullable Decision decision,
    @Nullable StatementRef statement,
    @Nullable String reason,
    int routesLeftOut,
    List<String> claimsLeftOut,
    List<String> nearMisses) {

  /** The most near misses a decision event carries. */
  static final int MAX_NEAR_MISSES = 3;

  /** The longest near miss a decision event carries, in characters, before the length note. */
  static final int MAX_NEAR_MISS_LENGTH = 300;

  /** Nothing established yet. */
  static final Trail EMPTY =
      new Trail(null, null, null, null, null, null, null, 0, List.of(), List.of());

  Trail {
    claimsLeftOut = List.copyOf(claimsLeftOut);
    nearMisses =
        nearMisses.stream()
            .limit(MAX_NEAR_MISSES)
            .map(m -> Masking.excerpt(m, MAX_NEAR_MISS_LENGTH))
            .toList();
  }

  Trail bundle(String version) {
    return new Trail(
        version,
        principal,
        action,
        resource,
        decision,
        statement,
        reason,
        routesLeftOut,
        claimsLeftOut,
        nearMisses);
  }

  Trail principal(String key) {
    return new Trail(
        bundleVersion,
        key,
        action,
        resource,
        decision,
        statement,
        reason,
        routesLeftOut,
        claimsLeftOut,
        nearMisses);
  }

  Trail route(String action, @Nullable String resource) {
    return new Trail(
        bundleVersion,
        principal,
        action,
        resource,
        decision,
        statement,
        reason,
        routesLeftOut,
        claimsLeftOut,
        nearMisses);
  }

  Trail decided(Decision d, @Nullable StatementRef by, String why) {
    return new Trail(
        bundleVersion,
        principal,
        action,
        resource,
        d,
        by,
        why,
        routesLeftOut,
        claimsLeftOut,
        nearMisses);
  }

  Trail because(@Nullable String why) {
    return new Trail(
        bundleVersion,
        principal,
        action,
        resource,
        decision,
        statement,
        why,
        routesLeftOut,
        claimsLeftOut,
        nearMisses);
  }

  Trail leftOut(int routes, List<String> claims) {
    return new Trail(
        bundleVersion,
        principal,
        action,
        resource,
        decision,
        statement,
        reason,
        routes,
        claims,
        nearMisses);
  }

  Trail nearMisses(List<String> misses) {
    return new Trail(
        bundleVersion,
        principal,
        action,
        resource,
        decision,
        statement,
        reason,
        routesLeftOut,
        claimsLeftOut,
        misses);
  }

  /** The decision as the response and the log name it: the engine's, else a plain deny. */
  Decision decisionOrDeny() {
    return decision == null ? Decision.IMPLICIT_DENY : decision;
  }

  /**
   * The decision event.
   *
   * @param outcome {@code Allow}, {@code ExplicitDeny}, {@code ImplicitDeny}, {@code Deny} (the
   *     engine was not asked) or {@code Unauthorized}
   */
  DecisionEvent event(String decisionId, String outcome, GatewayEvent e, long startNanos) {
    return new DecisionEvent(
        decisionId,
        outcome,
        reason,
        principal,
        action,
        resource,
        statement == null ? null : statement.toString(),
        bundleVersion,
        routesLeftOut,
        claimsLeftOut,
        nearMisses,
        e.kind().name(),
        e.arn().toString(),
        e.sourceIp(),
        e.requestId(),
        null,
        (System.nanoTime() - startNanos) / 1000);
  }
}
