package io.iamgate.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iamgate.testing.ApiGatewayPolicy;
import io.iamgate.testing.AuthorizerConfig;
import io.iamgate.testing.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What real deployments send (docs/authorizer.md): the route is read from the method or route ARN
 * and the route key or resource template, never from {@code rawPath}/{@code path} (which carry a
 * named HTTP API stage, or a custom domain's base path); credentials are read from the header they
 * live in, never from a position in {@code identitySource} (payload 1.0 joins every identity source
 * with commas, payload 2.0 lists them in configured order).
 */
class DeploymentVariantsTest {
  private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
  private static final AuthorizerHandler HANDLER =
      new AuthorizerHandler(
          Map.of("IAMGATE_ALLOW_SAMPLE_BUNDLE", "true"),
          new PrintStream(LOG, true, StandardCharsets.UTF_8));
  private static final String ALICE = SampleEvents.alice();
  private static final String ARN_PREFIX =
      "arn:aws:execute-api:eu-west-1:" + SampleEvents.ACCOUNT + ":h3p8n2c6de/";

  private static String respond(String event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HANDLER.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** alice may GET an order and may not DELETE one: the route was read and decided correctly. */
  private static void aliceReadsButDoesNotDelete(
      String getEvent, String getArn, String deleteEvent, String deleteArn) throws IOException {
    LOG.reset();
    String get = respond(getEvent);
    assertTrue(ApiGatewayPolicy.responseAllows(get, getArn), get);
    // decided by alice's read statement: the route was read as GET /orders/{orderId}
    String decided = LOG.toString(StandardCharsets.UTF_8);
    assertTrue(decided.contains("\"action\":\"orders:GetOrder\""), decided);
    assertTrue(decided.contains("(Sid ReadOrders)"), decided);
    String delete = respond(deleteEvent);
    assertFalse(ApiGatewayPolicy.responseAllows(delete, deleteArn), delete);
  }

  private static String http2(
      String stage, String verb, String rawPath, String identitySource, String headers) {
    String arn = ARN_PREFIX + stage + "/" + verb + "/orders/ord-42";
    return """
        {"version": "2.0", "type": "REQUEST", "routeArn": "%s", "identitySource": %s,
         "routeKey": "%s /orders/{orderId}", "rawPath": "%s", "rawQueryString": "",
         "headers": {%s"user-agent": "curl/8.5.0"}, "pathParameters": {"orderId": "ord-42"},
         "requestContext": {"accountId": "%s", "apiId": "h3p8n2c6de", "stage": "%s",
           "http": {"method": "%s", "path": "%s", "protocol": "HTTP/1.1", "sourceIp": "203.0.113.7",
                    "userAgent": "curl/8.5.0"},
           "requestId": "variant", "routeKey": "%s /orders/{orderId}", "timeEpoch": 1798761600000}}
        """
        .formatted(
            arn,
            identitySource,
            verb,
            rawPath,
            headers,
            SampleEvents.ACCOUNT,
            stage,
            verb,
            rawPath,
            verb);
  }

  private static String rest(
      String basePathPath, String verb, String stage, String headers, String identitySource) {
    String arn =
        "arn:aws:execute-api:eu-west-1:"
            + SampleEvents.ACCOUNT
            + ":k7x2m9q4ab/"
            + stage
            + "/"
            + verb
            + "/orders/ord-42";
    String version =
        identitySource == null
            ? ""
            : "\"version\": \"1.0\", \"identitySource\": \""
                + identitySource
                + "\", \"authorizationToken\": \""
                + identitySource
                + "\", ";
    return """
        {%s"type": "REQUEST", "methodArn": "%s", "resource": "/orders/{orderId}", "path": "%s",
         "httpMethod": "%s", "headers": {%s"User-Agent": "curl/8.5.0"},
         "pathParameters": {"orderId": "ord-42"}, "queryStringParameters": null,
         "requestContext": {"accountId": "%s", "apiId": "k7x2m9q4ab", "stage": "%s",
           "resourcePath": "/orders/{orderId}", "httpMethod": "%s", "requestId": "variant",
           "identity": {"sourceIp": "203.0.113.7"}}}
        """
        .formatted(version, arn, basePathPath, verb, headers, SampleEvents.ACCOUNT, stage, verb);
  }

  private static String restArn(String stage, String verb) {
    return "arn:aws:execute-api:eu-west-1:"
        + SampleEvents.ACCOUNT
        + ":k7x2m9q4ab/"
        + stage
        + "/"
        + verb
        + "/orders/ord-42";
  }

  @ParameterizedTest(name = "HTTP API payload 2.0 on stage {0}")
  @ValueSource(strings = {"prod", "v2", "$default"})
  void aNamedHttpStageIsNotPartOfTheRoute(String stage) throws IOException {
    String raw = stage.equals("$default") ? "/orders/ord-42" : "/" + stage + "/orders/ord-42";
    String auth = "\"authorization\": \"Bearer " + ALICE + "\", ";
    aliceReadsButDoesNotDelete(
        http2(stage, "GET", raw, "[\"Bearer " + ALICE + "\"]", auth),
        ARN_PREFIX + stage + "/GET/orders/ord-42",
        http2(stage, "DELETE", raw, "[\"Bearer " + ALICE + "\"]", auth),
        ARN_PREFIX + stage + "/DELETE/orders/ord-42");
  }

  @ParameterizedTest(name = "REST API behind a custom domain, path {0}")
  @ValueSource(strings = {"/v1/orders/ord-42", "/api/v1/orders/ord-42", "/orders/ord-42"})
  void aCustomDomainBasePathIsNotPartOfTheRoute(String path) throws IOException {
    String auth = "\"Authorization\": \"Bearer " + ALICE + "\", ";
    aliceReadsButDoesNotDelete(
        rest(path, "GET", "prod", auth, null),
        restArn("prod", "GET"),
        rest(path, "DELETE", "prod", auth, null),
        restArn("prod", "DELETE"));
  }

  @ParameterizedTest(name = "payload 1.0 identitySource {0}")
  @ValueSource(strings = {"token,route", "route,token", "token", "key,token"})
  void payload1TakesTheTokenFromItsHeaderWhateverTheIdentitySources(String order)
      throws IOException {
    String token = "Bearer " + ALICE;
    String joined =
        order
            .replace("token", token)
            .replace("route", "GET /orders/{orderId}")
            .replace("key", "bob-ci.sample-secret-not-for-production");
    String auth = "\"authorization\": \"" + token + "\", ";
    aliceReadsButDoesNotDelete(
        rest("/orders/ord-42", "GET", "$default", auth, joined),
        restArn("$default", "GET"),
        rest("/orders/ord-42", "DELETE", "$default", auth, joined),
        restArn("$default", "DELETE"));
  }

  @ParameterizedTest(name = "payload 2.0 identitySource {0}")
  @ValueSource(strings = {"token,route", "route,token", "token"})
  void payload2TakesTheTokenFromItsHeaderWhateverItsPosition(String order) throws IOException {
    StringBuilder sources = new StringBuilder("[");
    for (String part : order.split(",")) {
      sources
          .append(sources.length() > 1 ? "," : "")
          .append('"')
          .append(part.equals("token") ? "Bearer " + ALICE : "GET /orders/{orderId}")
          .append('"');
    }
    sources.append(']');
    String auth = "\"authorization\": \"Bearer " + ALICE + "\", ";
    aliceReadsButDoesNotDelete(
        http2("$default", "GET", "/orders/ord-42", sources.toString(), auth),
        ARN_PREFIX + "$default/GET/orders/ord-42",
        http2("$default", "DELETE", "/orders/ord-42", sources.toString(), auth),
        ARN_PREFIX + "$default/DELETE/orders/ord-42");
  }

  @ParameterizedTest(name = "API key only, payload {0}")
  @ValueSource(strings = {"1.0", "2.0"})
  void anApiKeyAloneReachesItsUserOnHttpApis(String version) throws IOException {
    String key = AuthorizerConfig.BOB_API_KEY;
    String header = "\"x-api-key\": \"" + key + "\", ";
    String event =
        version.equals("1.0")
            ? rest("/orders/ord-42", "GET", "$default", header, key)
            : http2("$default", "GET", "/orders/ord-42", "[\"" + key + "\"]", header);
    String arn =
        version.equals("1.0")
            ? restArn("$default", "GET")
            : ARN_PREFIX + "$default/GET/orders/ord-42";
    String answer = respond(event);
    assertTrue(ApiGatewayPolicy.responseAllows(answer, arn), answer);
    assertTrue(answer.contains("\"principal\":\"user/bob\""), answer);
  }

  @ParameterizedTest(name = "console test invocation, source {0}")
  @ValueSource(strings = {"test-invoke-source-ip", "not an address"})
  void theConsoleTestButtonIsDecidedWithoutASourceIp(String sourceIp) throws IOException {
    String auth = "\"Authorization\": \"Bearer " + ALICE + "\", ";
    String event =
        rest("/orders/ord-42", "GET", "test-invoke-stage", auth, null)
            .replace("\"sourceIp\": \"203.0.113.7\"", "\"sourceIp\": \"" + sourceIp + "\"");
    String answer = respond(event);
    assertTrue(
        ApiGatewayPolicy.responseAllows(answer, restArn("test-invoke-stage", "GET")), answer);
  }

  @ParameterizedTest(name = "a wildcard character in the path: {0}")
  @ValueSource(strings = {"*", "ord-4?", "*/items"})
  void anArnWithAWildcardIsNeverAllowedInAPolicy(String orderId) throws IOException {
    // API Gateway reads * and ? in a returned Resource as wildcards: an Allow of this ARN, cached
    // for alice's token, would allow every order route, including those her policies deny
    String arn = restArn("prod", "GET").replace("ord-42", orderId);
    String event =
        rest(
                "/orders/" + orderId,
                "GET",
                "prod",
                "\"Authorization\": \"Bearer " + ALICE + "\", ",
                null)
            .replace(restArn("prod", "GET"), arn);
    String answer = respond(event);
    ApiGatewayPolicy policy = ApiGatewayPolicy.parse(answer);
    // nothing the caller sent is written: the Allow is the route table any call of alice's gets
    String plain =
        respond(
            rest(
                "/orders/ord-42",
                "GET",
                "prod",
                "\"Authorization\": \"Bearer " + ALICE + "\", ",
                null));
    List<String> table = new ArrayList<>(ApiGatewayPolicy.parse(plain).allow());
    table.remove(restArn("prod", "GET"));
    assertEquals(table, policy.allow(), answer);
    assertFalse(policy.allows(restArn("prod", "DELETE")), answer);
    // alice may read every order, whatever its id: the route table's own pattern (GET/orders/*),
    // which holds nothing the caller sent, lets the call through
    assertTrue(policy.allows(arn), answer);
  }
}
