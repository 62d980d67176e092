package io.iamgate.audit;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the decision trail records about one authorizer decision: built once, as a value, when the
 * decision is made, and written by {@link JsonLines} as one {@code iamgate.decision} line (field
 * names in {@link LogField}). It holds no credential: no token, API key or secret is ever a
 * component, and every text is {@link Masking masked} again when written.
 *
 * @param decisionId the decision's id, also returned as {@code answerId} in the response context
 * @param outcome {@code Allow}, {@code ExplicitDeny}, {@code ImplicitDeny}, {@code Deny} (denied
 *     before the engine was asked) or {@code Unauthorized}
 * @param reason why, in words; {@code null} when there is nothing to say
 * @param principal {@code user/alice}, {@code role/Auditor}, or {@code null} before one was mapped
 * @param action the application action, or {@code null} before the route was mapped
 * @param resource the application resource, or {@code null} before the route was mapped
 * @param statement the deciding statement, or {@code null} when none decided
 * @param bundleVersion the short version of the deciding bundle, or {@code null} when none was
 *     loaded
 * @param routesLeftOut allowed routes a route-table response left out to fit API Gateway's limits
 *     (0 when none)
 * @param claimsLeftOut configured context claims left out of the response to fit its limits
 * @param nearMisses for an implicit deny, the near misses of the failed gate (at most three, each
 *     cut short); empty otherwise
 * @param eventType the payload type, e.g. {@code REST_TOKEN}
 * @param methodArn the event's method or route ARN
 * @param sourceIp the caller's address as API Gateway saw it, or {@code null}
 * @param requestId API Gateway's request id, or {@code null}
 * @param lambdaRequestId the Lambda invocation's request id, or {@code null} outside Lambda
 * @param latencyMicros microseconds from the event's arrival to the decision
 */
public record DecisionEvent(
    String decisionId,
    String outcome,
    @Nullable String reason,
    @Nullable String principal,
    @Nullable String action,
    @Nullable String resource,
    @Nullable String statement,
    @Nullable String bundleVersion,
    int routesLeftOut,
    List<String> claimsLeftOut,
    List<String> nearMisses,
    String eventType,
    String methodArn,
    @Nullable String sourceIp,
    @Nullable String requestId,
    @Nullable String lambdaRequestId,
    long latencyMicros) {

  /** Copies the lists. */
  public DecisionEvent {
    claimsLeftOut = List.copyOf(claimsLeftOut);
    nearMisses = List.copyOf(nearMisses);
  }

  /** The same event, recorded for the Lambda invocation {@code id}. */
  public DecisionEvent withLambdaRequestId(@Nullable String id) {
    return new DecisionEvent(
        decisionId,
        outcome,
        reason,
        principal,
        action,
        resource,
        statement,
        bundleVersion,
        routesLeftOut,
        claimsLeftOut,
        nearMisses,
        eventType,
        methodArn,
        sourceIp,
        requestId,
        id,
        latencyMicros);
  }

  /**
   * The same event with the request-derived texts (the method ARN, the resource, the reason and the
   * near misses) passed through {@code scrub}, e.g. {@link Masking#scrubRequestText}.
   */
  public DecisionEvent scrubbed(java.util.function.UnaryOperator<String> scrub) {
    return new DecisionEvent(
        decisionId,
        outcome,
        reason == null ? null : scrub.apply(reason),
        principal,
        action,
        resource == null ? null : scrub.apply(resource),
        statement,
        bundleVersion,
        routesLeftOut,
        claimsLeftOut,
        nearMisses.stream().map(scrub).toList(),
        eventType,
        scrub.apply(methodArn),
        sourceIp,
        requestId,
        lambdaRequestId,
        latencyMicros);
  }
}
