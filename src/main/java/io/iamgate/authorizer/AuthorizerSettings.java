package io.iamgate.authorizer;

import io.iamgate.facade.IamGate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The authorizer's settings, from environment variables.
 *
 * @param bundle {@code IAMGATE_BUNDLE}: where the policy bundle comes from (see BundleSources)
 * @param refresh {@code IAMGATE_REFRESH_SECONDS}: how often to look for a new bundle (default 60)
 * @param fetchTimeout {@code IAMGATE_FETCH_TIMEOUT_MS}: how long a bundle or JWKS fetch may take
 *     (default 2000)
 * @param cacheMode {@code IAMGATE_CACHE_MODE}: {@code route-table} (default) answers with a policy
 *     covering every route of the bundle, for APIs that cache by identity only; {@code request}
 *     answers for the called ARN only, for APIs with caching off or with the route and path in the
 *     identity sources
 * @param simpleResponses {@code IAMGATE_HTTP_SIMPLE_RESPONSES}: answer HTTP API payload 2.0 with
 *     {@code isAuthorized} (default true, as the SAM template configures)
 * @param clockSkew {@code IAMGATE_CLOCK_SKEW_SECONDS}: tolerance on token times (default 60)
 * @param contextClaims {@code IAMGATE_CONTEXT_CLAIMS}: comma-separated claims copied into the
 *     response context
 * @param cacheTtl {@code IAMGATE_CACHE_TTL_SECONDS}: the authorizer result cache TTL the APIs in
 *     front of this function are configured with (0–3600 s; the SAM template passes its {@code
 *     CacheTtlSeconds}), or {@code null} when not set, which iamgate reads as "answers may be
 *     cached"
 * @param allowSampleBundle {@code IAMGATE_ALLOW_SAMPLE_BUNDLE}: the embedded sample bundle (an
 *     empty {@code IAMGATE_BUNDLE}) is refused unless this is {@code true}, so that a deployment
 *     never runs on it by accident
 * @param usageIdentifierKey {@code IAMGATE_USAGE_IDENTIFIER_KEY}: return an API-key caller's key as
 *     {@code usageIdentifierKey} in policy answers that allow something (REST {@code REQUEST} and
 *     WebSocket), for API Gateway usage plans with the API key source {@code AUTHORIZER}; default
 *     false, as it hands the key's secret to API Gateway
 */
public record AuthorizerSettings(
    String bundle,
    Duration refresh,
    Duration fetchTimeout,
    CacheMode cacheMode,
    boolean simpleResponses,
    Duration clockSkew,
    List<String> contextClaims,
    @Nullable Duration cacheTtl,
    boolean allowSampleBundle,
    boolean usageIdentifierKey) {

  /**
   * Whether API Gateway may replay an answer for other calls: unless {@code
   * IAMGATE_CACHE_TTL_SECONDS} says 0, iamgate assumes so (fail closed).
   */
  public boolean answersMayBeCached() {
    return cacheTtl == null || !cacheTtl.isZero();
  }

  /** How responses are scoped for API Gateway's result cache. */
  public enum CacheMode {
    ROUTE_TABLE,
    REQUEST
  }

  /**
   * Reads the settings; a malformed value throws {@link IllegalArgumentException} naming the
   * variable.
   */
  public static AuthorizerSettings from(Map<String, String> env) {
    String mode =
        env.getOrDefault("IAMGATE_CACHE_MODE", "route-table").trim().toLowerCase(Locale.ROOT);
    CacheMode cacheMode =
        switch (mode) {
          case "route-table" -> CacheMode.ROUTE_TABLE;
          case "request" -> CacheMode.REQUEST;
          default ->
              throw new IllegalArgumentException(
                  "IAMGATE_CACHE_MODE `" + mode + "`: expected `route-table` or `request`");
        };
    String claims = env.getOrDefault("IAMGATE_CONTEXT_CLAIMS", "");
    IamGate.Settings store = IamGate.Settings.from(env);
    return new AuthorizerSettings(
        store.bundle(),
        store.refresh(),
        store.fetchTimeout(),
        cacheMode,
        IamGate.Settings.bool(env, "IAMGATE_HTTP_SIMPLE_RESPONSES", true),
        Duration.ofSeconds(IamGate.Settings.number(env, "IAMGATE_CLOCK_SKEW_SECONDS", 60, 0, 600)),
        claims.isBlank() ? List.of() : List.of(claims.trim().split("\\s*,\\s*")),
        env.getOrDefault("IAMGATE_CACHE_TTL_SECONDS", "").isBlank()
            ? null
            : Duration.ofSeconds(
                IamGate.Settings.number(env, "IAMGATE_CACHE_TTL_SECONDS", 0, 0, 3600)),
        IamGate.Settings.bool(env, "IAMGATE_ALLOW_SAMPLE_BUNDLE", false),
        IamGate.Settings.bool(env, "IAMGATE_USAGE_IDENTIFIER_KEY", false));
  }

  /**
   * What an operator should know at startup about how API Gateway's result cache meets these
   * settings, most serious first: a {@code WARN} where a cached answer may be replayed wrongly
   * (with the identity sources the settings assume), an {@code INFO} where iamgate fails closed or
   * relies on identity sources it cannot see (docs/authorizer.md, "Caching safely").
   *
   * @return pairs of level ({@code WARN}/{@code INFO}) and message
   */
  public List<Map.Entry<String, String>> cachingNotes() {
    List<Map.Entry<String, String>> notes = new java.util.ArrayList<>();
    long ttl = cacheTtl == null ? -1 : cacheTtl.toSeconds();
    boolean cachedForSure = ttl > 0;
    if (cacheMode == CacheMode.REQUEST && cachedForSure) {
      notes.add(
          Map.entry(
              "WARN",
              "IAMGATE_CACHE_MODE=request answers for the called route only, but"
                  + " IAMGATE_CACHE_TTL_SECONDS="
                  + ttl
                  + ": unless the identity sources hold the method and path, API Gateway replays"
                  + " an answer for the caller's other calls (a 403 from a policy answer; an"
                  + " allow from an HTTP API simple answer, which holds no ARN)"));
    }
    if (simpleResponses && cachedForSure) {
      notes.add(
          Map.entry(
              "INFO",
              "HTTP API simple answers hold no ARN: with IAMGATE_CACHE_TTL_SECONDS="
                  + ttl
                  + " the HTTP API authorizer's identity sources must include $context.routeKey,"
                  + " $context.httpMethod and $context.path (template.yaml's do)"));
    }
    if (cacheTtl == null) {
      notes.add(
          Map.entry(
              "INFO",
              "IAMGATE_CACHE_TTL_SECONDS is not set: iamgate assumes API Gateway caches its"
                  + " answers, so calls on an HTTP API `$default` route are denied (set it to the"
                  + " authorizers' TTL, 0 when caching is off)"));
    }
    return notes;
  }
}
