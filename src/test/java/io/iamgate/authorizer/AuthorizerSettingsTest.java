package io.iamgate.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthorizerSettingsTest {
  @Test
  void defaults() {
    AuthorizerSettings s = AuthorizerSettings.from(Map.of());
    assertEquals("", s.bundle());
    assertEquals(AuthorizerSettings.CacheMode.ROUTE_TABLE, s.cacheMode());
    assertTrue(s.simpleResponses());
    assertFalse(s.allowSampleBundle());
    assertEquals(Duration.ofSeconds(60), s.clockSkew());
    assertEquals(List.of(), s.contextClaims());
    assertFalse(s.usageIdentifierKey(), "returning API keys to API Gateway is opt-in");
  }

  @Test
  void everySettingIsRead() {
    AuthorizerSettings s =
        AuthorizerSettings.from(
            Map.of(
                "IAMGATE_BUNDLE",
                "s3://b/k",
                "IAMGATE_CACHE_MODE",
                "request",
                "IAMGATE_HTTP_SIMPLE_RESPONSES",
                "false",
                "IAMGATE_CLOCK_SKEW_SECONDS",
                "5",
                "IAMGATE_CONTEXT_CLAIMS",
                "email, tenant",
                "IAMGATE_ALLOW_SAMPLE_BUNDLE",
                "TRUE",
                "IAMGATE_REFRESH_SECONDS",
                "30",
                "IAMGATE_USAGE_IDENTIFIER_KEY",
                "true"));
    assertEquals(AuthorizerSettings.CacheMode.REQUEST, s.cacheMode());
    assertFalse(s.simpleResponses());
    assertEquals(Duration.ofSeconds(5), s.clockSkew());
    assertEquals(List.of("email", "tenant"), s.contextClaims());
    assertTrue(s.allowSampleBundle());
    assertEquals(Duration.ofSeconds(30), s.refresh());
    assertTrue(s.usageIdentifierKey());
  }

  @Test
  void badValuesNameTheVariable() {
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> AuthorizerSettings.from(Map.of("IAMGATE_CACHE_MODE", "lru")))
            .getMessage()
            .startsWith("IAMGATE_CACHE_MODE `lru`"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> AuthorizerSettings.from(Map.of("IAMGATE_ALLOW_SAMPLE_BUNDLE", "yes")))
            .getMessage()
            .startsWith("IAMGATE_ALLOW_SAMPLE_BUNDLE `yes`"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> AuthorizerSettings.from(Map.of("IAMGATE_USAGE_IDENTIFIER_KEY", "on")))
            .getMessage()
            .startsWith("IAMGATE_USAGE_IDENTIFIER_KEY `on`"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> AuthorizerSettings.from(Map.of("IAMGATE_CLOCK_SKEW_SECONDS", "9999")))
            .getMessage()
            .contains("from 0 to 600"));
  }

  @Test
  void theCacheTtlIsReadAndUnsetMeansAnswersMayBeCached() {
    assertEquals(null, AuthorizerSettings.from(Map.of()).cacheTtl());
    assertTrue(AuthorizerSettings.from(Map.of()).answersMayBeCached());
    AuthorizerSettings off = AuthorizerSettings.from(Map.of("IAMGATE_CACHE_TTL_SECONDS", "0"));
    assertEquals(Duration.ZERO, off.cacheTtl());
    assertFalse(off.answersMayBeCached());
    assertTrue(
        AuthorizerSettings.from(Map.of("IAMGATE_CACHE_TTL_SECONDS", "3600")).answersMayBeCached());
    for (String bad : List.of("-1", "3601", "5m", "1.5")) {
      assertTrue(
          assertThrows(
                  IllegalArgumentException.class,
                  () -> AuthorizerSettings.from(Map.of("IAMGATE_CACHE_TTL_SECONDS", bad)))
              .getMessage()
              .startsWith("IAMGATE_CACHE_TTL_SECONDS `" + bad + "`: expected a whole number"),
          bad);
    }
  }

  private static List<String> notes(Map<String, String> env) {
    return AuthorizerSettings.from(env).cachingNotes().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .toList();
  }

  @Test
  void startupNotesSayWhereACachedAnswerMayBeReplayedWrongly() {
    // request mode with a cache: the answer for one route is replayed for the caller's others
    List<String> request =
        notes(Map.of("IAMGATE_CACHE_MODE", "request", "IAMGATE_CACHE_TTL_SECONDS", "300"));
    assertTrue(request.get(0).startsWith("WARN IAMGATE_CACHE_MODE=request"), request.toString());
    assertTrue(request.get(0).contains("IAMGATE_CACHE_TTL_SECONDS=300"), request.toString());
    // simple answers rely on identity sources iamgate cannot see
    assertTrue(
        notes(Map.of("IAMGATE_CACHE_TTL_SECONDS", "60")).stream()
            .anyMatch(n -> n.startsWith("INFO HTTP API simple answers hold no ARN")));
    // unset: iamgate assumes a cache and says what that costs
    assertTrue(
        notes(Map.of()).stream()
            .anyMatch(n -> n.startsWith("INFO IAMGATE_CACHE_TTL_SECONDS is not set")));
    // no cache, no notes
    assertEquals(
        List.of(),
        notes(Map.of("IAMGATE_CACHE_MODE", "request", "IAMGATE_CACHE_TTL_SECONDS", "0")));
    // the route-table default with a cache and policy answers needs no warning
    assertTrue(
        notes(Map.of("IAMGATE_CACHE_TTL_SECONDS", "300", "IAMGATE_HTTP_SIMPLE_RESPONSES", "false"))
            .isEmpty());
  }
}
