package io.iamgate.authn;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A verified caller.
 *
 * @param issuer the token issuer, or {@code null} for an API-key caller
 * @param subject the token subject, or the user for an API-key caller
 * @param claims every verified claim (empty for an API-key caller)
 * @param expires when the credentials stop being valid ({@code null}: no expiry)
 * @param apiKeyUser the bundle user an API key belongs to, or {@code null} for a token caller
 * @param apiKeyId the API key id, or {@code null}
 * @param id a stable, non-secret identifier of these exact credentials (the token's SHA-256, or the
 *     API key id), for caches keyed by caller
 * @param cached whether the verified-token cache answered (always false for an API-key caller)
 */
public record Credentials(
    @Nullable String issuer,
    String subject,
    Map<String, Object> claims,
    @Nullable Instant expires,
    @Nullable String apiKeyUser,
    @Nullable String apiKeyId,
    String id,
    boolean cached) {
  public Credentials {
    Objects.requireNonNull(subject, "subject");
    claims = Map.copyOf(claims);
  }

  /** Credentials just verified (not from a cache). */
  public Credentials(
      @Nullable String issuer,
      String subject,
      Map<String, Object> claims,
      @Nullable Instant expires,
      @Nullable String apiKeyUser,
      @Nullable String apiKeyId,
      String id) {
    this(issuer, subject, claims, expires, apiKeyUser, apiKeyId, id, false);
  }

  /** The same credentials, as the verified-token cache hands them out. */
  public Credentials asCached() {
    return new Credentials(issuer, subject, claims, expires, apiKeyUser, apiKeyId, id, true);
  }

  public boolean isApiKey() {
    return apiKeyUser != null;
  }
}
