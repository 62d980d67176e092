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
 */
public record Credentials(
    @Nullable String issuer,
    String subject,
    Map<String, Object> claims,
    @Nullable Instant expires,
    @Nullable String apiKeyUser,
    @Nullable String apiKeyId,
    String id) {
  public Credentials {
    Objects.requireNonNull(subject, "subject");
    claims = Map.copyOf(claims);
  }

  public boolean isApiKey() {
    return apiKeyUser != null;
  }
}
