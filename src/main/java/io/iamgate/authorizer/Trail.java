package io.iamgate.authorizer;

import io.iamgate.audit.DecisionEvent;
import io.iamgate.audit.Masking;
import io.iamgate.compile.StatementRef;
import io.iamgate.eval.Decision;
import io.iamgate.gateway.GatewayEvent;
import io.iamgate.gateway.MethodArn;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one authorizer decision has established so far, as an immutable value each pipeline stage
 * extends ({@code trail.identity(u)}, {@code trail.because(reason)}, ...). It becomes the {@link
 * DecisionEvent} of the decision trail once, at the end.
 *
 * @param bundleVersion the short version of the deciding bundle, or {@code null} before one
 * @param identity the identified caller, or {@code null} before mapping
 * @param route the bundle route that matched ({@code GET /orders/{orderId}}), or {@code null}
 * @param action the application action, or {@code null} before routing
 * @param resource the application resource, or {@code null} before routing
 * @param decision the engine's decision, or {@code null} when the engine was not asked
 * @param statement the deciding statement, or {@code null}
 * @param failedGate {@code permissionsBoundary} or {@code guardrails} for an implicit deny by that
 *     gate, else {@code null}
 * @param reason why, in words, or {@code null}
 * @param routesLeftOut allowed routes a route-table answer left out to fit API Gateway's limits
 * @param claimsLeftOut configured context claims left out of the answer to fit its limits
 * @param nearMisses for an implicit deny, the failed gate's near misses ({@link
 *     io.iamgate.eval.NearMiss}), at most {@link #MAX_NEAR_MISSES}, each at most {@link
 *     #MAX_NEAR_MISS_LENGTH} characters once masked
 * @param tokenCacheHit for a verified token, whether the verified-token cache answered
 * @param error whether the decision is an error (no bundle, an internal error): outcome {@code
 *     Error}
 */
record Trail(
    @Nullable String bundleVersion,
    DecisionEvent.@Nullable UserIdentity identity,
    @Nullable String route,
    @Nullable String action,
    @Nullable String resource,
    @Nullable Decision decision,
    @Nullable StatementRef statement,
    @Nullable String failedGate,
    @Nullable String reason,
    int routesLeftOut,
    List<String> claimsLeftOut,
    List<String> nearMisses,
    @Nullable Boolean tokenCacheHit,
    boolean error) {

  /** The most near misses a decision event carries. */
  static final int MAX_NEAR_MISSES = 3;

  /** The longest near miss a decision event carries, in characters, before the length note. */
  static final int MAX_NEAR_MISS_LENGTH = 300;

  /** Nothing established yet. */
  static final Trail EMPTY =
      new Trail(
          null, null, null, null, null, null, null, null, null, 0, List.of(), List.of(), null,
          false);

  Trail {
    claimsLeftOut = List.copyOf(claimsLeftOut);
    nearMisses =
        nearMisses.isEmpty()
            ? List.of()
            : nearMisses.stream()
                .limit(MAX_NEAR_MISSES)
                .map(m -> Masking.excerpt(m, MAX_NEAR_MISS_LENGTH))
                .toList();
  }

  Trail bundle(String version) {
    return new Trail(
        version,
        identity,
        route,
        action,
        resource,
        decision,
        statement,
        failedGate,
        reason,
        routesLeftOut,
        claimsLeftOut,
        nearMisses,
        tokenCacheHit,
        error);
  }

  /** The caller, identified. */
  Trail identity(DecisionEvent.UserIdentity who) {
    return new Trail(
        bundleVersion,
        who,
        route,
        action,
        resource,
        decision,
        statement,
        failedGate,
        reason,
        routesLeftOut,
        claimsLeftOut,
        nearMisses,
        tokenCacheHit,
        error);
  }

  /** Whether the verified-token cache answered for the caller's token. */
  Trail tokenCacheHit(boolean hit) {
    return new Trail(
        bundleVersion,
        identity,
        route,
        action,
        resource,
        decision,
        statement,
        failedGate,
        reason,
        routesLeftOut,
        claimsLeftOut,
        nearMisses,
        hit,
        error);
  }

  Trail route(@Nullable String matched, String action, @Nullable String resource) {
    return new Trail(
        bundleVersion,
        identity,
        matched,
        action,
        resource,
        decision,
        statement,
        failedGate,
        reason,
        routesLeftOut,
        claimsLeftOut,
        nearMisses,
        tokenCacheHit,
        error);
  }

  Trail decided(Decision d, @Nullable StatementRef by, @Nullable String gate, String why) {
    return new Trail(
        bundleVersion,
        identity,
        route,
        action,
        resource,
        d,
        by,
        gate,
        why,
        routesLeftOut,
        claimsLeftOut,
        nearMisses,
        tokenCacheHit,
        error);
  }

  Trail because(@Nullable String why) {
    return new Trail(
        bundleVersion,
        identity,
        route,
        action,
        resource,
        decision,
        statement,
        failedGate,
        why,
        routesLeftOut,
        claimsLeftOut,
        nearMisses,
        tokenCacheHit,
        error);
  }

  /** A failure, not a decision: the outcome is {@code Error}. */
  Trail failed(String why) {
    return new Trail(
        bundleVersion,
        identity,
        route,
        action,
        resource,
        decision,
        statement,
        failedGate,
        why,
        routesLeftOut,
        claimsLeftOut,
        nearMisses,
        tokenCacheHit,
        true);
  }

  Trail leftOut(int routes, List<String> claims) {
    return new Trail(
        bundleVersion,
        identity,
        route,
        action,
        resource,
        decision,
        statement,
        failedGate,
        reason,
        routes,
        claims,
        nearMisses,
        tokenCacheHit,
        error);
  }

  Trail nearMisses(List<String> misses) {
    return new Trail(
        bundleVersion,
        identity,
        route,
        action,
        resource,
        decision,
        statement,
        failedGate,
        reason,
        routesLeftOut,
        claimsLeftOut,
        misses,
        tokenCacheHit,
        error);
  }

  /** The decision as the response names it: the engine's, else a plain deny. */
  Decision decisionOrDeny() {
    return decision == null ? Decision.IMPLICIT_DENY : decision;
  }

  /**
   * The outcome the decision log names: {@code Error} for a failure, the engine's decision, else
   * {@code Deny} (the engine was not asked).
   */
  String outcome() {
    if (error) {
      return DecisionEvent.ERROR;
    }
    return decision == null ? DecisionEvent.DENY : decision.text();
  }

  /** What API Gateway sent about the call, for the decision event. */
  static DecisionEvent.Request request(GatewayEvent e) {
    MethodArn arn = e.arn();
    boolean webSocket = e.kind() == GatewayEvent.Kind.WEBSOCKET_CONNECT;
    String method = e.method() != null ? e.method() : arn.verb();
    return new DecisionEvent.Request(
        e.kind().name(),
        arn.toString(),
        arn.apiId(),
        arn.stage(),
        webSocket ? null : method,
        webSocket ? arn.path() : "/" + arn.path(),
        e.sourceIp(),
        e.userAgent(),
        e.requestId());
  }

  /**
   * The decision event.
   *
   * @param outcome {@code Allow}, {@code ExplicitDeny}, {@code ImplicitDeny}, {@code Deny} (the
   *     engine was not asked), {@code Unauthorized} or {@code Error}
   * @param cacheMode the configured cache mode ({@code route-table} or {@code request})
   */
  DecisionEvent event(
      String decisionId, String outcome, GatewayEvent e, long startNanos, String cacheMode) {
    return new DecisionEvent(
        decisionId,
        outcome,
        reason,
        identity,
        request(e),
        route,
        action,
        resource,
        statement == null ? null : statement.toString(),
        failedGate,
        nearMisses,
        bundleVersion,
        cacheMode,
        routesLeftOut,
        claimsLeftOut,
        tokenCacheHit,
        (System.nanoTime() - startNanos) / 1000);
  }
}
