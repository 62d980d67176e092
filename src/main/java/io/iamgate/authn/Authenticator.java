package io.iamgate.authn;

import com.github.benmanes.caffeine.cache.Ticker;
import io.iamgate.bundle.Bundle;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The authenticate step: a bearer JWT verified against the bundle's issuers, or else an API key
 * checked against the bundle's salted hashes. Built once per bundle version; thread-safe.
 */
public final class Authenticator {
  private final TokenVerifier tokens;
  private final ApiKeyAuthenticator apiKeys;

  /**
   * @param bundle whose issuers and API keys are accepted
   * @param clockSkew how far {@code exp} and {@code nbf} may be off
   * @param clock the time tokens are checked at
   * @param ticker the clock of the verified-token and JWKS caches
   * @param fetchTimeout the longest a JWKS fetch may take
   */
  public Authenticator(
      Bundle bundle, Duration clockSkew, Clock clock, Ticker ticker, Duration fetchTimeout) {
    this.tokens =
        new TokenVerifier(bundle.identity().issuers(), clockSkew, clock, ticker, fetchTimeout);
    this.apiKeys = new ApiKeyAuthenticator(bundle);
  }

  /**
   * Who is calling: the bearer token's verified claims when a token is presented, else the API
   * key's user.
   *
   * @param bearerToken the token after {@code Bearer }, or {@code null}
   * @param apiKey the API key header's value, or {@code null}
   * @throws AuthenticationException with a reason fit for the decision log (never the credential)
   *     when neither is presented or the one presented does not verify
   */
  public Credentials authenticate(@Nullable String bearerToken, @Nullable String apiKey)
      throws AuthenticationException {
    if (bearerToken != null) {
      return tokens.verify(bearerToken);
    }
    if (apiKey != null) {
      return apiKeys.authenticate(apiKey);
    }
    throw new AuthenticationException("no bearer token and no API key");
  }
}
