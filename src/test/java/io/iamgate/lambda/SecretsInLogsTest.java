package io.iamgate.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.iamgate.testing.AuthorizerConfig;
import io.iamgate.testing.AuthorizerSpec;
import io.iamgate.testing.SampleEvents;
import io.iamgate.testing.Tokens;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A misuse matrix: credentials sent in every wrong way a caller can send them (an API key with its
 * parts swapped, a key or a token in the role header, a key as a bearer token, a token as an API
 * key, in a cookie or the query string, a token with garbage appended, odd scheme spellings, a
 * forged token whose claims carry a key), for every payload type. Every log line the handler
 * writes, every response body and every refusal is searched for every secret and for every
 * substring of at least 8 characters of it: none may appear, every line stays short, and every
 * request is still decided (denied or refused).
 */
class SecretsInLogsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = AuthorizerConfig.BOB_API_KEY;
  private static final String KEY_ID = KEY.substring(0, KEY.indexOf('.'));
  private static final String KEY_SECRET = KEY.substring(KEY.indexOf('.') + 1);
  private static final String SWAPPED = KEY_SECRET + "." + KEY_ID;
  private static final String TOKEN = SampleEvents.alice();
  private static final String BASIC =
      Base64.getEncoder()
          .encodeToString((KEY_ID + ":" + KEY_SECRET).getBytes(StandardCharsets.UTF_8));

  /** A token signed by nobody the bundle trusts, whose claims carry the API key. */
  private static final String FORGED = forged();

  private static final String UPPER_SECRET = KEY_SECRET.toUpperCase(java.util.Locale.ROOT);

  /** Every secret of the matrix; none of their 8-character substrings may be written. */
  private static final List<String> SECRETS =
      List.of(KEY, KEY_SECRET, SWAPPED, UPPER_SECRET, BASIC, TOKEN, FORGED);

  /** The longest log line allowed: caller-supplied text is capped. */
  private static final int MAX_LINE = 2048;

  private static String forged() {
    try {
      return Tokens.sign(
          new RSAKeyGenerator(2048).keyID(KEY).generate(),
          Tokens.claims(KEY, SampleEvents.FAR)
              .issuer(KEY + "/" + "x".repeat(5000))
              .subject(KEY)
              .build());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** One wrong way to send credentials: the headers and query parameters the caller sends. */
  private record Misuse(String name, Map<String, String> headers, Map<String, String> query) {
    Misuse(String name, Map<String, String> headers) {
      this(name, headers, Map.of());
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static final List<Misuse> MISUSES =
      List.of(
          new Misuse("key with its parts swapped", Map.of("x-api-key", SWAPPED)),
          new Misuse("key's secret alone", Map.of("x-api-key", KEY_SECRET)),
          new Misuse("key with garbage appended", Map.of("x-api-key", KEY + "garbage")),
          new Misuse("key as a bearer token", Map.of("Authorization", "Bearer " + KEY)),
          new Misuse("key in Authorization, no scheme", Map.of("Authorization", KEY)),
          new Misuse("swapped key as a bearer token", Map.of("Authorization", "Bearer " + SWAPPED)),
          new Misuse("key as Basic credentials", Map.of("Authorization", "Basic " + BASIC)),
          new Misuse("key in the role header", Map.of("x-api-key", KEY, "x-iamgate-role", KEY)),
          new Misuse(
              "key in the role header of a token caller",
              Map.of("Authorization", "Bearer " + TOKEN, "x-iamgate-role", KEY)),
          new Misuse(
              "bearer key in the role header",
              Map.of("Authorization", "Bearer " + TOKEN, "x-iamgate-role", "Bearer " + KEY)),
          new Misuse(
              "token in the role header",
              Map.of("Authorization", "Bearer " + TOKEN, "x-iamgate-role", TOKEN)),
          new Misuse("token in the API key header", Map.of("x-api-key", TOKEN)),
          new Misuse("bearer token in the API key header", Map.of("x-api-key", "Bearer " + TOKEN)),
          new Misuse(
              "token in another header",
              Map.of("X-Token", TOKEN, "x-api-key", KEY_ID + "." + UPPER_SECRET)),
          new Misuse(
              "token and key in a cookie",
              Map.of("Cookie", "session=" + TOKEN + "; apikey=" + KEY)),
          new Misuse(
              "token and key in the query string",
              Map.of(),
              Map.of("access_token", TOKEN, "api_key", KEY)),
          new Misuse(
              "token with garbage appended", Map.of("Authorization", "Bearer " + TOKEN + "zz")),
          new Misuse(
              "token with a segment appended", Map.of("Authorization", "Bearer " + TOKEN + ".zz")),
          new Misuse(
              "token with words appended",
              Map.of("Authorization", "Bearer " + TOKEN + " and more")),
          new Misuse(
              "token twice, comma-joined",
              Map.of("Authorization", "Bearer " + TOKEN + ", Bearer " + TOKEN)),
          new Misuse(
              "truncated token",
              Map.of("Authorization", "Bearer " + TOKEN.substring(0, TOKEN.length() - 5))),
          new Misuse("lower-case scheme", Map.of("Authorization", "bearer " + TOKEN)),
          new Misuse("upper-case scheme", Map.of("Authorization", "BEARER " + TOKEN)),
          new Misuse("unknown scheme", Map.of("Authorization", "Token " + TOKEN)),
          new Misuse("scheme twice", Map.of("Authorization", "Bearer Bearer " + TOKEN)),
          new Misuse(
              "forged token carrying the key in its claims",
              Map.of("Authorization", "Bearer " + FORGED)),
          new Misuse(
              "token in the user agent",
              Map.of("Authorization", "Bearer " + TOKEN, "User-Agent", "client/1.0 " + TOKEN)),
          new Misuse(
              "bearer token in the user agent",
              Map.of("x-api-key", KEY, "User-Agent", "Bearer " + TOKEN)),
          new Misuse(
              "key in the user agent",
              Map.of("Authorization", "Bearer " + TOKEN, "User-Agent", "ci-bot " + KEY)),
          new Misuse(
              "swapped key in the user agent",
              Map.of("x-api-key", KEY, "User-Agent", "ci-bot/" + SWAPPED)),
          new Misuse(
              "key and token as the user agent of a key caller",
              Map.of("x-api-key", KEY, "User-Agent", KEY + ";" + TOKEN)));

  /** The event {@code config}'s payload carries for a caller that sends {@code m}. */
  private static String event(AuthorizerConfig config, Misuse m) throws IOException {
    ObjectNode e =
        (ObjectNode)
            JSON.readTree(
                config.event(
                    new AuthorizerConfig.Caller("caller", "placeholder"), "GET", "orders/ord-42"));
    String first =
        m.headers()
            .getOrDefault("Authorization", m.headers().values().stream().findFirst().orElse(""));
    switch (config.payload()) {
      case REST_TOKEN -> e.put("authorizationToken", first);
      case HTTP_V1 -> {
        e.put("identitySource", first);
        e.put("authorizationToken", first);
      }
      case HTTP_V2 -> {
        ArrayNode sources = JSON.createArrayNode();
        m.headers().values().forEach(sources::add);
        e.set("identitySource", sources);
        StringBuilder raw = new StringBuilder();
        m.query().forEach((k, v) -> raw.append(raw.length() == 0 ? "" : "&").append(k + "=" + v));
        e.put("rawQueryString", raw.toString());
      }
      default -> {}
    }
    if (config.payload() != AuthorizerConfig.Payload.REST_TOKEN) {
      ObjectNode headers = JSON.createObjectNode().put("User-Agent", "curl/8.5.0");
      m.headers().forEach(headers::put);
      e.set("headers", headers);
      e.set("queryStringParameters", JSON.valueToTree(m.query()));
      // API Gateway's own copy of the user agent, which the decision line prefers
      String agent = headers.path("User-Agent").asText();
      ObjectNode context = e.with("requestContext");
      if (config.payload() == AuthorizerConfig.Payload.HTTP_V2) {
        context.with("http").put("userAgent", agent);
      } else {
        context.with("identity").put("userAgent", agent);
      }
    }
    return e.toString();
  }

  @AuthorizerSpec(
      credentials = AuthorizerConfig.Credential.JWT,
      cacheMode = AuthorizerConfig.CacheMode.ROUTE_TABLE)
  void noCredentialSentTheWrongWayReachesALogOrAResponse(AuthorizerConfig config)
      throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    AuthorizerHandler handler = config.handler(log);
    List<String> leaks = new ArrayList<>();
    int answered = 0;
    for (Misuse m : MISUSES) {
      int logged = log.size();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      String written;
      try {
        handler.handleRequest(
            new ByteArrayInputStream(event(config, m).getBytes(StandardCharsets.UTF_8)), out, null);
        written = withoutUsageKey(out.toString(StandardCharsets.UTF_8), m);
      } catch (AuthorizerHandler.UnauthorizedException e) {
        written = String.valueOf(e.getMessage());
      }
      answered++;
      String lines = log.toString(StandardCharsets.UTF_8).substring(logged);
      assertTrue(!lines.isBlank(), m + ": every request is logged");
      assertTrue(lines.contains("\"message\":\""), m + ": the decision line has its sentence");
      if (config.payload() != AuthorizerConfig.Payload.REST_TOKEN) {
        assertTrue(lines.contains("\"userAgent\":\""), m + ": the user agent is logged, masked");
      }
      for (String line : lines.split("\n")) {
        if (line.length() > MAX_LINE) {
          leaks.add(m + " → a log line of " + line.length() + " characters");
        }
      }
      for (String secret : leaked(lines + "\n" + written)) {
        leaks.add(m + " → " + secret.substring(0, 6) + "…");
      }
    }
    assertEquals(MISUSES.size(), answered);
    assertTrue(leaks.isEmpty(), "secrets written: " + leaks + "\n" + log);
  }

  /**
   * A credential in the request path reaches the decision log's method ARN and resource: the
   * bundle's API keys by their id ({@code bob-ci.<redacted>}), tokens even with text joined to them
   * by dots. The answer itself must hold the called ARN for API Gateway, so only the log is checked
   * here.
   */
  @AuthorizerSpec(
      credentials = AuthorizerConfig.Credential.API_KEY,
      cacheMode = AuthorizerConfig.CacheMode.ROUTE_TABLE,
      payload = {
        AuthorizerConfig.Payload.REST_REQUEST,
        AuthorizerConfig.Payload.HTTP_V1,
        AuthorizerConfig.Payload.HTTP_V2
      })
  void aCredentialInThePathIsMaskedInTheLog(AuthorizerConfig config) throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    AuthorizerHandler handler = config.handler(log);
    List<String> leaks = new ArrayList<>();
    for (String segment : List.of(KEY, TOKEN, "v1." + TOKEN, TOKEN + ".json", KEY + ".json")) {
      int logged = log.size();
      String event =
          config.event(
              new AuthorizerConfig.Caller("bob (API key)", KEY),
              "GET",
              "orders/" + segment,
              "/orders/{orderId}",
              Map.of("orderId", segment));
      try {
        handler.handleRequest(
            new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
            new ByteArrayOutputStream(),
            null);
      } catch (AuthorizerHandler.UnauthorizedException e) {
        // the log line is what is checked
      }
      String lines = log.toString(StandardCharsets.UTF_8).substring(logged);
      assertTrue(lines.contains("\"methodArn\""), lines);
      for (String secret : leaked(lines)) {
        leaks.add(segment.substring(0, 8) + "… in the path → " + secret.substring(0, 6) + "…");
      }
    }
    assertTrue(leaks.isEmpty(), "secrets written: " + leaks + "\n" + log);
  }

  /** An event too broken to read is denied, and its quoted parts are fingerprinted in the log. */
  @org.junit.jupiter.api.Test
  void aCredentialInAnUnreadableEventIsMaskedInTheLog() throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    AuthorizerHandler handler =
        new AuthorizerHandler(
            Map.of("IAMGATE_ALLOW_SAMPLE_BUNDLE", "true"),
            new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
    for (String event :
        List.of(
            "{\"type\":\"" + KEY + "\",\"methodArn\":\"x\"}",
            "{\"type\":\"TOKEN\",\"methodArn\":\"" + KEY + "\",\"authorizationToken\":\"x\"}",
            "{" + KEY + "}",
            "{\"type\":\"" + TOKEN + "\"}")) {
      try {
        handler.handleRequest(
            new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
            new ByteArrayOutputStream(),
            null);
      } catch (AuthorizerHandler.UnauthorizedException e) {
        // the log line is what is checked
      }
    }
    String lines = log.toString(StandardCharsets.UTF_8);
    assertTrue(lines.contains("unreadable event, denied"), lines);
    assertEquals(List.of(), leaked(lines), lines);
  }

  /**
   * The response without {@code usageIdentifierKey}, which API Gateway needs to hold the API key
   * that authenticated the call (usage plans); it must be exactly the key header's value.
   */
  private static String withoutUsageKey(String response, Misuse m) throws IOException {
    ObjectNode r = (ObjectNode) JSON.readTree(response);
    if (r.has("usageIdentifierKey")) {
      assertEquals(m.headers().get("x-api-key"), r.get("usageIdentifierKey").asText(), m.name());
      r.remove("usageIdentifierKey");
    }
    return r.toString();
  }

  /** The secrets any 8-character substring of which occurs in {@code text}. */
  private static List<String> leaked(String text) {
    Set<String> grams = new HashSet<>();
    for (int i = 0; i + 8 <= text.length(); i++) {
      grams.add(text.substring(i, i + 8));
    }
    List<String> out = new ArrayList<>();
    for (String secret : SECRETS) {
      for (int i = 0; i + 8 <= secret.length(); i++) {
        if (grams.contains(secret.substring(i, i + 8))) {
          out.add(secret);
          break;
        }
      }
    }
    return out;
  }

  /** The matrix's own check finds what it looks for: a line that carries a secret's fragment. */
  @org.junit.jupiter.api.Test
  void theCheckFindsAnyFragmentOfASecret() {
    assertEquals(
        List.of(KEY, KEY_SECRET, SWAPPED), leaked("reason: `" + KEY_SECRET.substring(3, 11) + "`"));
    assertEquals(List.of(), leaked(new LinkedHashMap<>(Map.of("id", KEY_ID)).toString()));
  }
}
