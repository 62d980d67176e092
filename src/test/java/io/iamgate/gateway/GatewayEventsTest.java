package io.iamgate.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every payload type of api-gateway-authorizers.md, read from its raw JSON. */
class GatewayEventsTest {
  private final GatewayEvents events = new GatewayEvents();

  private GatewayEvent read(String name) throws Exception {
    try (InputStream in = GatewayEventsTest.class.getResourceAsStream("/gateway/" + name)) {
      return events.read(in);
    }
  }

  @Test
  void restToken() throws Exception {
    GatewayEvent e = read("rest-token.json");
    assertEquals(GatewayEvent.Kind.REST_TOKEN, e.kind());
    assertEquals("eyJhbGciOi.abc.def", e.token());
    assertEquals("GET", e.arn().verb());
    assertEquals("orders/42", e.arn().path());
    assertNull(e.sourceIp());
  }

  @Test
  void restRequestKeepsMultiValuesAndTheTrustedSourceIp() throws Exception {
    GatewayEvent e = read("rest-request.json");
    assertEquals(GatewayEvent.Kind.REST_REQUEST, e.kind());
    assertEquals("POST", e.method());
    assertEquals("/orders/42/items", e.path());
    assertEquals("/orders/{orderId}/items", e.routeKey());
    assertEquals(List.of("totals", "lines"), e.query().get("expand"));
    assertEquals("acme", e.header("x-TENANT"));
    assertEquals("198.51.100.23", e.sourceIp());
    assertEquals("curl/8.5.0", e.userAgent());
    assertEquals(Map.of("orderId", "42"), e.pathParameters());
    assertEquals("eyJhbGciOi.abc.def", e.token());
  }

  @Test
  void httpPayload1() throws Exception {
    GatewayEvent e = read("http-v1.json");
    assertEquals(GatewayEvent.Kind.HTTP_V1, e.kind());
    assertEquals("$default", e.arn().stage());
    assertEquals("eyJhbGciOi.abc.def", e.token());
  }

  @Test
  void httpPayload2() throws Exception {
    GatewayEvent e = read("http-v2.json");
    assertEquals(GatewayEvent.Kind.HTTP_V2, e.kind());
    assertEquals("GET /orders/{orderId}", e.routeKey());
    assertEquals(List.of("lines", "totals"), e.query().get("expand"));
    assertEquals(1741169730000L, e.requestTimeEpochMillis());
    assertTrue(e.kind().canAnswerSimply());
  }

  @Test
  void websocketConnect() throws Exception {
    GatewayEvent e = read("websocket-connect.json");
    assertEquals(GatewayEvent.Kind.WEBSOCKET_CONNECT, e.kind());
    assertNull(e.arn().verb());
    assertEquals("$connect", e.arn().path());
    assertEquals("acme", e.queryParameter("tenant"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[]",
        "{\"type\":\"WEIRD\"}",
        "{\"type\":\"TOKEN\"}",
        "not json",
        "{\"type\":\"TOKEN\",\"methodArn\":\"arn:aws:s3:::b/k\"}"
      })
  void malformedEventsAreReportedNotThrown(String text) {
    var ex =
        assertThrows(
            GatewayEvents.InvalidEventException.class,
            () -> events.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
    assertTrue(ex.getMessage() != null && !ex.getMessage().isEmpty());
  }

  @Test
  void methodArnsParseAndRebuild() {
    MethodArn a = MethodArn.parse("arn:aws-cn:execute-api:cn-north-1:1:api/prod/GET/");
    assertEquals("aws-cn", a.partition());
    assertEquals("", a.path());
    assertEquals("arn:aws-cn:execute-api:cn-north-1:1:api/prod/GET/", a.toString());
    assertEquals(
        "arn:aws-cn:execute-api:cn-north-1:1:api/prod/*/orders/*", a.withRoute("*", "orders/*"));
    assertThrows(
        IllegalArgumentException.class,
        () -> MethodArn.parse("arn:aws:execute-api:r:1:api".repeat(100)));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "arn:*:execute-api:eu-west-1:1:api/prod/GET/x",
        "arn:aws:execute-api:eu-*:1:api/prod/GET/x",
        "arn:aws:execute-api:eu-west-1:?:api/prod/GET/x",
        "arn:aws:execute-api:eu-west-1:1:a*/prod/GET/x",
        "arn:aws:execute-api:eu-west-1:1:api/*/GET/x"
      })
  void wildcardsWhereApiGatewayWritesTheArnAreRefused(String arn) {
    // every returned pattern starts with these parts: a wildcard there would widen all of them
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MethodArn.parse(arn));
    assertTrue(e.getMessage().contains("in its partition, region, account, API id or stage"));
  }

  @Test
  void bearerPrefixesAreStripped() {
    assertEquals("t", GatewayEvents.bearer("bearer t"));
    assertEquals("t", GatewayEvents.bearer("  t "));
    // a header that holds no token is refused, not taken as absent
    assertEquals("", GatewayEvents.bearer("Bearer "));
    assertEquals("", GatewayEvents.bearer("bearer"));
    assertEquals("", GatewayEvents.bearer("  "));
    assertNull(GatewayEvents.bearer(null));
  }
}
