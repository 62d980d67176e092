package io.iamgate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class JsonLinesTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

  /** A JWS as nimbus writes one: a base64url JOSE header, payload and signature. */
  private static final String JWS =
      "eyJraWQiOiJzYW1wbGUiLCJhbGciOiJSUzI1NiJ9"
          + ".eyJzdWIiOiJhbGljZSIsImV4cCI6NDA3MDkwODgwMH0"
          + ".c2lnbmF0dXJlLWJ5dGVzLWhlcmUtYW5kLW1vcmU";

  private static DecisionEvent event(@Nullable String reason) {
    return new DecisionEvent(
        "d-1",
        "Allow",
        reason,
        "user/alice",
        "orders:GetOrder",
        "arn:app:orders:eu-west-1:123456789012:order/ord-42",
        "identity[Developers]/Statement/0 (Sid ReadOrders)",
        "db78b8e842b6",
        2,
        List.of("email"),
        List.of(),
        "REST_TOKEN",
        "arn:aws:execute-api:eu-west-1:210987654321:k7x2m9q4ab/prod/GET/orders/ord-42",
        "203.0.113.7",
        "req-1",
        null,
        125);
  }

  @Test
  void aDecisionIsOneLineWithTheFieldsOfLogFieldInOrderAndTheInjectedTime() {
    List<String> lines = new ArrayList<>();
    new JsonLines(CLOCK, lines::add).decision(event("allowed").withLambdaRequestId("lambda-7"));
    assertEquals(
        List.of(
            "{\"time\":\"2026-11-29T12:00:00Z\",\"logger\":\"iamgate.decision\",\"decisionId\":\"d-1\","
                + "\"outcome\":\"Allow\",\"reason\":\"allowed\",\"principal\":\"user/alice\","
                + "\"action\":\"orders:GetOrder\","
                + "\"resource\":\"arn:app:orders:eu-west-1:123456789012:order/ord-42\","
                + "\"statement\":\"identity[Developers]/Statement/0 (Sid ReadOrders)\","
                + "\"bundleVersion\":\"db78b8e842b6\",\"routesLeftOut\":2,\"claimsLeftOut\":\"email\","
                + "\"eventType\":\"REST_TOKEN\","
                + "\"methodArn\":\"arn:aws:execute-api:eu-west-1:210987654321:k7x2m9q4ab/prod/GET/orders/ord-42\","
                + "\"sourceIp\":\"203.0.113.7\",\"requestId\":\"req-1\",\"lambdaRequestId\":\"lambda-7\","
                + "\"latencyMicros\":125}"),
        lines);
  }

  @Test
  void absentValuesAreLeftOutAndRecordsCarryLevelLoggerAndMessage() {
    Map<LogField, @Nullable String> fields = new LinkedHashMap<>();
    fields.put(LogField.KEPT_VERSION, null);
    fields.put(LogField.SOURCE, "s3://bucket/bundle.json");
    String line =
        new JsonLines(CLOCK, s -> {})
            .recordLine(JsonLines.Level.WARN, "iamgate.store", "bundle update rejected", fields);
    assertEquals(
        "{\"time\":\"2026-11-29T12:00:00Z\",\"level\":\"WARN\",\"logger\":\"iamgate.store\","
            + "\"message\":\"bundle update rejected\",\"source\":\"s3://bucket/bundle.json\"}",
        line);
  }

  @Test
  void aTokenInAnyTextNeverReachesTheLine() {
    String line =
        new JsonLines(CLOCK, s -> {})
            .line(event("signature check failed for " + JWS + " (Authorization: Bearer " + JWS));
    assertFalse(line.contains(JWS), line);
    assertFalse(line.contains("eyJzdWIi"), line);
    assertTrue(line.contains("<redacted"), line);
  }

  @Test
  void credentialsAfterTheirSchemeAreMasked() {
    assertEquals("Bearer <redacted>, then", Masking.mask("Bearer abc.def.ghi, then"));
    assertEquals("basic <redacted>", Masking.mask("basic dXNlcjpwYXNz"));
    assertEquals(
        "header x-api-key: <redacted> and Bearer <redacted>",
        Masking.mask("header x-api-key: bob-ci.sample-secret and Bearer t0k3n-of-some-length"));
  }

  @Test
  void proseAfterASchemeNameIsNotACredential() {
    assertEquals("no bearer token and no API key", Masking.mask("no bearer token and no API key"));
  }

  @Test
  void passwordsInUrlsAreMasked() {
    assertEquals(
        "cannot read http://<redacted>@localhost:2772/applications/a",
        Masking.mask("cannot read http://user:secretpw@localhost:2772/applications/a"));
    assertEquals("see https://example.com/a@b", Masking.mask("see https://example.com/a@b"));
  }

  @Test
  void aFingerprintIdentifiesAValueWithoutRevealingIt() {
    String secret = "sample-secret-not-for-production";
    String f = Masking.fingerprint(secret);
    assertFalse(f.contains(secret), f);
    assertTrue(f.matches("sha256:[0-9a-f]{8}, 32 chars"), f);
    assertEquals(f, Masking.fingerprint(secret));
  }

  @Test
  void textWithoutCredentialsIsReturnedAsItIs() {
    String arn = "arn:aws:execute-api:eu-west-1:210987654321:k7x2m9q4ab/prod/GET/a.b.c";
    assertSame(arn, Masking.mask(arn));
    String version = "iamgate 0.1.0-SNAPSHOT, bundle db78b8e842b6, file a.json.bak";
    assertSame(version, Masking.mask(version));
  }

  @Property
  void aJwsAnywhereInTextIsMasked(
      @ForAll @AlphaChars @NumericChars @StringLength(max = 20) String before,
      @ForAll @AlphaChars @StringLength(max = 20) String after) {
    String text = before + " " + JWS + " " + after;
    String masked = Masking.mask(text);
    assertFalse(masked.contains(JWS), masked);
    assertEquals(before + " <redacted-token> " + after, masked);
  }
}
