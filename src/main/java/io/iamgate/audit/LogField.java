package io.iamgate.audit;

/**
 * Every member name an iamgate log line may carry, in one place (as Powertools for AWS Lambda keeps
 * its logged fields). The JSON name is {@link #key()}; the order of the constants is the order in
 * which {@link JsonLines} writes them.
 */
public enum LogField {
  /** ISO-8601 instant the line was written, from the writer's clock. */
  TIME("time"),
  /** {@code INFO}, {@code WARN} or {@code ERROR}; decision lines have none. */
  LEVEL("level"),
  /** Which part of iamgate wrote the line: {@code iamgate.decision}, {@code iamgate.store}, ... */
  LOGGER("logger"),
  /** A sentence for people (operational lines). */
  MESSAGE("message"),
  /** The decision's id, also returned in the response context. */
  DECISION_ID("decisionId"),
  /**
   * {@code Allow}, {@code ExplicitDeny}, {@code ImplicitDeny}, {@code Deny} or {@code
   * Unauthorized}.
   */
  OUTCOME("outcome"),
  /** Why, in words. */
  REASON("reason"),
  /** {@code user/alice} or {@code role/Auditor}. */
  PRINCIPAL("principal"),
  /** The application action decided, e.g. {@code orders:GetOrder}. */
  ACTION("action"),
  /** The application resource decided. */
  RESOURCE("resource"),
  /** The deciding statement, e.g. {@code identity[Developers]/Statement/0 (Sid ReadOrders)}. */
  STATEMENT("statement"),
  /** Short version (content hash prefix) of the bundle that decided. */
  BUNDLE_VERSION("bundleVersion"),
  /** Allowed routes a route-table response left out to fit API Gateway's limits. */
  ROUTES_LEFT_OUT("routesLeftOut"),
  /** Configured context claims left out of the response to fit API Gateway's limits. */
  CLAIMS_LEFT_OUT("claimsLeftOut"),
  /** For an implicit deny, the failed gate's near misses: at most three, each cut short. */
  NEAR_MISSES("nearMisses"),
  /** The API Gateway payload: {@code REST_TOKEN}, {@code HTTP_V2}, ... */
  EVENT_TYPE("eventType"),
  /** The method or route ARN of the event. */
  METHOD_ARN("methodArn"),
  /** The caller's address as API Gateway saw it. */
  SOURCE_IP("sourceIp"),
  /** API Gateway's request id. */
  REQUEST_ID("requestId"),
  /** The Lambda invocation's request id ({@code Context.getAwsRequestId()}). */
  LAMBDA_REQUEST_ID("lambdaRequestId"),
  /** Microseconds from the event's arrival at the authorizer to its decision. */
  LATENCY_MICROS("latencyMicros"),
  /** Where a bundle was read from. */
  SOURCE("source"),
  /** A bundle version. */
  VERSION("version"),
  /** The bundle version replaced by a reload. */
  PREVIOUS_VERSION("previousVersion"),
  /** The bundle version kept after a rejected update. */
  KEPT_VERSION("keptVersion"),
  /** Problems, one per line. */
  ERRORS("errors");

  private final String key;

  LogField(String key) {
    this.key = key;
  }

  /** The JSON member name. */
  public String key() {
    return key;
  }
}
