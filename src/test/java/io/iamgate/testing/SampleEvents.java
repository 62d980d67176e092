package io.iamgate.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Writes the sample events in {@code events/}: one per payload type and outcome on the embedded
 * sample bundle, and one per variant real deployments send (a named stage, a custom domain's base
 * path, several identity sources, the console's Test button, API-key callers), with tokens signed
 * by the SAMPLE issuer's published key and valid until 2099. Run it again (from the test classpath)
 * after changing the sample bundle's issuer:
 *
 * <pre>
 * ./mvnw -Pjmh test-compile exec:exec -Djmh.main=io.iamgate.testing.SampleEvents -Djmh.args=events
 * </pre>
 */
public final class SampleEvents {
  public static final Instant FAR = Instant.parse("2099-01-01T00:00:00Z");
  public static final String ACCOUNT = "210987654321";

  /** bob's key in the sample bundle (user bob, group ReadOnly: may read orders, not delete). */
  public static final String BOB_API_KEY = AuthorizerConfig.BOB_API_KEY;

  private SampleEvents() {}

  /** alice (Developers) may read orders; bob (ReadOnly) may not delete them. */
  public static String alice() {
    return Tokens.sign(
        Tokens.claims("alice", FAR)
            .issueTime(java.util.Date.from(Instant.parse("2026-01-01T00:00:00Z")))
            .build());
  }

  public static String bob() {
    return Tokens.sign(
        Tokens.claims("bob", FAR)
            .issueTime(java.util.Date.from(Instant.parse("2026-01-01T00:00:00Z")))
            .build());
  }

  /** A token whose signature does not verify (alice's claims, bob's signature). */
  public static String forged() {
    String[] a = alice().split("\\.");
    String[] b = bob().split("\\.");
    return a[0] + "." + a[1] + "." + b[2];
  }

  public static String restToken(String token, String verb, String path) {
    return """
        {"type": "TOKEN", "authorizationToken": "Bearer %s",
         "methodArn": "arn:aws:execute-api:eu-west-1:%s:k7x2m9q4ab/prod/%s/%s"}
        """
        .formatted(token, ACCOUNT, verb, path);
  }

  public static String restRequest(
      String token, String verb, String resource, String path, String orderId) {
    String auth = token == null ? "" : "\"Authorization\": \"Bearer " + token + "\", ";
    String mauth = token == null ? "" : "\"Authorization\": [\"Bearer " + token + "\"], ";
    return """
        {"type": "REQUEST",
         "methodArn": "arn:aws:execute-api:eu-west-1:%s:k7x2m9q4ab/prod/%s%s",
         "resource": "%s", "path": "%s", "httpMethod": "%s",
         "headers": {%s"User-Agent": "curl/8.5.0"},
         "multiValueHeaders": {%s"User-Agent": ["curl/8.5.0"]},
         "queryStringParameters": null, "multiValueQueryStringParameters": null,
         "pathParameters": {"orderId": "%s"}, "stageVariables": null,
         "requestContext": {"accountId": "%s", "apiId": "k7x2m9q4ab", "stage": "prod", "resourcePath": "%s",
                            "httpMethod": "%s", "requestId": "sample-request-1",
                            "identity": {"sourceIp": "203.0.113.7", "userAgent": "curl/8.5.0"}}}
        """
        .formatted(
            ACCOUNT, verb, path, resource, path, verb, auth, mauth, orderId, ACCOUNT, resource,
            verb);
  }

  public static String http1(String token, String verb, String path) {
    String auth = token == null ? "" : "\"authorization\": \"Bearer " + token + "\"";
    return """
        {"version": "1.0", "type": "REQUEST",
         "methodArn": "arn:aws:execute-api:eu-west-1:%s:h3p8n2c6de/$default/%s%s",
         "identitySource": "%s", "authorizationToken": "%s",
         "resource": "/orders/{orderId}", "path": "%s", "httpMethod": "%s",
         "headers": {%s}, "queryStringParameters": {}, "pathParameters": {"orderId": "ord-42"}, "stageVariables": {},
         "requestContext": {"accountId": "%s", "apiId": "h3p8n2c6de", "stage": "$default", "resourcePath": "/orders/{orderId}",
                            "httpMethod": "%s", "requestId": "sample-request-2", "identity": {"sourceIp": "203.0.113.7"}}}
        """
        .formatted(
            ACCOUNT,
            verb,
            path,
            token == null ? "" : "Bearer " + token,
            token == null ? "" : "Bearer " + token,
            path,
            verb,
            auth,
            ACCOUNT,
            verb);
  }

  public static String http2(String token, String verb, String path) {
    return """
        {"version": "2.0", "type": "REQUEST",
         "routeArn": "arn:aws:execute-api:eu-west-1:%s:h3p8n2c6de/$default/%s%s",
         "identitySource": [%s], "routeKey": "%s /orders/{orderId}", "rawPath": "%s", "rawQueryString": "",
         "headers": {%s"user-agent": "curl/8.5.0"}, "pathParameters": {"orderId": "ord-42"},
         "requestContext": {"accountId": "%s", "apiId": "h3p8n2c6de", "stage": "$default",
                            "http": {"method": "%s", "path": "%s", "protocol": "HTTP/1.1", "sourceIp": "203.0.113.7",
                                     "userAgent": "curl/8.5.0"},
                            "requestId": "sample-request-3", "routeKey": "%s /orders/{orderId}", "timeEpoch": 1798761600000}}
        """
        .formatted(
            ACCOUNT,
            verb,
            path,
            token == null ? "" : "\"Bearer " + token + "\"",
            verb,
            path,
            token == null ? "" : "\"authorization\": \"Bearer " + token + "\", ",
            ACCOUNT,
            verb,
            path,
            verb);
  }

  public static String websocket(String token) {
    String auth = token == null ? "" : "\"Authorization\": \"Bearer " + token + "\", ";
    return """
        {"type": "REQUEST", "methodArn": "arn:aws:execute-api:eu-west-1:%s:w5s1k8t0gh/prod/$connect",
         "headers": {%s"Sec-WebSocket-Version": "13"}, "multiValueHeaders": {},
         "queryStringParameters": {}, "stageVariables": {},
         "requestContext": {"routeKey": "$connect", "eventType": "CONNECT", "stage": "prod", "apiId": "w5s1k8t0gh",
                            "connectionId": "Qk3n4cL2oAMCJdw=", "requestTimeEpoch": 1798761600000,
                            "identity": {"sourceIp": "203.0.113.7"}, "requestId": "sample-request-4"}}
        """
        .formatted(ACCOUNT, auth);
  }

  /** The identity source value of the route key, as {@code $context.routeKey} gives it. */
  private static final String ROUTE_KEY_SOURCE = "GET /orders/{orderId}";

  /**
   * HTTP API payload 2.0 as a real deployment sends it (§12 of the contract): on {@code stage},
   * with {@code rawPath} as the client called it (a named stage is part of it) and {@code
   * identitySources} as the JSON array of the configured identity sources' values.
   */
  public static String http2Variant(
      String token, String verb, String stage, String rawPath, String identitySources) {
    return """
        {"version": "2.0", "type": "REQUEST",
         "routeArn": "arn:aws:execute-api:eu-west-1:%s:h3p8n2c6de/%s/%s/orders/ord-42",
         "identitySource": %s, "routeKey": "%s /orders/{orderId}", "rawPath": "%s", "rawQueryString": "",
         "headers": {"authorization": "Bearer %s", "user-agent": "curl/8.5.0"}, "pathParameters": {"orderId": "ord-42"},
         "requestContext": {"accountId": "%s", "apiId": "h3p8n2c6de", "stage": "%s",
                            "http": {"method": "%s", "path": "%s", "protocol": "HTTP/1.1", "sourceIp": "203.0.113.7",
                                     "userAgent": "curl/8.5.0"},
                            "requestId": "sample-request-5", "routeKey": "%s /orders/{orderId}", "timeEpoch": 1798761600000}}
        """
        .formatted(
            ACCOUNT,
            stage,
            verb,
            identitySources,
            verb,
            rawPath,
            token,
            ACCOUNT,
            stage,
            verb,
            rawPath,
            verb);
  }

  /**
   * HTTP API payload 1.0 as a real deployment sends it: on {@code stage}, with {@code path} as the
   * client called it and {@code identitySource} the configured identity sources' values joined with
   * commas (as {@code authorizationToken} too).
   */
  public static String http1Variant(
      String token, String verb, String stage, String path, String identitySource) {
    return """
        {"version": "1.0", "type": "REQUEST",
         "methodArn": "arn:aws:execute-api:eu-west-1:%s:h3p8n2c6de/%s/%s/orders/ord-42",
         "identitySource": "%s", "authorizationToken": "%s",
         "resource": "/orders/{orderId}", "path": "%s", "httpMethod": "%s",
         "headers": {"authorization": "Bearer %s"}, "queryStringParameters": {}, "pathParameters": {"orderId": "ord-42"}, "stageVariables": {},
         "requestContext": {"accountId": "%s", "apiId": "h3p8n2c6de", "stage": "%s", "resourcePath": "/orders/{orderId}",
                            "httpMethod": "%s", "path": "%s", "requestId": "sample-request-6", "identity": {"sourceIp": "203.0.113.7"}}}
        """
        .formatted(
            ACCOUNT,
            stage,
            verb,
            identitySource,
            identitySource,
            path,
            verb,
            token,
            ACCOUNT,
            stage,
            verb,
            path);
  }

  /**
   * A REST API REQUEST event as a real deployment sends it: {@code path} and {@code
   * requestContext.path} as the client called it ({@code /STAGE/...} on the API's own domain in the
   * context, the base path on both behind a custom domain), {@code header} the one credential
   * header ({@code "Authorization": "Bearer ..."} or {@code "x-api-key": "..."}), from {@code
   * sourceIp} on {@code stage}.
   */
  public static String restVariant(
      String header,
      String verb,
      String stage,
      String path,
      String contextPath,
      String sourceIp,
      String requestId) {
    return """
        {"type": "REQUEST",
         "methodArn": "arn:aws:execute-api:eu-west-1:%s:k7x2m9q4ab/%s/%s/orders/ord-42",
         "resource": "/orders/{orderId}", "path": "%s", "httpMethod": "%s",
         "headers": {%s, "User-Agent": "curl/8.5.0"},
         "multiValueHeaders": {%s, "User-Agent": ["curl/8.5.0"]},
         "queryStringParameters": null, "multiValueQueryStringParameters": null,
         "pathParameters": {"orderId": "ord-42"}, "stageVariables": null,
         "requestContext": {"accountId": "%s", "apiId": "k7x2m9q4ab", "stage": "%s", "resourcePath": "/orders/{orderId}",
                            "httpMethod": "%s", "path": "%s", "requestId": "%s",
                            "identity": {"sourceIp": "%s", "userAgent": "curl/8.5.0"}}}
        """
        .formatted(
            ACCOUNT,
            stage,
            verb,
            path,
            verb,
            header,
            header.replaceFirst(": (\".*\")$", ": [$1]"),
            ACCOUNT,
            stage,
            verb,
            contextPath,
            requestId,
            sourceIp);
  }

  /**
   * HTTP API payload 1.0 on the {@code $default} route, the catch-all: its method ARN ends in
   * {@code /{stage}/$default} whatever the method and path, which only {@code httpMethod} and
   * {@code path} carry.
   */
  public static String http1DefaultRoute(String token, String verb, String stage, String path) {
    return """
        {"version": "1.0", "type": "REQUEST",
         "methodArn": "arn:aws:execute-api:eu-west-1:%s:h3p8n2c6de/%s/$default",
         "identitySource": "Bearer %s", "authorizationToken": "Bearer %s",
         "resource": "$default", "path": "%s", "httpMethod": "%s",
         "headers": {"authorization": "Bearer %s"}, "queryStringParameters": {}, "pathParameters": {"proxy": "%s"}, "stageVariables": {},
         "requestContext": {"accountId": "%s", "apiId": "h3p8n2c6de", "stage": "%s", "resourcePath": "$default",
                            "httpMethod": "%s", "path": "%s", "requestId": "sample-request-9", "identity": {"sourceIp": "203.0.113.7"}}}
        """
        .formatted(
            ACCOUNT,
            stage,
            token,
            token,
            path,
            verb,
            token,
            path.substring(1),
            ACCOUNT,
            stage,
            verb,
            path);
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "events");
    Files.createDirectories(dir);
    record E(String name, String json) {}
    List<E> all =
        List.of(
            new E("rest-token-allow", restToken(alice(), "GET", "orders/ord-42")),
            new E("rest-token-deny", restToken(bob(), "DELETE", "orders/ord-42")),
            new E("rest-token-unauthorized", restToken(forged(), "GET", "orders/ord-42")),
            new E(
                "rest-request-allow",
                restRequest(alice(), "GET", "/orders/{orderId}", "/orders/ord-42", "ord-42")),
            new E(
                "rest-request-deny",
                restRequest(bob(), "DELETE", "/orders/{orderId}", "/orders/ord-42", "ord-42")),
            new E(
                "rest-request-unauthorized",
                restRequest(null, "GET", "/orders/{orderId}", "/orders/ord-42", "ord-42")),
            new E("http-v1-allow", http1(alice(), "GET", "/orders/ord-42")),
            new E("http-v1-deny", http1(bob(), "DELETE", "/orders/ord-42")),
            new E("http-v1-forged-token-deny", http1(forged(), "GET", "/orders/ord-42")),
            new E("http-v2-simple-allow", http2(alice(), "GET", "/orders/ord-42")),
            new E("http-v2-simple-deny", http2(bob(), "DELETE", "/orders/ord-42")),
            new E("http-v2-simple-no-credentials-deny", http2(null, "GET", "/orders/ord-42")),
            new E("websocket-connect-allow", websocket(alice())),
            new E("websocket-connect-deny", websocket(bob())),
            new E("websocket-connect-unauthorized", websocket(forged())),
            // what real deployments send (docs/authorizer.md, "Payload types")
            new E(
                "http-v2-named-stage-allow",
                http2Variant(
                    alice(), "GET", "prod", "/prod/orders/ord-42", "[\"Bearer " + alice() + "\"]")),
            new E(
                "http-v1-named-stage-deny",
                http1Variant(bob(), "DELETE", "prod", "/prod/orders/ord-42", "Bearer " + bob())),
            new E(
                "rest-request-base-path-allow",
                restVariant(
                    "\"Authorization\": \"Bearer " + alice() + "\"",
                    "GET",
                    "prod",
                    "/v1/orders/ord-42",
                    "/v1/orders/ord-42",
                    "203.0.113.7",
                    "sample-request-7")),
            new E(
                "http-v1-identity-sources-token-first-allow",
                http1Variant(
                    alice(),
                    "GET",
                    "$default",
                    "/orders/ord-42",
                    "Bearer " + alice() + "," + ROUTE_KEY_SOURCE)),
            new E(
                "http-v1-identity-sources-token-last-allow",
                http1Variant(
                    alice(),
                    "GET",
                    "$default",
                    "/orders/ord-42",
                    ROUTE_KEY_SOURCE + ",Bearer " + alice())),
            new E(
                "http-v2-identity-sources-token-first-allow",
                http2Variant(
                    alice(),
                    "GET",
                    "$default",
                    "/orders/ord-42",
                    "[\"Bearer " + alice() + "\", \"" + ROUTE_KEY_SOURCE + "\"]")),
            new E(
                "http-v2-identity-sources-token-last-allow",
                http2Variant(
                    alice(),
                    "GET",
                    "$default",
                    "/orders/ord-42",
                    "[\"" + ROUTE_KEY_SOURCE + "\", \"Bearer " + alice() + "\"]")),
            // the catch-all's one ARN stands for every call: denied while answers may be cached
            new E(
                "http-v1-default-route-deny",
                http1DefaultRoute(alice(), "GET", "$default", "/orders/ord-42")),
            new E(
                "rest-request-console-test-allow",
                restVariant(
                    "\"Authorization\": \"Bearer " + alice() + "\"",
                    "GET",
                    "test-invoke-stage",
                    "/orders/ord-42",
                    "/test-invoke-stage/orders/ord-42",
                    "test-invoke-source-ip",
                    "test-invoke-request")),
            new E(
                "rest-request-api-key-allow",
                restVariant(
                    "\"x-api-key\": \"" + BOB_API_KEY + "\"",
                    "GET",
                    "prod",
                    "/orders/ord-42",
                    "/prod/orders/ord-42",
                    "203.0.113.7",
                    "sample-request-8")),
            new E(
                "rest-request-api-key-deny",
                restVariant(
                    "\"x-api-key\": \"" + BOB_API_KEY + "\"",
                    "DELETE",
                    "prod",
                    "/orders/ord-42",
                    "/prod/orders/ord-42",
                    "203.0.113.7",
                    "sample-request-8")),
            new E(
                "rest-request-api-key-unauthorized",
                restVariant(
                    "\"x-api-key\": \"bob-ci.not-the-secret\"",
                    "GET",
                    "prod",
                    "/orders/ord-42",
                    "/prod/orders/ord-42",
                    "203.0.113.7",
                    "sample-request-8")));
    for (E e : all) {
      Files.writeString(dir.resolve(e.name() + ".json"), e.json());
    }
    System.out.println("wrote " + all.size() + " events to " + dir);
  }
}
