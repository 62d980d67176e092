package io.iamgate.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One authorizer configuration of the test matrix ({@link AuthorizerSpec}): how the handler is
 * configured, which payload API Gateway sends and how the caller authenticates. It builds the
 * events API Gateway would send for a call to the embedded sample bundle's API, and knows which
 * cached answers API Gateway replays for which calls under the identity sources {@code
 * template.yaml} configures.
 *
 * @param cacheMode {@code IAMGATE_CACHE_MODE}
 * @param simpleResponses {@code IAMGATE_HTTP_SIMPLE_RESPONSES} (meaningful for HTTP API 2.0 only)
 * @param credential how the caller authenticates
 * @param payload what API Gateway sends
 */
public record AuthorizerConfig(
    CacheMode cacheMode, boolean simpleResponses, Credential credential, Payload payload) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code IAMGATE_CACHE_MODE}. */
  public enum CacheMode {
    ROUTE_TABLE("route-table"),
    REQUEST("request");

    private final String setting;

    CacheMode(String setting) {
      this.setting = setting;
    }

    /** The environment value. */
    public String setting() {
      return setting;
    }
  }

  /** How the caller proves who it is. */
  public enum Credential {
    /** A bearer JWT signed by the sample issuer. */
    JWT,
    /** An API key in {@code x-api-key}, checked against the bundle's salted hashes. */
    API_KEY
  }

  /** The authorizer payload. */
  public enum Payload {
    REST_TOKEN,
    REST_REQUEST,
    HTTP_V1,
    HTTP_V2,
    WEBSOCKET
  }

  /** A caller of the sample API: who, and the credential it sends. */
  public record Caller(String name, String credential) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** The sample bundle's routes (API Gateway refuses any other method and path). */
  public static final List<String> SAMPLE_ROUTES =
      List.of(
          "GET /orders",
          "POST /orders",
          "GET /orders/{orderId}",
          "PUT /orders/{orderId}",
          "DELETE /orders/{orderId}",
          "POST /orders/{orderId}/cancel",
          "GET /orders/{orderId}/items",
          "GET /reports/{owner}/{reportId}",
          "POST /reports/{owner}/{reportId}/export");

  /** bob's API key in the sample bundle. */
  public static final String BOB_API_KEY = "bob-ci.sample-secret-not-for-production";

  /** Whether API Gateway can send this combination (a TOKEN authorizer carries no API key). */
  public boolean possible() {
    return !(payload == Payload.REST_TOKEN && credential == Credential.API_KEY);
  }

  /**
   * The same configuration with the dimensions that cannot matter fixed: simple responses exist
   * only for HTTP API 2.0, and WebSocket {@code $connect} answers are never cached.
   */
  public AuthorizerConfig normalized() {
    return new AuthorizerConfig(
        payload == Payload.WEBSOCKET ? CacheMode.ROUTE_TABLE : cacheMode,
        payload == Payload.HTTP_V2 && simpleResponses,
        credential,
        payload);
  }

  /** Whether answers are {@code isAuthorized} documents rather than IAM policies. */
  public boolean answersSimply() {
    return payload == Payload.HTTP_V2 && simpleResponses;
  }

  @Override
  public String toString() {
    return payload.name().toLowerCase(Locale.ROOT)
        + " / "
        + credential.name().toLowerCase(Locale.ROOT)
        + " / "
        + cacheMode.setting()
        + (payload == Payload.HTTP_V2 ? (simpleResponses ? " / simple" : " / policy") : "");
  }

  /** The handler's environment on the embedded sample bundle. */
  public Map<String, String> env() {
    return Map.of(
        "IAMGATE_ALLOW_SAMPLE_BUNDLE", "true",
        "IAMGATE_CACHE_MODE", cacheMode.setting(),
        "IAMGATE_HTTP_SIMPLE_RESPONSES", Boolean.toString(simpleResponses));
  }

  /**
   * The callers this configuration's credential kind can be: alice, bob and carol, or bob's key.
   */
  public List<Caller> callers() {
    if (credential == Credential.API_KEY) {
      return List.of(new Caller("bob (API key)", BOB_API_KEY));
    }
    return List.of(
        new Caller("alice", SampleEvents.alice()),
        new Caller("bob", SampleEvents.bob()),
        new Caller(
            "carol (MFA)",
            Tokens.sign(
                Tokens.claims("carol", SampleEvents.FAR)
                    .claim("amr", List.of("pwd", "mfa"))
                    .build())));
  }

  /** The route ({@code GET /orders/{orderId}}) that serves {@code verb /path}, if any. */
  public static Optional<String> route(String verb, String path) {
    String[] segments = path.split("/", -1);
    for (String route : SAMPLE_ROUTES) {
      String[] parts = route.split(" ", 2);
      String[] template = parts[1].substring(1).split("/", -1);
      if (!parts[0].equals(verb) || template.length != segments.length) {
        continue;
      }
      boolean match = true;
      for (int i = 0; i < template.length && match; i++) {
        match =
            template[i].startsWith("{") ? !segments[i].isEmpty() : template[i].equals(segments[i]);
      }
      if (match) {
        return Optional.of(route);
      }
    }
    return Optional.empty();
  }

  private static Map<String, String> pathParameters(String route, String path) {
    String[] template = route.split(" ", 2)[1].substring(1).split("/", -1);
    String[] segments = path.split("/", -1);
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < template.length; i++) {
      if (template[i].startsWith("{")) {
        out.put(template[i].substring(1, template[i].length() - 1), segments[i]);
      }
    }
    return out;
  }

  private String stage() {
    return payload == Payload.HTTP_V1 || payload == Payload.HTTP_V2 ? "$default" : "prod";
  }

  private String apiId() {
    return switch (payload) {
      case HTTP_V1, HTTP_V2 -> "h3p8n2c6de";
      case WEBSOCKET -> "w5s1k8t0gh";
      default -> "k7x2m9q4ab";
    };
  }

  /**
   * The method (or route) ARN API Gateway sends for {@code verb /path}; for WebSocket, the {@code
   * $connect} ARN whatever the path.
   */
  public String arn(String verb, String path) {
    String prefix =
        "arn:aws:execute-api:eu-west-1:" + SampleEvents.ACCOUNT + ":" + apiId() + "/" + stage();
    return payload == Payload.WEBSOCKET ? prefix + "/$connect" : prefix + "/" + verb + "/" + path;
  }

  /**
   * Whether API Gateway, with the identity sources {@code template.yaml} configures for this
   * payload, replays the answer cached for the first call on the second (same caller): IAM-policy
   * answers cached by the credential alone are replayed for every route; {@code request} cache mode
   * and simple answers are keyed by method and path as well; {@code $connect} is never cached.
   */
  public boolean replays(String verb1, String path1, String verb2, String path2) {
    if (payload == Payload.WEBSOCKET) {
      return false;
    }
    if (cacheMode == CacheMode.REQUEST || answersSimply()) {
      return verb1.equals(verb2) && path1.equals(path2);
    }
    return true;
  }

  /** The event API Gateway sends when {@code caller} calls {@code verb /path} (a route). */
  public String event(Caller caller, String verb, String path) {
    String route =
        route(verb, path)
            .orElseThrow(() -> new IllegalArgumentException(verb + " /" + path + " is no route"));
    return event(caller, verb, path, route.split(" ", 2)[1], pathParameters(route, path));
  }

  /**
   * The event API Gateway sends when {@code caller} calls {@code verb /path} on a route of any API:
   * {@code template} is the route's path template ({@code /orders/{orderId}}) and {@code params}
   * the values API Gateway bound to its parameters.
   */
  public String event(
      Caller caller, String verb, String path, String template, Map<String, String> params) {
    return event(caller, verb, path, template, params, Map.of());
  }

  /** As above, with more request headers (lower-case names; TOKEN events carry none). */
  public String event(
      Caller caller,
      String verb,
      String path,
      String template,
      Map<String, String> params,
      Map<String, String> extraHeaders) {
    boolean key = credential == Credential.API_KEY;
    String headerName = key ? "x-api-key" : "authorization";
    String headerValue = key ? caller.credential() : "Bearer " + caller.credential();
    ObjectNode e = JSON.createObjectNode();
    ObjectNode ctx = JSON.createObjectNode();
    ObjectNode identity = JSON.createObjectNode().put("sourceIp", "203.0.113.7");
    switch (payload) {
      case REST_TOKEN -> {
        e.put("type", "TOKEN");
        e.put("authorizationToken", headerValue);
        e.put("methodArn", arn(verb, path));
        return e.toString();
      }
      case REST_REQUEST, HTTP_V1 -> {
        if (payload == Payload.HTTP_V1) {
          e.put("version", "1.0");
          e.put("identitySource", headerValue);
          e.put("authorizationToken", headerValue);
        }
        e.put("type", "REQUEST");
        e.put("methodArn", arn(verb, path));
        e.put("resource", template);
        e.put("path", "/" + path);
        e.put("httpMethod", verb);
        ObjectNode restHeaders =
            JSON.createObjectNode().put(headerName, headerValue).put("User-Agent", "curl/8.5.0");
        extraHeaders.forEach(restHeaders::put);
        e.set("headers", restHeaders);
        e.set("pathParameters", JSON.valueToTree(params));
        e.set("queryStringParameters", JSON.createObjectNode());
        ctx.put("accountId", SampleEvents.ACCOUNT)
            .put("apiId", apiId())
            .put("stage", stage())
            .put("resourcePath", template)
            .put("httpMethod", verb)
            .put("requestId", "matrix-request")
            .set("identity", identity);
      }
      case HTTP_V2 -> {
        e.put("version", "2.0");
        e.put("type", "REQUEST");
        e.put("routeArn", arn(verb, path));
        ArrayNode sources = JSON.createArrayNode().add(headerValue);
        e.set("identitySource", sources);
        e.put("routeKey", verb + " " + template);
        e.put("rawPath", "/" + path);
        e.put("rawQueryString", "");
        ObjectNode httpHeaders =
            JSON.createObjectNode().put(headerName, headerValue).put("user-agent", "curl/8.5.0");
        extraHeaders.forEach(httpHeaders::put);
        e.set("headers", httpHeaders);
        e.set("pathParameters", JSON.valueToTree(params));
        ObjectNode http =
            JSON.createObjectNode()
                .put("method", verb)
                .put("path", "/" + path)
                .put("protocol", "HTTP/1.1")
                .put("sourceIp", "203.0.113.7")
                .put("userAgent", "curl/8.5.0");
        ctx.put("accountId", SampleEvents.ACCOUNT)
            .put("apiId", apiId())
            .put("stage", stage())
            .put("requestId", "matrix-request")
            .put("routeKey", verb + " " + template)
            .put("timeEpoch", 1798761600000L)
            .set("http", http);
      }
      case WEBSOCKET -> {
        e.put("type", "REQUEST");
        e.put("methodArn", arn(verb, path));
        e.set(
            "headers",
            JSON.createObjectNode()
                .put(headerName, headerValue)
                .put("Sec-WebSocket-Version", "13"));
        e.set("queryStringParameters", JSON.createObjectNode());
        ctx.put("routeKey", "$connect")
            .put("eventType", "CONNECT")
            .put("stage", stage())
            .put("apiId", apiId())
            .put("connectionId", "Qk3n4cL2oAMCJdw=")
            .put("requestTimeEpoch", 1798761600000L)
            .put("requestId", "matrix-request")
            .set("identity", identity);
      }
    }
    e.set("requestContext", ctx);
    return e.toString();
  }

  /** A handler for this configuration whose log goes to {@code log}. */
  public io.iamgate.lambda.AuthorizerHandler handler(OutputStream log) {
    return new io.iamgate.lambda.AuthorizerHandler(
        env(), new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  /**
   * The handler's answer to {@code caller} calling {@code verb /path}, or empty for a 401 ({@code
   * Unauthorized}).
   */
  public Optional<String> respond(
      io.iamgate.lambda.AuthorizerHandler handler, Caller caller, String verb, String path)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(
          new ByteArrayInputStream(event(caller, verb, path).getBytes(StandardCharsets.UTF_8)),
          out,
          null);
    } catch (io.iamgate.lambda.AuthorizerHandler.UnauthorizedException e) {
      return Optional.empty();
    }
    return Optional.of(out.toString(StandardCharsets.UTF_8));
  }
}
