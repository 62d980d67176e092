package io.iamgate.audit;

/**
 * Every member name an iamgate log line may carry, in one place (as Powertools for AWS Lambda keeps
 * its logged fields). The JSON name is {@link #key()}. The first group is the top level of every
 * line, in Powertools' names; then the members of a decision line's {@code decision} object (and of
 * its {@code userIdentity}), CloudTrail's names where CloudTrail has one; then the members of
 * operational records, written in the order of the constants. docs/decision-events.md describes
 * each.
 */
public enum LogField {
  /** ISO-8601 UTC instant with milliseconds, from the writer's clock. */
  TIMESTAMP("timestamp"),
  /** {@code INFO}, {@code WARN} or {@code ERROR}: what Lambda's log-level filtering reads. */
  LEVEL("level"),
  /** A sentence for people. */
  MESSAGE("message"),
  /** Which part of iamgate wrote the line: {@code iamgate.decision}, {@code iamgate.store}, ... */
  LOGGER("logger"),
  /** {@code IAMGATE_SERVICE_NAME}, else {@code POWERTOOLS_SERVICE_NAME}, else {@code iamgate}. */
  SERVICE("service"),
  /** Whether this is the execution environment's first invocation (after init or restore). */
  COLD_START("cold_start"),
  /** The Lambda function's name. */
  FUNCTION_NAME("function_name"),
  /** The Lambda function's version. */
  FUNCTION_VERSION("function_version"),
  /** The Lambda invocation's request id ({@code Context.getAwsRequestId()}). */
  FUNCTION_REQUEST_ID("function_request_id"),
  /** The function's memory, in MB. */
  FUNCTION_MEMORY_SIZE("function_memory_size"),
  /** The X-Ray trace id of the invocation. */
  XRAY_TRACE_ID("xray_trace_id"),
  /** API Gateway's request id. */
  CORRELATION_ID("correlation_id"),
  /** The CloudTrail-like record of a decision line. */
  DECISION("decision"),

  /** The version of the {@code decision} object's format. */
  EVENT_VERSION("eventVersion"),
  /** The decision's instant (the line's {@code timestamp}). */
  EVENT_TIME("eventTime"),
  /** The decision's id, also returned as {@code answerId} in the response context. */
  EVENT_ID("eventId"),
  /** The API Gateway payload: {@code REST_TOKEN}, {@code HTTP_V2}, ... */
  EVENT_TYPE("eventType"),
  /**
   * {@code Allow}, {@code ExplicitDeny}, {@code ImplicitDeny}, {@code Deny}, {@code Unauthorized}
   * or {@code Error}.
   */
  OUTCOME("outcome"),
  /** Why, in words. */
  REASON("reason"),
  /** The identified caller. */
  USER_IDENTITY("userIdentity"),
  /** {@code user}, {@code api-key} or {@code role} (in {@code userIdentity}). */
  TYPE("type"),
  /** {@code user/alice} or {@code role/Auditor} (in {@code userIdentity}). */
  PRINCIPAL("principal"),
  /** The principal's groups (in {@code userIdentity}). */
  GROUPS("groups"),
  /** The token's issuer (in {@code userIdentity}). */
  ISSUER("issuer"),
  /** {@code jwt} or {@code api-key} (in {@code userIdentity}). */
  AUTHENTICATION_METHOD("authenticationMethod"),
  /** Whether the token shows a second factor (in {@code userIdentity}). */
  MFA_PRESENT("mfaPresent"),
  /** Who assumed a role (in {@code userIdentity}). */
  CALLER("caller"),
  /** The caller's address as API Gateway saw it. */
  SOURCE_IP_ADDRESS("sourceIPAddress"),
  /** The caller's user agent, masked and cut short. */
  USER_AGENT("userAgent"),
  /** The API id. */
  API_ID("apiId"),
  /** The stage. */
  STAGE("stage"),
  /** The bundle route that matched, e.g. {@code GET /orders/{orderId}}. */
  ROUTE("route"),
  /** The HTTP method. */
  HTTP_METHOD("httpMethod"),
  /** The path decided on (no stage or base path). */
  PATH("path"),
  /** The method or route ARN of the event. */
  METHOD_ARN("methodArn"),
  /** The application action decided, e.g. {@code orders:GetOrder}. */
  ACTION("action"),
  /** The application resource decided. */
  RESOURCE("resource"),
  /** The deciding statement, e.g. {@code identity[Developers]/Statement/0 (Sid ReadOrders)}. */
  STATEMENT("statement"),
  /** {@code permissionsBoundary} or {@code guardrails}: the gate that denied implicitly. */
  FAILED_GATE("failedGate"),
  /** For an implicit deny, the failed gate's near misses: at most three, each cut short. */
  NEAR_MISSES("nearMisses"),
  /** Short version (content hash prefix) of the bundle that decided. */
  BUNDLE_VERSION("bundleVersion"),
  /** {@code route-table} or {@code request}. */
  CACHE_MODE("cacheMode"),
  /** Allowed routes a route-table response left out to fit API Gateway's limits. */
  ROUTES_LEFT_OUT("routesLeftOut"),
  /** Configured context claims left out of the response to fit API Gateway's limits. */
  CLAIMS_LEFT_OUT("claimsLeftOut"),
  /** Whether the verified-token cache answered. */
  TOKEN_CACHE_HIT("tokenCacheHit"),
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
