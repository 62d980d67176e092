package io.iamgate.trail;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One decision event as read back from a log: the members of the agreed line schema the readers use
 * (docs/authorizer.md, "The decision log"), each {@code null} when the line left it out.
 *
 * @param file the file it was read from, as named on the command line ({@code <stdin>} for {@code
 *     -})
 * @param line the 1-based line in that file (for a CloudWatch Logs export, the line of the event)
 * @param time {@code timestamp}, the decision time
 * @param outcome {@code decision.outcome}
 * @param eventId {@code decision.eventId}, the decision id
 * @param principal {@code decision.userIdentity.principal}: {@code user/alice}, {@code
 *     role/Auditor}
 * @param identityType {@code decision.userIdentity.type}: {@code user}, {@code role}, {@code
 *     api-key}
 * @param groups {@code decision.userIdentity.groups}, empty when absent
 * @param mfaPresent {@code decision.userIdentity.mfaPresent}
 * @param authenticationMethod {@code decision.userIdentity.authenticationMethod}: {@code jwt} or
 *     {@code api-key}
 * @param sourceIp {@code decision.sourceIPAddress}
 * @param apiId {@code decision.apiId}, else taken from the method ARN
 * @param stage {@code decision.stage}, else taken from the method ARN
 * @param route {@code decision.route}, the bundle route that matched: {@code GET /orders/{orderId}}
 * @param httpMethod {@code decision.httpMethod}, else taken from the method ARN
 * @param path {@code decision.path}, else taken from the method ARN
 * @param methodArn {@code decision.methodArn}
 * @param action {@code decision.action}
 * @param resource {@code decision.resource}
 * @param statement {@code decision.statement}, the deciding statement
 * @param reason {@code decision.reason}
 * @param bundleVersion {@code decision.bundleVersion}
 */
public record DecisionRecord(
    String file,
    int line,
    Instant time,
    Outcome outcome,
    @Nullable String eventId,
    @Nullable String principal,
    @Nullable String identityType,
    List<String> groups,
    @Nullable Boolean mfaPresent,
    @Nullable String authenticationMethod,
    @Nullable String sourceIp,
    @Nullable String apiId,
    @Nullable String stage,
    @Nullable String route,
    @Nullable String httpMethod,
    @Nullable String path,
    @Nullable String methodArn,
    @Nullable String action,
    @Nullable String resource,
    @Nullable String statement,
    @Nullable String reason,
    @Nullable String bundleVersion) {
  public DecisionRecord {
    groups = List.copyOf(groups);
  }

  /**
   * The route for people: the bundle route when one matched ({@code GET /orders/{orderId}}), else
   * the request's method and path ({@code GET /orders/ord-42}, {@code $connect}), else {@code
   * null}.
   */
  public @Nullable String routeOrRequest() {
    return route != null ? route : request();
  }

  /** The request's method and path: {@code GET /orders/ord-42}, or the path alone, or null. */
  public @Nullable String request() {
    if (path == null) {
      return httpMethod;
    }
    return httpMethod == null ? path : httpMethod + " " + path;
  }
}
