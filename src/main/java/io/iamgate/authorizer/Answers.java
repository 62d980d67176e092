package io.iamgate.authorizer;

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

  /**
   * @param startNanos {@link System#nanoTime()} when the event arrived
   * @param simple whether answers are HTTP API simple responses ({@code isAuthorized})
   */
  Answers(GatewayEvent event, String decisionId, long startNanos, boolean simple) {
    this.event = event;
    this.decisionId = decisionId;
    this.startNanos = startNanos;
    this.simple = simple;
  }

  GatewayEvent event() {
    return event;
  }

  String decisionId() {
    return decisionId;
  }

  /** A 401 for REST and WebSocket; HTTP APIs have no 401 from a Lambda authorizer: a deny. */
  Outcome unauthorized(Trail trail) {
    if (event.kind() == GatewayEvent.Kind.HTTP_V1 || event.kind() == GatewayEvent.Kind.HTTP_V2) {
      return deny(trail, "anonymous", null);
    }
    return new Outcome(
        AuthorizerResponse.Unauthorized.INSTANCE,
        trail.event(decisionId, "Unauthorized", event, startNanos));
  }

  /** A denial of the called ARN alone (nothing of it may be cached for other calls). */
  Outcome deny(Trail trail, String principalId, @Nullable ResponseContext context) {
    Map<String, Object> values = context == null ? Map.of() : context.values();
    if (simple) {
      return answer(new AuthorizerResponse.Simple(false, values), trail);
    }
    return answer(
        new AuthorizerResponse.Policy(
            principalId, RouteTablePolicy.exact(event.arn().toString(), false), values, null),
        trail);
  }

  /**
   * {@code response}, recorded with the trail's decision (a plain deny when the engine was not
   * asked).
   */
  Outcome answer(AuthorizerResponse response, Trail trail) {
    return new Outcome(
        response, trail.event(decisionId, trail.decisionOrDeny().text(), event, startNanos));
  }
}
