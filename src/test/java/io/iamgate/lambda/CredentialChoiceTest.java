package io.iamgate.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamgate.testing.ApiGatewayPolicy;
import io.iamgate.testing.AuthorizerConfig;
import io.iamgate.testing.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * API Gateway caches an answer under the identity sources' values, so the credential iamgate
 * decides on must be one of them, or an answer for one credential is replayed for callers of
 * another (docs/authorizer.md, "Credentials"): an {@code Authorization} header without a token is
 * refused, never replaced by the API key next to it, and a token next to an API key is used only
 * where the event shows that the cache key holds it.
 */
class CredentialChoiceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
  private static final AuthorizerHandler HANDLER =
      new AuthorizerHandler(
          Map.of("IAMGATE_ALLOW_SAMPLE_BUNDLE", "true"),
          new PrintStream(LOG, true, StandardCharsets.UTF_8));
  private static final String KEY = AuthorizerConfig.BOB_API_KEY;

  private static ObjectNode event(String file) throws IOException {
    return (ObjectNode) JSON.readTree(Path.of("events", file).toFile());
  }

  /** A REST REQUEST event for alice's GET with these headers instead of hers. */
  private static String rest(Map<String, String> headers) throws IOException {
    ObjectNode e = event("rest-request-allow.json");
    ObjectNode single = JSON.createObjectNode();
    ObjectNode multi = JSON.createObjectNode();
    headers.forEach(
        (k, v) -> {
          single.put(k, v);
          multi.set(k, JSON.createArrayNode().add(v));
        });
    e.set("headers", single);
    e.set("multiValueHeaders", multi);
    return e.toString();
  }

  /** An HTTP API 2.0 event for alice's GET with these headers and identity-source values. */
  private static String http2(Map<String, String> headers, List<String> sources)
      throws IOException {
    ObjectNode e = event("http-v2-simple-allow.json");
    ObjectNode h = JSON.createObjectNode();
    headers.forEach(h::put);
    e.set("headers", h);
    ArrayNode s = JSON.createArrayNode();
    sources.forEach(s::add);
    e.set("identitySource", s);
    return e.toString();
  }

  private static String respond(String event) throws IOException {
    LOG.reset();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HANDLER.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String arn(String file) throws IOException {
    ObjectNode e = event(file);
    return e.has("methodArn") ? e.get("methodArn").asText() : e.get("routeArn").asText();
  }

  @ParameterizedTest(name = "Authorization: `{0}`")
  @ValueSource(strings = {"Bearer", "Bearer ", "bearer", "", "   "})
  void anAuthorizationHeaderWithoutATokenIsRefusedEvenNextToAValidApiKey(String value)
      throws IOException {
    // cached under the Authorization value alone, bob's answer would be replayed for anyone
    // sending the same empty header
    var e =
        assertThrows(
            AuthorizerHandler.UnauthorizedException.class,
            () -> respond(rest(Map.of("Authorization", value, "x-api-key", KEY))));
    assertEquals("Unauthorized", e.getMessage());
    assertTrue(
        LOG.toString(StandardCharsets.UTF_8).contains("the Authorization header holds no token"));
    String simple =
        respond(http2(Map.of("authorization", value, "x-api-key", KEY), List.of(value.strip())));
    assertTrue(simple.startsWith("{\"isAuthorized\":false"), simple);
  }

  @Test
  void aRestRequestWithBothATokenAndAnApiKeyIsRefused() throws IOException {
    String event =
        rest(Map.of("Authorization", "Bearer " + SampleEvents.alice(), "x-api-key", KEY));
    assertThrows(AuthorizerHandler.UnauthorizedException.class, () -> respond(event));
    assertTrue(
        LOG.toString(StandardCharsets.UTF_8)
            .contains("both a bearer token and an API key were sent"));
  }

  @Test
  void anHttpApiUsesTheTokenNextToAKeyWhenItsCacheKeyHoldsTheToken() throws IOException {
    String bearer = "Bearer " + SampleEvents.alice();
    Map<String, String> both = Map.of("authorization", bearer, "x-api-key", KEY);
    String held = respond(http2(both, List.of(bearer, KEY)));
    assertTrue(ApiGatewayPolicy.responseAllows(held, arn("http-v2-simple-allow.json")), held);
    assertTrue(held.contains("\"principal\":\"user/alice\""), held);
    // keyed by the API key alone, alice's answer would be replayed for bob's key
    String notHeld = respond(http2(both, List.of(KEY)));
    assertFalse(ApiGatewayPolicy.responseAllows(notHeld, arn("http-v2-simple-allow.json")));
    assertTrue(
        LOG.toString(StandardCharsets.UTF_8)
            .contains("the authorizer's identity sources do not hold the token"));
  }

  @Test
  void anApiKeyAloneAndATokenAloneAreUnaffected() throws IOException {
    String key = respond(rest(Map.of("x-api-key", KEY)));
    assertTrue(key.contains("\"principalId\":\"user/bob\""), key);
    String token = respond(rest(Map.of("Authorization", "Bearer " + SampleEvents.alice())));
    assertTrue(ApiGatewayPolicy.responseAllows(token, arn("rest-request-allow.json")), token);
  }

  @Test
  void anAuthorizationHeaderWithNoUsableValueIsPresentNotAbsent() throws IOException {
    // an empty multi-value list must not hide the single value, nor a null or an array the header
    ObjectNode v1 = event("http-v1-allow.json");
    v1.set("headers", JSON.createObjectNode().put("authorization", "Bearer").put("x-api-key", KEY));
    v1.set(
        "multiValueHeaders", JSON.createObjectNode().set("authorization", JSON.createArrayNode()));
    v1.put("identitySource", KEY);
    String answer = respond(v1.toString());
    assertFalse(ApiGatewayPolicy.responseAllows(answer, arn("http-v1-allow.json")), answer);
    for (String shape : List.of("null", "[]", "{}", "[\"Bearer\"]")) {
      ObjectNode v2 = event("http-v2-simple-allow.json");
      ObjectNode headers = (ObjectNode) JSON.readTree("{\"authorization\": " + shape + "}");
      headers.put("x-api-key", KEY);
      v2.set("headers", headers);
      v2.set("identitySource", JSON.createArrayNode().add(KEY));
      String simple = respond(v2.toString());
      assertTrue(simple.startsWith("{\"isAuthorized\":false"), shape + ": " + simple);
    }
  }
}
