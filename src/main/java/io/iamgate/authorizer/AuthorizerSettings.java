package io.iamgate.authorizer;

import io.iamgate.facade.IamGate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
 * @param allowSampleBundle {@code IAMGATE_ALLOW_SAMPLE_BUNDLE}: the embedded sample bundle (an
 *     empty {@code IAMGATE_BUNDLE}) is refused unless this is {@code true}, so that a deployment
 *     never runs on it by accident
 */
public record AuthorizerSettings(
    String bundle,
    Duration refresh,
    Duration fetchTimeout,
    CacheMode cacheMode,
    boolean simpleResponses,
    Duration clockSkew,
    List<String> contextClaims,
    boolean allowSampleBundle) {

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
        IamGate.Settings.bool(env, "IAMGATE_ALLOW_SAMPLE_BUNDLE", false));
  }
}
