package io.iamgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads authorizer events from their raw JSON (so that nothing is dropped, unlike the typed event
 * classes): REST {@code TOKEN} and {@code REQUEST}, HTTP API payload 1.0 and 2.0, and WebSocket
 * {@code $connect}. Thread-safe.
 */
public final class GatewayEvents {
  private final ObjectMapper mapper;

  public GatewayEvents(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** An event that cannot be read; the message says why (for the log; the caller denies). */
  public static final class InvalidEventException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidEventException(String message) {
      super(message, null, false, false);
    }
  }

  /** Reads an event from a stream. */
  public GatewayEvent read(InputStream in) throws InvalidEventException {
    JsonNode root;
    try {
      root = mapper.readTree(in);
    } catch (IOException e) {
      throw new InvalidEventException("the event is not JSON: " + firstLine(e.getMessage()));
    }
    return read(root);
  }

  /** Reads an event from a JSON tree. */
  public GatewayEvent read(JsonNode root) throws InvalidEventException {
    if (root == null || !root.isObject()) {
      throw new InvalidEventException("the event is not a JSON object");
    }
    String version = text(root, "version");
    String type = text(root, "type");
    JsonNode ctx = root.path("requestContext");
    try {
      if ("TOKEN".equals(type)) {
        return new GatewayEvent(GatewayEvent.Kind.REST_TOKEN, MethodArn.parse(text(root, "methodArn")), null, null, null,
            bearer(text(root, "authorizationToken")), Map.of(), Map.of(), Map.of(), Map.of(), null, null, null, null);
      }
      if (!"REQUEST".equals(type)) {
        throw new InvalidEventException("unknown authorizer event type " + (type == null ? "(none)" : "`" + type + "`")
            + "; expected TOKEN or REQUEST");
      }
      if ("2.0".equals(version)) {
        return http2(root, ctx);
      }
      if ("CONNECT".equals(text(ctx, "eventType")) || "$connect".equals(text(ctx, "routeKey"))) {
        return websocket(root, ctx);
      }
      return rest(root, ctx, "1.0".equals(version) ? GatewayEvent.Kind.HTTP_V1 : GatewayEvent.Kind.REST_REQUEST);
    } catch (IllegalArgumentException e) {
      throw new InvalidEventException(e.getMessage());
    }
  }

  private GatewayEvent rest(JsonNode root, JsonNode ctx, GatewayEvent.Kind kind) {
    MethodArn arn = MethodArn.parse(text(root, "methodArn"));
    Map<String, List<String>> headers = merged(root.path("headers"), root.path("multiValueHeaders"), true);
    Map<String, List<String>> query = merged(root.path("queryStringParameters"), root.path("multiValueQueryStringParameters"), false);
    String method = firstNonNull(text(root, "httpMethod"), text(ctx, "httpMethod"), arn.verb());
    String path = firstNonNull(text(root, "path"), "/" + arn.path());
    String token = kind == GatewayEvent.Kind.HTTP_V1 ? firstNonNull(text(root, "authorizationToken"), text(root, "identitySource")) : null;
    if (token == null) {
      List<String> auth = headers.get("authorization");
      token = auth == null || auth.isEmpty() ? null : auth.get(0);
    }
    JsonNode identity = ctx.path("identity");
    return new GatewayEvent(kind, arn, method, path, firstNonNull(text(root, "resource"), text(ctx, "resourcePath")),
        bearer(token), headers, query, strings(root.path("pathParameters")), strings(root.path("stageVariables")),
        text(identity, "sourceIp"), firstNonNull(text(identity, "userAgent"), first(headers.get("user-agent"))),
        ctx.path("requestTimeEpoch").isNumber() ? ctx.path("requestTimeEpoch").asLong() : null, text(ctx, "requestId"));
  }

  private GatewayEvent http2(JsonNode root, JsonNode ctx) {
    MethodArn arn = MethodArn.parse(text(root, "routeArn"));
    Map<String, List<String>> headers = merged(root.path("headers"), null, true);
    Map<String, List<String>> query = new LinkedHashMap<>();
    root.path("queryStringParameters").fields().forEachRemaining(e ->
        query.put(e.getKey(), List.of(e.getValue().asText().split(",", -1))));
    JsonNode http = ctx.path("http");
    String token = null;
    JsonNode sources = root.path("identitySource");
    if (sources.isArray() && sources.size() > 0) {
      token = sources.get(0).asText();
    } else if (sources.isTextual()) {
      token = sources.asText();
    }
    if (token == null) {
      token = first(headers.get("authorization"));
    }
    return new GatewayEvent(GatewayEvent.Kind.HTTP_V2, arn, firstNonNull(text(http, "method"), arn.verb()),
        firstNonNull(text(http, "path"), text(root, "rawPath"), "/" + arn.path()),
        firstNonNull(text(root, "routeKey"), text(ctx, "routeKey")), bearer(token), headers, query,
        strings(root.path("pathParameters")), strings(root.path("stageVariables")), text(http, "sourceIp"),
        text(http, "userAgent"), ctx.path("timeEpoch").isNumber() ? ctx.path("timeEpoch").asLong() : null,
        text(ctx, "requestId"));
  }

  private GatewayEvent websocket(JsonNode root, JsonNode ctx) {
    MethodArn arn = MethodArn.parse(text(root, "methodArn"));
    Map<String, List<String>> headers = merged(root.path("headers"), root.path("multiValueHeaders"), true);
    Map<String, List<String>> query = merged(root.path("queryStringParameters"), root.path("multiValueQueryStringParameters"), false);
    String token = first(headers.get("authorization"));
    JsonNode identity = ctx.path("identity");
    return new GatewayEvent(GatewayEvent.Kind.WEBSOCKET_CONNECT, arn, null, null, "$connect", bearer(token), headers, query,
        Map.of(), strings(root.path("stageVariables")), text(identity, "sourceIp"),
        firstNonNull(text(identity, "userAgent"), first(headers.get("user-agent"))),
        ctx.path("requestTimeEpoch").isNumber() ? ctx.path("requestTimeEpoch").asLong() : null, text(ctx, "requestId"));
  }

  /** The token without a {@code Bearer } prefix (any case); {@code null} stays null. */
  static String bearer(String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    if (v.equalsIgnoreCase("Bearer")) {
      return null;
    }
    if (v.regionMatches(true, 0, "Bearer ", 0, 7)) {
      v = v.substring(7).strip();
    }
    return v.isEmpty() ? null : v;
  }

  private static Map<String, List<String>> merged(JsonNode single, JsonNode multi, boolean lowerCase) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (multi != null && multi.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = multi.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        List<String> values = new ArrayList<>();
        e.getValue().forEach(v -> values.add(v.asText()));
        out.merge(lowerCase ? e.getKey().toLowerCase(Locale.ROOT) : e.getKey(), values, (a, b) -> {
          List<String> all = new ArrayList<>(a);
          all.addAll(b);
          return all;
        });
      }
    }
    if (single != null && single.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = single.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isNull()) {
          out.putIfAbsent(lowerCase ? e.getKey().toLowerCase(Locale.ROOT) : e.getKey(), List.of(e.getValue().asText()));
        }
      }
    }
    out.replaceAll((k, v) -> List.copyOf(v));
    return out;
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        if (!e.getValue().isNull()) {
          out.put(e.getKey(), e.getValue().asText());
        }
      });
    }
    return out;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }

  private static String first(List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
