package io.iamgate.gateway;

import io.iamgate.authn.Credentials;
import io.iamgate.bundle.RouteTable;
import io.iamgate.identity.Claims;
import io.iamgate.policy.IpAddresses;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The event → request step at the gateway edge: which application action and resource an API
 * Gateway event asks for (through the bundle's routes), and the context keys the engine sees for it
 * (see docs/authorizer.md, "Context keys"). The keys come in two parts: {@link Mapped#stableKeys()
 * stable} ones that hold for every request of the same credentials on the same API stage (the
 * token's claims, MFA, region, stage), which a cacheable answer may rely on, and the per-request
 * rest (source IP, time, user agent, method, headers, query and path parameters).
 *
 * <p>Credentials never become context keys: the {@code Authorization} and {@code Cookie} headers
 * and the bundle's API-key header are left out of {@code request:header/*}.
 */
public final class RequestMapper {
  /** RFC 8176 authentication method references that mean a second factor. */
  private static final Set<String> SECOND_FACTORS =
      Set.of("mfa", "otp", "hwk", "swk", "sms", "fpt");

  private RequestMapper() {}

  /**
   * An event as the engine sees it.
   *
   * @param match the route's action and resource ({@code resource} is {@code null} when the route's
   *     template cannot be resolved for this request: the caller must deny)
   * @param stableKeys the keys that hold for every request of these credentials on this stage
   * @param keys every key: the stable ones, the per-request ones and the path parameters
   */
  public record Mapped(
      RouteTable.Match match, Map<String, Object> stableKeys, Map<String, Object> keys) {
    /** Copies the maps. */
    public Mapped {
      stableKeys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stableKeys));
      keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }
  }

  /**
   * Maps an event.
   *
   * @param credentials who is calling (already authenticated)
   * @param routes the bundle's routes
   * @param apiKeyHeader the bundle's API-key header (lower case), kept out of the context
   * @param now the request time (the event's, else the clock's)
   */
  public static Mapped map(
      GatewayEvent event,
      Credentials credentials,
      RouteTable routes,
      String apiKeyHeader,
      Instant now) {
    Map<String, Object> stable = stableKeys(event, credentials, now);
    Map<String, Object> keys = new LinkedHashMap<>(stable);
    keys.putAll(requestKeys(event, apiKeyHeader, now));
    Map<String, String> variables = new LinkedHashMap<>();
    keys.forEach(
        (k, val) -> {
          if (val instanceof String s) {
            variables.put(k, s);
          }
        });
    // the route comes from the method/route ARN, which is what API Gateway authorizes: never from
    // the event's path, which carries the stage on named HTTP API stages and the base path behind
    // a custom domain
    String method = event.arn().verb() != null ? event.arn().verb() : event.method();
    String path = event.arn().isCatchAll() ? catchAllPath(event) : "/" + event.arn().path();
    RouteTable.Match match =
        event.kind() == GatewayEvent.Kind.WEBSOCKET_CONNECT || method == null
            ? new RouteTable.Match(
                RouteTable.DEFAULT_ACTION, event.arn().toString(), null, Map.of())
            : routes.match(method, path, event.arn().toString(), variables);
    match.pathParameters().forEach((k, val) -> keys.putIfAbsent("request:path/" + k, val));
    return new Mapped(match, stable, keys);
  }

  /**
   * The path a call on the HTTP API's {@code $default} route asks for. Its ARN holds no method and
   * path, so this is the one route that comes from the event's path, as the backend behind the
   * catch-all receives it: on a named stage that path starts with {@code /{stage}}, which is
   * removed. Behind a custom domain whose API mapping has a path, the mapping's path stays in it
   * and the call matches no bundle route unless the routes include it.
   */
  static String catchAllPath(GatewayEvent event) {
    String path = event.path() == null ? "/" : event.path();
    String stage = "/" + event.arn().stage();
    if (!event.arn().stage().equals("$default")
        && (path.equals(stage) || path.startsWith(stage + "/"))) {
      path = path.substring(stage.length());
    }
    return path.isEmpty() ? "/" : path;
  }

  /**
   * Why a call on the HTTP API {@code $default} route cannot be routed safely, or {@code null}.
   * iamgate routes such a call itself, by the path the backend behind the catch-all receives, so
   * the path must mean one thing: no {@code .} or {@code ..} segment, no empty segment before its
   * end, no backslash, and no percent-encoded {@code /}, backslash or {@code .} (a backend that
   * normalises or decodes the path would serve another resource than the one decided); the method
   * must be upper case, as API Gateway sends it.
   */
  public static @org.jspecify.annotations.Nullable String catchAllProblem(GatewayEvent event) {
    String method = event.method();
    if (method == null || method.isEmpty() || !method.equals(method.toUpperCase(Locale.ROOT))) {
      return "the `$default` route's method `" + method + "` is not upper case";
    }
    String path = catchAllPath(event);
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.contains("%2f")
        || lower.contains("%5c")
        || lower.contains("%2e")
        || path.contains("\\")) {
      return "the `$default` route's path holds an encoded `/`, `\\` or `.`";
    }
    String[] segments = path.substring(1).split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String seg = segments[i];
      if (seg.equals(".") || seg.equals("..")) {
        return "the `$default` route's path holds a `" + seg + "` segment";
      }
      if (seg.isEmpty() && i < segments.length - 1) {
        return "the `$default` route's path holds an empty segment";
      }
    }
    return null;
  }

  /**
   * Whether a token caller's {@code amr} claim names a second factor: the value of {@code
   * aws:MultiFactorAuthPresent}. False for an API-key caller (for whom that key is absent).
   */
  public static boolean mfaPresent(Credentials c) {
    if (c.isApiKey()) {
      return false;
    }
    Object amr = c.claims().get("amr");
    List<?> methods =
        amr instanceof List<?> l ? l : amr instanceof String s ? List.of(s) : List.of();
    return methods.stream().anyMatch(SECOND_FACTORS::contains);
  }

  /**
   * Keys that stay the same for every request of one identity (so a cached answer may use them).
   */
  public static Map<String, Object> stableKeys(GatewayEvent event, Credentials c, Instant now) {
    Map<String, Object> ctx = new LinkedHashMap<>();
    ctx.put("aws:SecureTransport", "true");
    ctx.put("aws:RequestedRegion", event.arn().region());
    ctx.put("request:stage", event.arn().stage());
    if (!c.isApiKey()) {
      ctx.putAll(Claims.toContext(c.claims()));
      Object iat = c.claims().get("iat");
      if (iat instanceof Number n) {
        ctx.put("aws:TokenIssueTime", Instant.ofEpochSecond(n.longValue()).toString());
      }
      boolean mfa = mfaPresent(c);
      ctx.put("aws:MultiFactorAuthPresent", mfa ? "true" : "false");
      if (mfa && c.claims().get("auth_time") instanceof Number at) {
        ctx.put(
            "aws:MultiFactorAuthAge",
            Long.toString(Math.max(0, now.getEpochSecond() - at.longValue())));
      }
    }
    return ctx;
  }

  /** Keys that differ from request to request. */
  static Map<String, Object> requestKeys(GatewayEvent event, String apiKeyHeader, Instant now) {
    Map<String, Object> ctx = new LinkedHashMap<>();
    ctx.put("aws:CurrentTime", now.toString());
    ctx.put("aws:EpochTime", Long.toString(now.getEpochSecond()));
    String sourceIp = event.sourceIp();
    if (sourceIp != null && IpAddresses.parseAddress(sourceIp) != null) {
      // the console's Test button sends `test-invoke-source-ip`: the key is absent for that
      // request (the decision event still records what API Gateway sent), not a failed request
      ctx.put("aws:SourceIp", sourceIp);
    }
    if (event.userAgent() != null) {
      ctx.put("aws:UserAgent", event.userAgent());
    }
    if (event.method() != null) {
      ctx.put("request:method", event.method());
    }
    event.pathParameters().forEach((k, v) -> ctx.put("request:path/" + k, v));
    String keyHeader = apiKeyHeader.toLowerCase(Locale.ROOT);
    event
        .headers()
        .forEach(
            (k, v) -> {
              if (!k.equals("authorization")
                  && !k.equals("cookie")
                  && !k.equals("x-api-key")
                  && !k.equals(keyHeader)) {
                ctx.put("request:header/" + k, v.size() == 1 ? v.get(0) : v);
              }
            });
    event.query().forEach((k, v) -> ctx.put("request:query/" + k, v.size() == 1 ? v.get(0) : v));
    return ctx;
  }
}
