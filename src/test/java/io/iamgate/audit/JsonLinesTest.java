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
        new DecisionEvent.UserIdentity(
            "user",
            "user/alice",
            List.of("OrdersDevelopers"),
            "https://auth.example.invalid/iamgate-sample",
            "jwt",
            true,
            null),
        new DecisionEvent.Request(
            "REST_REQUEST",
            "arn:aws:execute-api:eu-west-1:210987654321:k7x2m9q4ab/prod/GET/orders/ord-42",
            "k7x2m9q4ab",
            "prod",
            "GET",
            "/orders/ord-42",
            "203.0.113.7",
            "curl/8.5.0",
            "req-1"),
        "GET /orders/{orderId}",
        "orders:GetOrder",
        "arn:app:orders:eu-west-1:123456789012:order/ord-42",
        "identity[Developers]/Statement/0 (Sid ReadOrders)",
        null,
        List.of(),
        "db78b8e842b6",
        "route-table",
        2,
        List.of("email"),
        true,
        125);
  }

  private static final Invocation LAMBDA =
      new Invocation("iamgate-authorizer", "7", "lambda-7", 1024, "1-5759e988-bd86", true);

  @Test
  void aDecisionIsOneLineWithPowertoolsKeysAndTheCloudTrailLikeRecord() {
    List<String> lines = new ArrayList<>();
    new JsonLines(CLOCK, lines::add, "orders-api").decision(event("allowed"), LAMBDA);
    assertEquals(
        List.of(
            "{\"timestamp\":\"2026-11-29T12:00:00.000Z\",\"level\":\"INFO\","
                + "\"message\":\"allow GET /orders/ord-42 for user/alice: allowed\","
                + "\"logger\":\"iamgate.decision\",\"service\":\"orders-api\",\"cold_start\":true,"
                + "\"function_name\":\"iamgate-authorizer\",\"function_version\":\"7\","
                + "\"function_request_id\":\"lambda-7\",\"function_memory_size\":1024,"
                + "\"xray_trace_id\":\"1-5759e988-bd86\",\"correlation_id\":\"req-1\","
                + "\"decision\":{\"eventVersion\":\"1.0\",\"eventTime\":\"2026-11-29T12:00:00.000Z\","
                + "\"eventId\":\"d-1\",\"eventType\":\"REST_REQUEST\",\"outcome\":\"Allow\","
                + "\"reason\":\"allowed\",\"userIdentity\":{\"type\":\"user\",\"principal\":\"user/alice\","
                + "\"groups\":[\"OrdersDevelopers\"],"
                + "\"issuer\":\"https://auth.example.invalid/iamgate-sample\","
                + "\"authenticationMethod\":\"jwt\",\"mfaPresent\":true},"
                + "\"sourceIPAddress\":\"203.0.113.7\",\"userAgent\":\"curl/8.5.0\","
                + "\"apiId\":\"k7x2m9q4ab\",\"stage\":\"prod\",\"route\":\"GET /orders/{orderId}\","
                + "\"httpMethod\":\"GET\",\"path\":\"/orders/ord-42\","
                + "\"methodArn\":\"arn:aws:execute-api:eu-west-1:210987654321:k7x2m9q4ab/prod/GET/orders/ord-42\","
                + "\"action\":\"orders:GetOrder\","
                + "\"resource\":\"arn:app:orders:eu-west-1:123456789012:order/ord-42\","
                + "\"statement\":\"identity[Developers]/Statement/0 (Sid ReadOrders)\","
                + "\"bundleVersion\":\"db78b8e842b6\",\"cacheMode\":\"route-table\","
                + "\"routesLeftOut\":2,\"claimsLeftOut\":[\"email\"],\"tokenCacheHit\":true,"
                + "\"latencyMicros\":125}}"),
        lines);
  }

  @Test
  void outsideLambdaOnlyColdStartIsWrittenAndNoValueIsNull() {
    String line = new JsonLines(CLOCK, s -> {}).line(event(null), Invocation.NONE);
    assertTrue(
        line.contains("\"service\":\"iamgate\",\"cold_start\":false,\"correlation_id\""), line);
    assertFalse(line.contains("function_"), line);
    assertFalse(line.contains("null"), line);
    assertFalse(line.contains("\"reason\""), line);
  }

  @Test
  void eachOutcomeHasItsLevelAndItsVerb() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put(DecisionEvent.ALLOW, "INFO allow");
    expected.put(DecisionEvent.EXPLICIT_DENY, "WARN deny");
    expected.put(DecisionEvent.IMPLICIT_DENY, "WARN deny");
    expected.put(DecisionEvent.DENY, "WARN deny");
    expected.put(DecisionEvent.UNAUTHORIZED, "WARN unauthorized");
    expected.put(DecisionEvent.ERROR, "ERROR error");
    DecisionEvent base = event("why");
    expected.forEach(
        (outcome, levelAndVerb) -> {
          DecisionEvent e =
              new DecisionEvent(
                  base.decisionId(),
                  outcome,
                  base.reason(),
                  base.userIdentity(),
                  base.request(),
                  base.route(),
                  base.action(),
                  base.resource(),
                  base.statement(),
                  base.failedGate(),
                  base.nearMisses(),
                  base.bundleVersion(),
                  base.cacheMode(),
                  base.routesLeftOut(),
                  base.claimsLeftOut(),
                  base.tokenCacheHit(),
                  base.latencyMicros());
          assertEquals(levelAndVerb, e.level() + " " + e.message().split(" ")[0], outcome);
        });
  }

  @Test
  void anErrorWithoutAnEventCarriesOnlyWhatIsKnown() {
    String line =
        new JsonLines(CLOCK, s -> {})
            .line(
                DecisionEvent.error("d-2", "unreadable event", DecisionEvent.Request.UNKNOWN, 3),
                Invocation.NONE);
    assertEquals(
        "{\"timestamp\":\"2026-11-29T12:00:00.000Z\",\"level\":\"ERROR\","
            + "\"message\":\"error: unreadable event\",\"logger\":\"iamgate.decision\","
            + "\"service\":\"iamgate\",\"cold_start\":false,\"decision\":{\"eventVersion\":\"1.0\","
            + "\"eventTime\":\"2026-11-29T12:00:00.000Z\",\"eventId\":\"d-2\",\"outcome\":\"Error\","
            + "\"reason\":\"unreadable event\",\"routesLeftOut\":0,\"latencyMicros\":3}}",
        line);
  }

  @Test
  void timestampsAlwaysHaveThreeFractionDigits() {
    for (String t :
        List.of(
            "2026-11-29T20:16:38.123Z",
            "2026-01-01T00:00:00.000Z",
            "1999-12-31T23:59:59.999Z",
            "0001-02-03T04:05:06.007Z")) {
      assertEquals(t, JsonLines.timestamp(Instant.parse(t)));
    }
    assertEquals(
        "2026-11-29T20:16:38.123Z",
        JsonLines.timestamp(Instant.parse("2026-11-29T20:16:38.123987654Z")),
        "cut, not rounded");
  }

  @Test
  void aLongUserAgentIsCutTo200Characters() {
    String ua = JsonLines.userAgent("agent/" + "x".repeat(500));
    assertEquals(200, ua.length());
    assertTrue(ua.endsWith("…"), ua);
    assertEquals("curl/8.5.0", JsonLines.userAgent("curl/8.5.0"));
  }

  @Test
  void theServiceNameComesFromIamgateThenPowertoolsThenTheDefault() {
    assertEquals(
        "a",
        JsonLines.serviceName(
            Map.of("IAMGATE_SERVICE_NAME", " a ", "POWERTOOLS_SERVICE_NAME", "b")));
    assertEquals(
        "b",
        JsonLines.serviceName(Map.of("IAMGATE_SERVICE_NAME", " ", "POWERTOOLS_SERVICE_NAME", "b")));
    assertEquals("iamgate", JsonLines.serviceName(Map.of()));
  }

  @Test
  void recordsCarryTimestampLevelMessageLoggerServiceAndLeaveAbsentValuesOut() {
    Map<LogField, @Nullable String> fields = new LinkedHashMap<>();
    fields.put(LogField.KEPT_VERSION, null);
    fields.put(LogField.SOURCE, "s3://bucket/bundle.json");
    String line =
        new JsonLines(CLOCK, s -> {})
            .recordLine(JsonLines.Level.WARN, "iamgate.store", "bundle update rejected", fields);
    assertEquals(
        "{\"timestamp\":\"2026-11-29T12:00:00.000Z\",\"level\":\"WARN\","
            + "\"message\":\"bundle update rejected\",\"logger\":\"iamgate.store\","
            + "\"service\":\"iamgate\",\"source\":\"s3://bucket/bundle.json\"}",
        line);
  }

  @Test
  void aTokenInAnyTextNeverReachesTheLine() {
    String line =
        new JsonLines(CLOCK, s -> {})
            .line(
                event("signature check failed for " + JWS + " (Authorization: Bearer " + JWS),
                Invocation.NONE);
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
