package io.iamgate.gateway;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One authorizer event, whatever its payload type, read once at the edge. Immutable. Header names
 * are lower-cased (look-ups are case-insensitive); multi-valued maps keep every value.
 *
 * @param kind which API flavour and payload sent it
 * @param arn the parsed method or route ARN
 * @param method the HTTP method ({@code GET}...), or {@code null} for a WebSocket connection
 * @param path the request path as the event carries it, with a leading slash ({@code /orders/42});
 *     {@code null} for a TOKEN event. It may hold a named HTTP API stage or a custom domain's base
 *     path, so the authorizer routes by {@link #arn()}, never by this
 * @param routeKey the route template ({@code /orders/{orderId}}, {@code GET /orders/{orderId}},
 *     {@code $connect}), or {@code null} when the payload has none
 * @param token the token of the {@code Authorization} header (of {@code authorizationToken} for a
 *     TOKEN event) without its {@code Bearer } prefix, or {@code null}
 * @param headers lower-cased header names to their values
 * @param query query string parameters to their values
 * @param pathParameters the path parameters API Gateway bound
 * @param stageVariables stage variables
 * @param sourceIp the client address as API Gateway saw it, or {@code null} (TOKEN events)
 * @param userAgent the user agent, or {@code null}
 * @param requestTimeEpochMillis when API Gateway received the request, or {@code null}
 * @param requestId API Gateway's request id, or {@code null}
 * @param identitySources the identity-source values API Gateway sent, the parts of its cache key
 *     (HTTP API payload 1.0, split at its commas, and 2.0), or {@code null} when the payload does
 *     not list them (REST, WebSocket)
 */
public record GatewayEvent(
    Kind kind,
    MethodArn arn,
    @Nullable String method,
    @Nullable String path,
    @Nullable String routeKey,
    @Nullable String token,
    Map<String, List<String>> headers,
    Map<String, List<String>> query,
    Map<String, String> pathParameters,
    Map<String, String> stageVariables,
    @Nullable String sourceIp,
    @Nullable String userAgent,
    @Nullable Long requestTimeEpochMillis,
    @Nullable String requestId,
    @Nullable List<String> identitySources) {
  public GatewayEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(arn, "arn");
    headers = Map.copyOf(headers);
    query = Map.copyOf(query);
    pathParameters = Map.copyOf(pathParameters);
    stageVariables = Map.copyOf(stageVariables);
    identitySources = identitySources == null ? null : List.copyOf(identitySources);
  }

  /** The API flavour and payload of an event, which decide the response shape. */
  public enum Kind {
    REST_TOKEN,
    REST_REQUEST,
    HTTP_V1,
    HTTP_V2,
    WEBSOCKET_CONNECT;

    /**
     * Whether the API can take a simple {@code isAuthorized} response (HTTP API payload 2.0 only).
     */
    public boolean canAnswerSimply() {
      return this == HTTP_V2;
    }
  }

  /** The first value of a header, case-insensitively, or {@code null}. */
  public @Nullable String header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** The first value of a query parameter (case-sensitive), or {@code null}. */
  public @Nullable String queryParameter(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }
}
