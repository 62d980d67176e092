package io.iamgate.authorizer;

import io.iamgate.audit.DecisionEvent;
import io.iamgate.gateway.AuthorizerResponse;
import io.iamgate.gateway.GatewayEvent;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One event being decided, its decision id and arrival, and the answers the pipeline can give it:
 * an answer with its decision event, a denial of the called ARN alone, or a 401. Each answer
 * carries the {@link Trail} so far as its {@link io.iamgate.audit.DecisionEvent}.
 */
final class Answers {
  private final GatewayEvent event;
  private final String decisionId;
  private final long startNanos;
  private final boolean simple;
  private final String cacheMode;

  /**
   * @param startNanos {@link System#nanoTime()} when the event arrived
   * @param simple whether answers are HTTP API simple responses ({@code isAuthorized})
   * @param cacheMode the configured cache mode, for the decision event
   */
  Answers(
      GatewayEvent event, String decisionId, long startNanos, boolean simple, String cacheMode) {
    this.event = event;
    this.decisionId = decisionId;
    this.startNanos = startNanos;
    this.simple = simple;
    this.cacheMode = cacheMode;
  }

  GatewayEvent event() {
    return event;
  }

  String decisionId() {
    return decisionId;
  }

  /**
   * A 401 for REST and WebSocket; HTTP APIs have no 401 from a Lambda authorizer: a deny, logged as
   * {@code Unauthorized} all the same.
   */
  Outcome unauthorized(Trail trail) {
    if (event.kind() == GatewayEvent.Kind.HTTP_V1 || event.kind() == GatewayEvent.Kind.HTTP_V2) {
      return new Outcome(
          denial(Map.of(), "anonymous"),
          trail.event(decisionId, DecisionEvent.UNAUTHORIZED, event, startNanos, cacheMode));
    }
    return new Outcome(
        AuthorizerResponse.Unauthorized.INSTANCE,
        trail.event(decisionId, DecisionEvent.UNAUTHORIZED, event, startNanos, cacheMode));
  }

  /** A denial of the called ARN alone (nothing of it may be cached for other calls). */
  Outcome deny(Trail trail, String principalId, @Nullable ResponseContext context) {
    Map<String, Object> values = context == null ? Map.of() : context.values();
    return answer(denial(values, principalId), trail);
  }

  private AuthorizerResponse denial(Map<String, Object> values, String principalId) {
    if (simple) {
      return new AuthorizerResponse.Simple(false, values);
    }
    return new AuthorizerResponse.Policy(
        principalId, RouteTablePolicy.exact(event.arn().toString(), false), values, null);
  }

  /**
   * {@code response}, recorded with the trail's outcome ({@code Deny} when the engine was not
   * asked, {@code Error} for a failure).
   */
  Outcome answer(AuthorizerResponse response, Trail trail) {
    return new Outcome(
        response, trail.event(decisionId, trail.outcome(), event, startNanos, cacheMode));
  }
}
