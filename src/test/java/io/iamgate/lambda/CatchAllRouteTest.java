package io.iamgate.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iamgate.testing.ApiGatewayPolicy;
import io.iamgate.testing.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP API {@code $default} route (docs/authorizer.md, "The $default route"): its ARN is {@code
 * .../{stage}/$default} for every method and path, so an Allow of it, cached, would be replayed for
 * every call on the catch-all. iamgate allows a call there only when {@code
 * IAMGATE_CACHE_TTL_SECONDS=0} says nothing is cached, and then decides the call by its method and
 * path (the stage taken off a named stage's path).
 */
class CatchAllRouteTest {
  private static final String ALICE = SampleEvents.alice();
  private static final String PREFIX =
      "arn:aws:execute-api:eu-west-1:" + SampleEvents.ACCOUNT + ":h3p8n2c6de/";

  private record Run(String response, String log) {}

  private static Run respond(Map<String, String> settings, String event) throws IOException {
    Map<String, String> env = new HashMap<>(settings);
    env.put("IAMGATE_ALLOW_SAMPLE_BUNDLE", "true");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    AuthorizerHandler handler =
        new AuthorizerHandler(env, new PrintStream(log, true, StandardCharsets.UTF_8));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
    return new Run(out.toString(StandardCharsets.UTF_8), log.toString(StandardCharsets.UTF_8));
  }

  static String v1(String stage, String method, String path) {
    return SampleEvents.http1DefaultRoute(ALICE, method, stage, path);
  }

  static String v2(String stage, String method, String path) {
    return """
        {"version": "2.0", "type": "REQUEST", "routeArn": "%s%s/$default",
         "identitySource": ["Bearer %s"], "routeKey": "$default", "rawPath": "%s",
         "rawQueryString": "", "headers": {"authorization": "Bearer %s"},
         "requestContext": {"accountId": "%s", "apiId": "h3p8n2c6de", "stage": "%s",
           "http": {"method": "%s", "path": "%s", "protocol": "HTTP/1.1",
                    "sourceIp": "203.0.113.7", "userAgent": "curl/8.5.0"},
           "requestId": "catch-all", "routeKey": "$default", "timeEpoch": 1798761600000}}
        """
        .formatted(PREFIX, stage, ALICE, path, ALICE, SampleEvents.ACCOUNT, stage, method, path);
  }

  private static final Map<String, String> NOT_CACHED = Map.of("IAMGATE_CACHE_TTL_SECONDS", "0");

  @ParameterizedTest(name = "payload {0}, simple responses {1}, TTL setting {2}")
  @CsvSource({
    "1.0, false, unset",
    "1.0, false, 300",
    "2.0, false, unset",
    "2.0, false, 1",
    "2.0, true, unset",
    "2.0, true, 3600"
  })
  void anAllowIsNeverAnsweredForTheCatchAllWhileAnswersMayBeCached(
      String payload, boolean simple, String ttl) throws IOException {
    Map<String, String> settings = new HashMap<>();
    settings.put("IAMGATE_HTTP_SIMPLE_RESPONSES", Boolean.toString(simple));
    if (!ttl.equals("unset")) {
      settings.put("IAMGATE_CACHE_TTL_SECONDS", ttl);
    }
    String event =
        payload.equals("1.0")
            ? v1("$default", "GET", "/orders/ord-42")
            : v2("$default", "GET", "/orders/ord-42");
    Run run = respond(settings, event);
    assertFalse(ApiGatewayPolicy.responseAllows(run.response(), PREFIX + "$default/$default"));
    assertTrue(run.log().contains("replayed for every call on the catch-all"), run.log());
    assertTrue(
        run.log().contains(ttl.equals("unset") ? "TTL_SECONDS is not set" : "is not 0"), run.log());
  }

  @ParameterizedTest(name = "payload {0} on stage {1}")
  @CsvSource({"1.0, $default", "1.0, prod", "2.0, $default", "2.0, prod"})
  void withoutACacheTheCallIsDecidedByItsMethodAndPath(String payload, String stage)
      throws IOException {
    // on a named stage the event's path starts with the stage, which is not part of the route
    String base = stage.equals("$default") ? "" : "/" + stage;
    String get =
        payload.equals("1.0")
            ? v1(stage, "GET", base + "/orders/ord-42")
            : v2(stage, "GET", base + "/orders/ord-42");
    String delete =
        payload.equals("1.0")
            ? v1(stage, "DELETE", base + "/orders/ord-42")
            : v2(stage, "DELETE", base + "/orders/ord-42");
    String arn = PREFIX + stage + "/$default";
    Run read = respond(NOT_CACHED, get);
    assertTrue(ApiGatewayPolicy.responseAllows(read.response(), arn), read.response());
    assertTrue(read.response().contains("(Sid ReadOrders)"), read.response());
    assertTrue(read.log().contains("\"action\":\"orders:GetOrder\""), read.log());
    Run remove = respond(NOT_CACHED, delete);
    assertFalse(ApiGatewayPolicy.responseAllows(remove.response(), arn), remove.response());
    assertTrue(remove.log().contains("\"action\":\"orders:DeleteOrder\""), remove.log());
  }

  @Test
  void aPolicyAnswerForTheCatchAllHoldsItsOwnArnAndNoRouteTable() throws IOException {
    Run run = respond(NOT_CACHED, v1("$default", "GET", "/orders/ord-42"));
    ApiGatewayPolicy policy = ApiGatewayPolicy.parse(run.response());
    assertEquals(List.of(PREFIX + "$default/$default"), policy.allow());
    assertEquals(List.of(), policy.deny());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/nowhere", "/", "/orders/ord-42/unknown/deeper"})
  void aPathThatIsNoBundleRouteIsNotAllowedOnTheCatchAll(String path) throws IOException {
    Run run = respond(NOT_CACHED, v2("$default", "GET", path));
    assertFalse(
        ApiGatewayPolicy.responseAllows(run.response(), PREFIX + "$default/$default"),
        run.response());
  }

  @Test
  void aNamedStagePathIsOnlyStrippedOnce() throws IOException {
    // a route /prod/... on stage prod arrives as /prod/prod/...: one prefix is the stage
    Run run = respond(NOT_CACHED, v2("prod", "GET", "/prod/prod/orders/ord-42"));
    assertFalse(
        ApiGatewayPolicy.responseAllows(run.response(), PREFIX + "prod/$default"), run.response());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/files/../orders/ord-42",
        "/orders/./ord-42",
        "/orders//ord-42",
        "/orders/..%2Fadmin",
        "/orders%2ford-42",
        "/orders/%2E%2E/admin",
        "/orders/ord-42%5C..",
        "/orders\\\\ord-42" /* a JSON-escaped backslash */
      })
  void aPathThatCouldMeanAnotherResourceIsDenied(String path) throws IOException {
    // a backend behind the catch-all that normalises or decodes the path would serve another
    // resource than the one decided
    Run run = respond(NOT_CACHED, v2("$default", "GET", path));
    assertFalse(
        ApiGatewayPolicy.responseAllows(run.response(), PREFIX + "$default/$default"),
        run.response());
    assertTrue(run.log().contains("the `$default` route's"), run.log());
  }

  @Test
  void aLowerCaseMethodIsDenied() throws IOException {
    Run run = respond(NOT_CACHED, v2("$default", "get", "/orders/ord-42"));
    assertFalse(
        ApiGatewayPolicy.responseAllows(run.response(), PREFIX + "$default/$default"),
        run.response());
  }
}
