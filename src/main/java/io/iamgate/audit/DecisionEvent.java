package io.iamgate.audit;

import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * What the decision trail records about one authorizer decision: built once, as a value, when the
 * decision is made, and written by {@link JsonLines} as the {@code decision} object of one {@code
 * iamgate.decision} line (member names in {@link LogField}; the format in docs/decision-events.md).
 * It holds no credential: no token, API key or secret is ever a component, and every text is {@link
 * Masking masked} again when written.
 *
 * @param decisionId the decision's id ({@code eventId}), also returned as {@code answerId} in the
 *     response context
 * @param outcome {@link #ALLOW}, {@link #EXPLICIT_DENY}, {@link #IMPLICIT_DENY}, {@link #DENY}
 *     (denied before the engine was asked), {@link #UNAUTHORIZED} or {@link #ERROR}
 * @param reason why, in words; {@code null} when there is nothing to say
 * @param userIdentity the identified caller, or {@code null} when none was identified
 * @param request what API Gateway sent about the call
 * @param route the bundle route that matched ({@code GET /orders/{orderId}}), or {@code null}
 * @param action the application action, or {@code null} before the route was mapped
 * @param resource the application resource, or {@code null} before the route was mapped
 * @param statement the deciding statement, or {@code null} when none decided
 * @param failedGate {@code permissionsBoundary} or {@code guardrails} for an implicit deny by that
 *     gate, else {@code null}
 * @param nearMisses for an implicit deny, the near misses of the failed gate (at most three, each
 *     cut short); empty otherwise
 * @param bundleVersion the short version of the deciding bundle, or {@code null} when none was
 *     loaded
 * @param cacheMode {@code route-table} or {@code request} (the configured cache mode), or {@code
 *     null} when the settings could not be read
 * @param routesLeftOut allowed routes a route-table response left out to fit API Gateway's limits
 *     (0 when none)
 * @param claimsLeftOut configured context claims left out of the response to fit its limits
 * @param tokenCacheHit for a verified token, whether the verified-token cache answered; {@code
 *     null} when no token was verified
 * @param latencyMicros microseconds from the event's arrival to the decision
 */
public record DecisionEvent(
    String decisionId,
    String outcome,
    @Nullable String reason,
    @Nullable UserIdentity userIdentity,
    Request request,
    @Nullable String route,
    @Nullable String action,
    @Nullable String resource,
    @Nullable String statement,
    @Nullable String failedGate,
    List<String> nearMisses,
    @Nullable String bundleVersion,
    @Nullable String cacheMode,
    int routesLeftOut,
    List<String> claimsLeftOut,
    @Nullable Boolean tokenCacheHit,
    long latencyMicros) {

  /** The outcome of an allowed call. */
  public static final String ALLOW = "Allow";

  /** The outcome of a call a {@code Deny} statement denied. */
  public static final String EXPLICIT_DENY = "ExplicitDeny";

  /** The outcome of a call no statement allowed. */
  public static final String IMPLICIT_DENY = "ImplicitDeny";

  /** The outcome of a call denied before the engine was asked (unmapped caller or route, ...). */
  public static final String DENY = "Deny";

  /** The outcome of a call without valid credentials (a 401 where the API has one). */
  public static final String UNAUTHORIZED = "Unauthorized";

  /**
   * The outcome of a call iamgate could not decide (an internal error, an unreadable event, a
   * configuration error, no bundle): denied.
   */
  public static final String ERROR = "Error";

  /** The longest user agent a decision event carries, in characters. */
  public static final int MAX_USER_AGENT = 200;

  /** Copies the lists. */
  public DecisionEvent {
    nearMisses = List.copyOf(nearMisses);
    claimsLeftOut = List.copyOf(claimsLeftOut);
  }

  /**
   * The caller, as CloudTrail's {@code userIdentity}.
   *
   * @param type {@code user} (a token user), {@code api-key} (an API-key caller) or {@code role}
   *     (an assumed role)
   * @param principal {@code user/alice} or {@code role/Auditor}
   * @param groups the principal's groups (bundle groups and groups the token claims), possibly
   *     empty
   * @param issuer the token's issuer, or {@code null} for an API-key caller
   * @param authenticationMethod {@code jwt} or {@code api-key}
   * @param mfaPresent whether the token shows a second factor; {@code null} for an API-key caller
   *     (for whom {@code aws:MultiFactorAuthPresent} is absent too)
   * @param caller for a role, who assumed it (a bundle user {@code user/carol}, or the token's
   *     subject); else {@code null}
   */
  public record UserIdentity(
      String type,
      String principal,
      List<String> groups,
      @Nullable String issuer,
      String authenticationMethod,
      @Nullable Boolean mfaPresent,
      @Nullable String caller) {
    /** Copies the groups. */
    public UserIdentity {
      groups = List.copyOf(groups);
    }
  }

  /**
   * What API Gateway sent about the call.
   *
   * @param eventType the payload ({@code REST_TOKEN}, {@code HTTP_V2}, ...), or {@code null} when
   *     the event could not be read
   * @param methodArn the method or route ARN, or {@code null} when the event could not be read
   * @param apiId the API id, or {@code null}
   * @param stage the stage, or {@code null}
   * @param httpMethod the HTTP method, or {@code null} (WebSocket)
   * @param path the path decided on (the ARN's: no stage or base path), or the route key of a
   *     WebSocket ARN ({@code $connect})
   * @param sourceIp the caller's address as API Gateway saw it, or {@code null}
   * @param userAgent the user agent, or {@code null}
   * @param requestId API Gateway's request id, or {@code null}
   */
  public record Request(
      @Nullable String eventType,
      @Nullable String methodArn,
      @Nullable String apiId,
      @Nullable String stage,
      @Nullable String httpMethod,
      @Nullable String path,
      @Nullable String sourceIp,
      @Nullable String userAgent,
      @Nullable String requestId) {
    /** Nothing known: the event could not be read. */
    public static final Request UNKNOWN =
        new Request(null, null, null, null, null, null, null, null, null);
  }

  /**
   * An {@link #ERROR} event for a call that could not be decided at all (an unreadable event, an
   * error nothing else caught), with nothing but why.
   */
  public static DecisionEvent error(
      String decisionId, String reason, Request request, long latencyMicros) {
    return new DecisionEvent(
        decisionId,
        ERROR,
        reason,
        null,
        request,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        null,
        null,
        0,
        List.of(),
        null,
        latencyMicros);
  }

  /** The principal ({@code user/alice}), or {@code null} when no caller was identified. */
  public @Nullable String principal() {
    return userIdentity == null ? null : userIdentity.principal();
  }

  /** {@code INFO} for an allow, {@code ERROR} for an error, {@code WARN} for any denial. */
  public JsonLines.Level level() {
    return switch (outcome) {
      case ALLOW -> JsonLines.Level.INFO;
      case ERROR -> JsonLines.Level.ERROR;
      default -> JsonLines.Level.WARN;
    };
  }

  /**
   * One sentence for people: {@code allow GET /orders/ord-42 for user/alice: allowed by ...},
   * {@code deny ...}, {@code unauthorized ...}, {@code error ...}.
   */
  public String message() {
    StringBuilder m = new StringBuilder(160);
    m.append(
        switch (outcome) {
          case ALLOW -> "allow";
          case UNAUTHORIZED -> "unauthorized";
          case ERROR -> "error";
          default -> "deny";
        });
    if (request.httpMethod() != null) {
      m.append(' ').append(request.httpMethod());
    }
    if (request.path() != null) {
      m.append(' ').append(request.path());
    }
    String principal = principal();
    if (principal != null) {
      m.append(" for ").append(principal);
    }
    if (reason != null) {
      m.append(": ").append(reason);
    }
    return m.toString();
  }

  /**
   * The same event with the request-derived texts (the method ARN, API id, stage, method, path,
   * source IP, user agent and request id, resource, the reason and the near misses) passed through
   * {@code scrub}, e.g. {@link Masking#scrubRequestText}.
   */
  public DecisionEvent scrubbed(UnaryOperator<String> scrub) {
    Request r = request;
    Request scrubbedRequest =
        new Request(
            r.eventType(),
            r.methodArn() == null ? null : scrub.apply(r.methodArn()),
            // API Gateway writes these, but the event reaches the authorizer as text: a forged
            // or broken one is request text like the rest
            r.apiId() == null ? null : scrub.apply(r.apiId()),
            r.stage() == null ? null : scrub.apply(r.stage()),
            r.httpMethod() == null ? null : scrub.apply(r.httpMethod()),
            r.path() == null ? null : scrub.apply(r.path()),
            r.sourceIp() == null ? null : scrub.apply(r.sourceIp()),
            r.userAgent() == null ? null : scrub.apply(r.userAgent()),
            r.requestId() == null ? null : scrub.apply(r.requestId()));
    return new DecisionEvent(
        decisionId,
        outcome,
        reason == null ? null : scrub.apply(reason),
        userIdentity,
        scrubbedRequest,
        route,
        action,
        resource == null ? null : scrub.apply(resource),
        statement,
        failedGate,
        nearMisses.isEmpty() ? nearMisses : nearMisses.stream().map(scrub).toList(),
        bundleVersion,
        cacheMode,
        routesLeftOut,
        claimsLeftOut,
        tokenCacheHit,
        latencyMicros);
  }
}
