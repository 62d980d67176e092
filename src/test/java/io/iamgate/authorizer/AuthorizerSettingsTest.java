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
                "30"));
    assertEquals(AuthorizerSettings.CacheMode.REQUEST, s.cacheMode());
    assertFalse(s.simpleResponses());
    assertEquals(Duration.ofSeconds(5), s.clockSkew());
    assertEquals(List.of("email", "tenant"), s.contextClaims());
    assertTrue(s.allowSampleBundle());
    assertEquals(Duration.ofSeconds(30), s.refresh());
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
                () -> AuthorizerSettings.from(Map.of("IAMGATE_CLOCK_SKEW_SECONDS", "9999")))
            .getMessage()
            .contains("from 0 to 600"));
  }
}
