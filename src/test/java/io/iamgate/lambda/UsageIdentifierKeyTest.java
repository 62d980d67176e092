package io.iamgate.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamgate.testing.ApiGatewayPolicy;
import io.iamgate.testing.AuthorizerConfig;
import io.iamgate.testing.AuthorizerConfig.CacheMode;
import io.iamgate.testing.AuthorizerConfig.Caller;
import io.iamgate.testing.AuthorizerConfig.Credential;
import io.iamgate.testing.AuthorizerConfig.Payload;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code IAMGATE_USAGE_IDENTIFIER_KEY}: an API-key caller's key comes back as {@code
 * usageIdentifierKey} (for REST usage plans with the API key source {@code AUTHORIZER}) only when
 * the setting is on, only in policy answers of REST {@code REQUEST} and WebSocket authorizers, only
 * when the answer allows something, never for token callers, and never in a log line.
 */
class UsageIdentifierKeyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Caller BOB_KEY = new Caller("bob (API key)", AuthorizerConfig.BOB_API_KEY);

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  private JsonNode answer(AuthorizerConfig config, boolean setting, Caller caller, String verb)
      throws IOException {
    Map<String, String> env = new HashMap<>(config.env());
    if (setting) {
      env.put("IAMGATE_USAGE_IDENTIFIER_KEY", "true");
    }
    AuthorizerHandler handler =
        new AuthorizerHandler(env, new PrintStream(log, true, StandardCharsets.UTF_8));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] event = config.event(caller, verb, "orders/ord-42").getBytes(StandardCharsets.UTF_8);
    handler.handleRequest(new ByteArrayInputStream(event), out, null);
    return JSON.readTree(out.toByteArray());
  }

  private static AuthorizerConfig config(Payload payload, Credential credential, CacheMode mode) {
    return new AuthorizerConfig(mode, true, credential, payload);
  }

  @Test
  void anApiKeyCallerGetsItsKeyBackOnlyWhenTheSettingIsOn() throws IOException {
    AuthorizerConfig c = config(Payload.REST_REQUEST, Credential.API_KEY, CacheMode.ROUTE_TABLE);
    JsonNode on = answer(c, true, BOB_KEY, "GET");
    assertTrue(
        ApiGatewayPolicy.responseAllows(on.toString(), c.arn("GET", "orders/ord-42")),
        on.toString());
    assertEquals(AuthorizerConfig.BOB_API_KEY, on.path("usageIdentifierKey").asText());

    JsonNode off = answer(c, false, BOB_KEY, "GET");
    assertTrue(
        ApiGatewayPolicy.responseAllows(off.toString(), c.arn("GET", "orders/ord-42")),
        off.toString());
    assertFalse(off.has("usageIdentifierKey"), off.toString());
    assertFalse(
        log.toString(StandardCharsets.UTF_8).contains(AuthorizerConfig.BOB_API_KEY),
        "the key is never logged");
  }

  @Test
  void anAnswerThatAllowsNothingCarriesNoKey() throws IOException {
    // bob may not DELETE: answered for the called ARN alone, nothing is allowed
    AuthorizerConfig request = config(Payload.REST_REQUEST, Credential.API_KEY, CacheMode.REQUEST);
    JsonNode denied = answer(request, true, BOB_KEY, "DELETE");
    assertFalse(
        ApiGatewayPolicy.responseAllows(denied.toString(), request.arn("DELETE", "orders/ord-42")));
    assertFalse(denied.has("usageIdentifierKey"), denied.toString());

    // a route table denies the called route but allows the routes a cached answer is replayed for
    AuthorizerConfig table =
        config(Payload.REST_REQUEST, Credential.API_KEY, CacheMode.ROUTE_TABLE);
    JsonNode replayable = answer(table, true, BOB_KEY, "DELETE");
    assertFalse(
        ApiGatewayPolicy.responseAllows(
            replayable.toString(), table.arn("DELETE", "orders/ord-42")));
    assertTrue(
        ApiGatewayPolicy.responseAllows(replayable.toString(), table.arn("GET", "orders/ord-42")));
    assertEquals(AuthorizerConfig.BOB_API_KEY, replayable.path("usageIdentifierKey").asText());

    // the sample bundle lets nobody $connect: a WebSocket denial carries no key either
    AuthorizerConfig websocket =
        config(Payload.WEBSOCKET, Credential.API_KEY, CacheMode.ROUTE_TABLE);
    JsonNode refused = answer(websocket, true, BOB_KEY, "GET");
    assertFalse(
        ApiGatewayPolicy.responseAllows(refused.toString(), websocket.arn("GET", "orders/ord-42")));
    assertFalse(refused.has("usageIdentifierKey"), refused.toString());
  }

  @ParameterizedTest
  @EnumSource(
      value = Payload.class,
      names = {"REST_TOKEN", "REST_REQUEST", "HTTP_V1", "HTTP_V2", "WEBSOCKET"})
  void tokenCallersNeverGetAKey(Payload payload) throws IOException {
    AuthorizerConfig c = config(payload, Credential.JWT, CacheMode.ROUTE_TABLE);
    for (Caller caller : c.callers()) {
      JsonNode a = answer(c, true, caller, "GET");
      assertFalse(a.has("usageIdentifierKey"), caller + ": " + a);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Payload.class,
      names = {"HTTP_V1", "HTTP_V2"})
  void httpApisNeverGetAKeyNorDoSimpleAnswers(Payload payload) throws IOException {
    // HTTP APIs have no usage plans; a simple answer has no such member at all
    AuthorizerConfig c = config(payload, Credential.API_KEY, CacheMode.ROUTE_TABLE);
    JsonNode a = answer(c, true, BOB_KEY, "GET");
    if (payload == Payload.HTTP_V2) {
      assertTrue(a.path("isAuthorized").asBoolean(), a.toString());
    } else {
      assertTrue(
          ApiGatewayPolicy.responseAllows(a.toString(), c.arn("GET", "orders/ord-42")),
          a.toString());
    }
    assertFalse(a.has("usageIdentifierKey"), a.toString());
  }
}
