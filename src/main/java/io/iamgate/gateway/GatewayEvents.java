package io.iamgate.gateway;

import io.iamgate.json.Json;
import io.iamgate.json.JsonReader;
import io.iamgate.json.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads authorizer events from their raw JSON (so that nothing is dropped, unlike the typed event
 * classes): REST {@code TOKEN} and {@code REQUEST}, HTTP API payload 1.0 and 2.0, and WebSocket
 * {@code $connect}. Uses the same streaming JSON reader as the policy parser (no data binding, so
 * nothing more to load at cold start). Thread-safe.
 */
public final class GatewayEvents {
  /** An event larger than this is refused (API Gateway's own limits are far lower). */
  public static final int MAX_EVENT_BYTES = 1 << 20;

  public GatewayEvents() {}

  /** An event that cannot be read; the message says why (for the log; the caller denies). */
  public static final class InvalidEventException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidEventException(@Nullable String message) {
      super(message, null, false, false);
    }
  }

  /** Reads an event from a stream. */
  public GatewayEvent read(InputStream in) throws InvalidEventException {
    byte[] bytes;
    try {
      bytes = in.readNBytes(MAX_EVENT_BYTES + 1);
    } catch (IOException e) {
      throw new InvalidEventException("the event cannot be read: " + e.getMessage());
    }
    if (bytes.length > MAX_EVENT_BYTES) {
      throw new InvalidEventException("the event is larger than " + MAX_EVENT_BYTES + " bytes");
    }
    ParseResult<Json> r = JsonReader.read(new String(bytes, StandardCharsets.UTF_8), null, 0);
    Json root = r.value();
    if (root == null) {
      throw new InvalidEventException("the event is not JSON: " + r.errors().get(0).message());
    }
    return read(root);
  }

  /** Reads an event from a JSON tree. */
  public GatewayEvent read(Json root) throws InvalidEventException {
    if (!(root instanceof Json.JObject o)) {
      throw new InvalidEventException("the event is not a JSON object");
    }
    String version = text(o, "version");
    String type = text(o, "type");
    Json.JObject ctx = object(o, "requestContext");
    try {
      if ("TOKEN".equals(type)) {
        return new GatewayEvent(
            GatewayEvent.Kind.REST_TOKEN,
            MethodArn.parse(text(o, "methodArn")),
            null,
            null,
            null,
            bearer(text(o, "authorizationToken")),
            Map.of(),
            Map.of(),
            Map.of(),
            Map.of(),
            null,
            null,
            null,
            null,
            null);
      }
      if (!"REQUEST".equals(type)) {
        throw new InvalidEventException(
            "unknown authorizer event type "
                + (type == null ? "(none)" : "`" + type + "`")
                + "; expected TOKEN or REQUEST");
      }
      if ("2.0".equals(version)) {
        return http2(o, ctx);
      }
      if ("CONNECT".equals(text(ctx, "eventType")) || "$connect".equals(text(ctx, "routeKey"))) {
        return websocket(o, ctx);
      }
      return rest(
          o,
          ctx,
          "1.0".equals(version) ? GatewayEvent.Kind.HTTP_V1 : GatewayEvent.Kind.REST_REQUEST);
    } catch (IllegalArgumentException e) {
      throw new InvalidEventException(e.getMessage());
    }
  }

  private GatewayEvent rest(Json.JObject root, Json.@Nullable JObject ctx, GatewayEvent.Kind kind) {
    MethodArn arn = MethodArn.parse(text(root, "methodArn"));
    Map<String, List<String>> headers =
        merged(object(root, "headers"), object(root, "multiValueHeaders"), true);
    Map<String, List<String>> query =
        merged(
            object(root, "queryStringParameters"),
            object(root, "multiValueQueryStringParameters"),
            false);
    String method = firstNonNull(text(root, "httpMethod"), text(ctx, "httpMethod"), arn.verb());
    String path = firstNonNull(text(root, "path"), "/" + arn.path());
    // the token lives in its header; payload 1.0's identitySource/authorizationToken join every
    // identity source with commas, so their content depends on the configuration, not the caller
    String token = first(headers.get("authorization"));
    Json.JObject identity = object(ctx, "identity");
    return new GatewayEvent(
        kind,
        arn,
        method,
        path,
        firstNonNull(text(root, "resource"), text(ctx, "resourcePath")),
        bearer(token),
        headers,
        query,
        strings(object(root, "pathParameters")),
        strings(object(root, "stageVariables")),
        text(identity, "sourceIp"),
        firstNonNull(text(identity, "userAgent"), first(headers.get("user-agent"))),
        number(ctx, "requestTimeEpoch"),
        text(ctx, "requestId"),
        kind == GatewayEvent.Kind.HTTP_V1 ? joinedSources(text(root, "identitySource")) : null);
  }

  private GatewayEvent http2(Json.JObject root, Json.@Nullable JObject ctx) {
    MethodArn arn = MethodArn.parse(text(root, "routeArn"));
    Map<String, List<String>> headers = merged(object(root, "headers"), null, true);
    Map<String, List<String>> query = new LinkedHashMap<>();
    Json.JObject qs = object(root, "queryStringParameters");
    if (qs != null) {
      for (Json.Member m : qs.members()) {
        String v = Json.scalarText(m.value());
        if (v != null) {
          query.put(m.name(), List.of(v.split(",", -1)));
        }
      }
    }
    Json.JObject http = object(ctx, "http");
    // the token lives in its header, whatever position the identity sources give it
    String token = first(headers.get("authorization"));
    return new GatewayEvent(
        GatewayEvent.Kind.HTTP_V2,
        arn,
        firstNonNull(text(http, "method"), arn.verb()),
        firstNonNull(text(http, "path"), text(root, "rawPath"), "/" + arn.path()),
        firstNonNull(text(root, "routeKey"), text(ctx, "routeKey")),
        bearer(token),
        headers,
        query,
        strings(object(root, "pathParameters")),
        strings(object(root, "stageVariables")),
        text(http, "sourceIp"),
        text(http, "userAgent"),
        number(ctx, "timeEpoch"),
        text(ctx, "requestId"),
        listedSources(root));
  }

  private GatewayEvent websocket(Json.JObject root, Json.@Nullable JObject ctx) {
    MethodArn arn = MethodArn.parse(text(root, "methodArn"));
    Map<String, List<String>> headers =
        merged(object(root, "headers"), object(root, "multiValueHeaders"), true);
    Map<String, List<String>> query =
        merged(
            object(root, "queryStringParameters"),
            object(root, "multiValueQueryStringParameters"),
            false);
    Json.JObject identity = object(ctx, "identity");
    return new GatewayEvent(
        GatewayEvent.Kind.WEBSOCKET_CONNECT,
        arn,
        null,
        null,
        "$connect",
        bearer(first(headers.get("authorization"))),
        headers,
        query,
        Map.of(),
        strings(object(root, "stageVariables")),
        text(identity, "sourceIp"),
        firstNonNull(text(identity, "userAgent"), first(headers.get("user-agent"))),
        number(ctx, "requestTimeEpoch"),
        text(ctx, "requestId"),
        null);
  }

  /**
   * The token without a {@code Bearer } prefix (any case); {@code null} stays null, and a header
   * that holds no token ({@code ""}, {@code "Bearer"}) is {@code ""}: the caller sent the header,
   * so it is refused rather than taken as absent (another credential, which API Gateway's cache key
   * may not hold, must not stand in for it).
   */
  static @Nullable String bearer(@Nullable String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    if (v.equalsIgnoreCase("Bearer")) {
      return "";
    }
    if (v.regionMatches(true, 0, "Bearer ", 0, 7)) {
      v = v.substring(7).strip();
    }
    return v;
  }

  /** The values of payload 1.0's {@code identitySource}, which joins them with commas. */
  private static @Nullable List<String> joinedSources(@Nullable String identitySource) {
    return identitySource == null ? null : List.of(identitySource.split(",", -1));
  }

  /** The values of payload 2.0's {@code identitySource} array. */
  private static @Nullable List<String> listedSources(Json.JObject root) {
    Json v = null;
    for (Json.Member m : root.members()) {
      if (m.name().equals("identitySource")) {
        v = m.value();
      }
    }
    if (!(v instanceof Json.JArray arr)) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Json item : arr.items()) {
      String text = Json.scalarText(item);
      if (text != null) {
        out.add(text);
      }
    }
    return out;
  }

  private static Map<String, List<String>> merged(
      Json.@Nullable JObject single, Json.@Nullable JObject multi, boolean lowerCase) {
    // a name that appears with no usable value (null, [], an object) is still present, with the
    // value "": an Authorization header so sent must be refused, never taken as absent
    Map<String, List<String>> out = new LinkedHashMap<>();
    java.util.Set<String> present = new java.util.LinkedHashSet<>();
    if (multi != null) {
      for (Json.Member m : multi.members()) {
        String name = lowerCase ? m.name().toLowerCase(Locale.ROOT) : m.name();
        present.add(name);
        List<String> values = new ArrayList<>();
        if (m.value() instanceof Json.JArray arr) {
          for (Json v : arr.items()) {
            String s = Json.scalarText(v);
            if (s != null) {
              values.add(s);
            }
          }
        } else if (Json.scalarText(m.value()) != null) {
          values.add(Json.scalarText(m.value()));
        }
        if (!values.isEmpty()) {
          out.merge(
              name,
              values,
              (a, b) -> {
                List<String> all = new ArrayList<>(a);
                all.addAll(b);
                return all;
              });
        }
      }
    }
    if (single != null) {
      for (Json.Member m : single.members()) {
        String name = lowerCase ? m.name().toLowerCase(Locale.ROOT) : m.name();
        present.add(name);
        String v = Json.scalarText(m.value());
        if (v != null) {
          out.putIfAbsent(name, List.of(v));
        }
      }
    }
    for (String name : present) {
      out.putIfAbsent(name, List.of(""));
    }
    out.replaceAll((k, v) -> List.copyOf(v));
    return out;
  }

  private static Map<String, String> strings(Json.@Nullable JObject o) {
    Map<String, String> out = new LinkedHashMap<>();
    if (o != null) {
      for (Json.Member m : o.members()) {
        String v = Json.scalarText(m.value());
        if (v != null) {
          out.put(m.name(), v);
        }
      }
    }
    return out;
  }

  private static Json.@Nullable JObject object(Json.@Nullable JObject o, String field) {
    return o != null && o.get(field) instanceof Json.JObject obj ? obj : null;
  }

  private static @Nullable String text(Json.@Nullable JObject o, String field) {
    if (o == null) {
      return null;
    }
    Json j = o.get(field);
    return j == null ? null : Json.scalarText(j);
  }

  private static @Nullable Long number(Json.@Nullable JObject o, String field) {
    if (o != null && o.get(field) instanceof Json.JNumber n) {
      try {
        return Long.parseLong(n.text());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static @Nullable String first(@Nullable List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  @SafeVarargs
  private static <T> @Nullable T firstNonNull(@Nullable T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
