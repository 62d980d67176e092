package io.iamgate.lambda;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;

/**
 * A misuse matrix: credentials sent in every wrong way a caller can send them (an API key with its
 * parts swapped, a key or a token in the role header, a key as a bearer token, a token as an API
 * key, a truncated token). Every log line the handler writes is searched for every secret and for
 * its secret part: none may appear, and every request is still decided (denied or refused).
 */
class SecretsInLogsTest {
  private static final String KEY = AuthorizerConfig.BOB_API_KEY;
  private static final String KEY_SECRET = KEY.substring(KEY.indexOf('.') + 1);
  private static final String SWAPPED = KEY_SECRET + "." + KEY.substring(0, KEY.indexOf('.'));
  private static final String TOKEN = SampleEvents.alice();

  private static String request(Map<String, String> headers) {
    StringBuilder h = new StringBuilder();
    headers.forEach((k, v) -> h.append('"').append(k).append("\": \"").append(v).append("\", "));
    return """
        {"type": "REQUEST",
         "methodArn": "arn:aws:execute-api:eu-west-1:%s:k7x2m9q4ab/prod/GET/orders/ord-42",
         "resource": "/orders/{orderId}", "path": "/orders/ord-42", "httpMethod": "GET",
         "headers": {%s"User-Agent": "curl/8.5.0"}, "pathParameters": {"orderId": "ord-42"},
         "requestContext": {"accountId": "%s", "apiId": "k7x2m9q4ab", "stage": "prod",
           "resourcePath": "/orders/{orderId}", "httpMethod": "GET", "requestId": "misuse",
           "identity": {"sourceIp": "203.0.113.7"}}}
        """
        .formatted(SampleEvents.ACCOUNT, h, SampleEvents.ACCOUNT);
  }

  @Test
  void noCredentialSentTheWrongWayReachesALog() throws IOException {
    List<Map<String, String>> misuses =
        List.of(
            Map.of("x-api-key", SWAPPED),
            Map.of("x-api-key", KEY, "x-iamgate-role", KEY),
            Map.of("Authorization", "Bearer " + TOKEN, "x-iamgate-role", KEY),
            Map.of("Authorization", "Bearer " + TOKEN, "x-iamgate-role", TOKEN),
            Map.of("Authorization", "Bearer " + KEY),
            Map.of("x-api-key", TOKEN),
            Map.of("Authorization", "Bearer " + TOKEN.substring(0, TOKEN.length() - 5)),
            Map.of("x-api-key", KEY_SECRET),
            Map.of("X-Token", TOKEN, "x-api-key", "bob-ci." + KEY_SECRET.toUpperCase()));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    AuthorizerHandler handler =
        new AuthorizerHandler(
            Map.of("IAMGATE_ALLOW_SAMPLE_BUNDLE", "true"),
            new PrintStream(log, true, StandardCharsets.UTF_8));
    int answered = 0;
    for (Map<String, String> headers : misuses) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        handler.handleRequest(
            new ByteArrayInputStream(request(headers).getBytes(StandardCharsets.UTF_8)), out, null);
        answered++;
      } catch (AuthorizerHandler.UnauthorizedException e) {
        answered++;
      }
    }
    assertTrue(answered == misuses.size());
    String lines = log.toString(StandardCharsets.UTF_8);
    List<String> leaks = new ArrayList<>();
    for (String secret :
        List.of(KEY, KEY_SECRET, SWAPPED, KEY_SECRET.toUpperCase(), TOKEN, tokenBody())) {
      if (lines.contains(secret)) {
        leaks.add(secret.substring(0, 6) + "…");
      }
    }
    assertFalse(lines.isEmpty());
    assertTrue(leaks.isEmpty(), "secrets in the log: " + leaks + "\n" + lines);
  }

  /** The token's payload and signature, which identify it even without its header. */
  private static String tokenBody() {
    return TOKEN.substring(TOKEN.indexOf('.') + 1);
  }
}
