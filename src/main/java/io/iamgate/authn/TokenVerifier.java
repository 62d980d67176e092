package io.iamgate.authn;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.iamgate.audit.Masking;
import io.iamgate.bundle.Bundle;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Verifies bearer JWTs against a bundle's trusted issuers. The signature algorithm must be on the
 * issuer's allow-list (RS256 and ES256 by default; {@code none} and HMAC are never accepted, so a
 * token "signed" with the public key as an HMAC secret fails), the issuer must be trusted, the
 * token must be meant for this API ({@code aud} or Cognito {@code client_id}), the optional Cognito
 * {@code token_use} must match, and {@code exp}/{@code nbf} must hold within the clock skew. Keys
 * come from the bundle or from a JWKS URL (cached, refreshed on an unknown key id, rate limited, by
 * nimbus's {@link JWKSourceBuilder}). Verified tokens are cached by their hash until they expire,
 * so a repeated token costs no signature check. Thread-safe.
 */
public final class TokenVerifier {
  /** Tokens longer than this are refused before parsing. */
  public static final int MAX_TOKEN_LENGTH = 16 * 1024;

  /** A usable issuer: its configuration and the processor that checks its tokens. */
  private record Trusted(DefaultJWTProcessor<SecurityContext> processor, Bundle.Issuer issuer) {}

  private final Map<String, Trusted> trusted = new HashMap<>();
  private final Map<String, String> problems = new LinkedHashMap<>();
  private final Cache<String, Credentials> verified;
  private final Clock clock;

  /**
   * @param issuers the trusted issuers
   * @param clockSkew how far {@code exp} and {@code nbf} may be off
   * @param clock the clock for expiry
   * @param ticker the cache's clock (the same instant as {@code clock}, in nanoseconds)
   * @param jwksTimeout how long a JWKS fetch may take
   */
  public TokenVerifier(
      List<Bundle.Issuer> issuers,
      Duration clockSkew,
      Clock clock,
      Ticker ticker,
      Duration jwksTimeout) {
    this.clock = clock;
    for (Bundle.Issuer i : issuers) {
      try {
        trusted.put(i.issuer(), new Trusted(processor(i, clockSkew, jwksTimeout), i));
      } catch (ParseException | MalformedURLException | IllegalArgumentException e) {
        problems.put(
            i.issuer(), "cannot use the keys of issuer `" + i.issuer() + "`: " + e.getMessage());
      }
    }
    this.verified =
        Caffeine.newBuilder()
            .maximumSize(10_000)
            .ticker(ticker)
            .executor(Runnable::run)
            .expireAfter(
                new Expiry<String, Credentials>() {
                  @Override
                  public long expireAfterCreate(String key, Credentials c, long currentTime) {
                    if (c.expires() == null) {
                      return Duration.ofMinutes(5).toNanos();
                    }
                    long nanos = Duration.between(clock.instant(), c.expires()).toNanos();
                    return Math.max(0, nanos);
                  }

                  @Override
                  public long expireAfterUpdate(
                      String key, Credentials c, long currentTime, long currentDuration) {
                    return currentDuration;
                  }

                  @Override
                  public long expireAfterRead(
                      String key, Credentials c, long currentTime, long currentDuration) {
                    return currentDuration;
                  }
                })
            .build();
  }

  /** Issuers whose configuration could not be used (their tokens are refused), with the reason. */
  public Map<String, String> problems() {
    return Map.copyOf(problems);
  }

  private DefaultJWTProcessor<SecurityContext> processor(
      Bundle.Issuer i, Duration skew, Duration timeout)
      throws ParseException, MalformedURLException {
    JWKSource<SecurityContext> keys;
    String jwks = i.jwks();
    String jwksUri = i.jwksUri();
    if (jwks != null) {
      keys = new ImmutableJWKSet<>(JWKSet.parse(jwks));
    } else if (jwksUri == null) {
      throw new IllegalArgumentException("the issuer has neither `jwks` nor `jwksUri`");
    } else {
      // nimbus's default retriever gives up after 500 ms whatever the setting: pass ours
      int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
      keys =
          JWKSourceBuilder.create(
                  URI.create(jwksUri).toURL(),
                  new DefaultResourceRetriever(
                      millis, millis, JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT))
              .cache(Duration.ofMinutes(15).toMillis(), timeout.toMillis())
              .rateLimited(Duration.ofSeconds(30).toMillis())
              .refreshAheadCache(false)
              .build();
    }
    keys = strongOnly(keys);
    Set<JWSAlgorithm> algorithms = new HashSet<>();
    for (String a : i.algorithms()) {
      JWSAlgorithm alg = JWSAlgorithm.parse(a);
      if (JWSAlgorithm.Family.HMAC_SHA.contains(alg) || a.equalsIgnoreCase("none")) {
        throw new IllegalArgumentException("`" + a + "` is never accepted");
      }
      algorithms.add(alg);
    }
    DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
    p.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            null, new JWTClaimsSet.Builder().issuer(i.issuer()).build(), Set.of("exp", "iss")) {
          @Override
          protected Date currentTime() {
            return Date.from(clock.instant());
          }
        };
    claims.setMaxClockSkew((int) skew.toSeconds());
    p.setJWTClaimsSetVerifier(claims);
    return p;
  }

  /** The longest text a refusal quotes from a token or a library's message. */
  private static final int MAX_REASON = 200;

  /** The shortest RSA modulus accepted (as bundle validation requires of embedded keys). */
  static final int MIN_RSA_BITS = 2048;

  /**
   * {@code keys}, refusing a token whose key is an RSA key under {@value #MIN_RSA_BITS} bits: a
   * fetched JWK set is not validated with the bundle. (nimbus itself refuses an EC key off its
   * curve.)
   */
  private static JWKSource<SecurityContext> strongOnly(JWKSource<SecurityContext> keys) {
    return (selector, context) -> {
      List<JWK> selected = keys.get(selector, context);
      for (JWK k : selected) {
        if (k instanceof RSAKey rsa && rsa.size() < MIN_RSA_BITS) {
          throw new KeySourceException(
              "the issuer's key `"
                  + rsa.getKeyID()
                  + "` is an RSA key of "
                  + rsa.size()
                  + " bits; at least "
                  + MIN_RSA_BITS
                  + " are required");
        }
      }
      return selected;
    };
  }

  /**
   * Verifies a token.
   *
   * @throws AuthenticationException when it is not valid for this API; the message says why
   */
  public Credentials verify(@Nullable String token) throws AuthenticationException {
    if (token == null || token.isEmpty()) {
      throw new AuthenticationException("no token");
    }
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw new AuthenticationException(
          "the token is longer than " + MAX_TOKEN_LENGTH + " characters");
    }
    String key = sha256(token);
    Credentials cached = verified.getIfPresent(key);
    if (cached != null) {
      if (cached.expires() != null && !clock.instant().isBefore(cached.expires())) {
        verified.invalidate(key);
      } else {
        return cached;
      }
    }
    Credentials c = verifyUncached(token, key);
    // the cache hands out a copy marked as cached: a hit costs no allocation to say so
    verified.put(key, c.asCached());
    return c;
  }

  private Credentials verifyUncached(String token, String hash) throws AuthenticationException {
    String issuer;
    try {
      var jwt = JWTParser.parse(token);
      if (!(jwt instanceof SignedJWT)) {
        throw new AuthenticationException("the token is not a signed JWT");
      }
      issuer = jwt.getJWTClaimsSet().getIssuer();
    } catch (ParseException e) {
      // the parser's message may quote the token's text: masked and capped
      throw new AuthenticationException(
          "the token is not a well-formed JWT: "
              + Masking.excerpt(String.valueOf(e.getMessage()), MAX_REASON));
    }
    if (issuer == null) {
      throw new AuthenticationException("the token has no `iss` claim");
    }
    Trusted t = trusted.get(issuer);
    if (t == null) {
      String problem = problems.get(issuer);
      throw new AuthenticationException(
          problem != null
              ? problem
              : "the issuer " + Masking.issuer(issuer) + " is not trusted by the bundle");
    }
    JWTClaimsSet claims;
    try {
      claims = t.processor().process(token, null);
    } catch (BadJOSEException | JOSEException | ParseException e) {
      throw new AuthenticationException(
          "the token from `"
              + issuer
              + "` was refused: "
              + Masking.excerpt(String.valueOf(e.getMessage()), MAX_REASON));
    }
    Bundle.Issuer cfg = t.issuer();
    boolean audienceOk =
        !cfg.audiences().isEmpty()
            && claims.getAudience() != null
            && claims.getAudience().stream().anyMatch(cfg.audiences()::contains);
    Object clientId = claims.getClaim("client_id");
    boolean clientOk =
        !cfg.clientIds().isEmpty() && clientId instanceof String s && cfg.clientIds().contains(s);
    if (!audienceOk && !clientOk) {
      throw new AuthenticationException(
          Masking.excerpt(
              "the token was not issued for this API (audience "
                  + claims.getAudience()
                  + ", client "
                  + clientId
                  + ")",
              MAX_REASON));
    }
    String tokenUse = cfg.tokenUse();
    if (tokenUse != null && !tokenUse.equals(claims.getClaim("token_use"))) {
      throw new AuthenticationException("the token's `token_use` is not `" + tokenUse + "`");
    }
    String subject = claims.getSubject() == null ? "unknown" : claims.getSubject();
    Instant exp =
        claims.getExpirationTime() == null ? null : claims.getExpirationTime().toInstant();
    return new Credentials(
        issuer, subject, plain(claims.getClaims()), exp, null, null, "jwt:" + hash);
  }

  /**
   * Claims as plain Java values: dates become epoch seconds, as in the token. A claim whose value
   * is JSON {@code null} refuses the token (the credentials hold no null values).
   */
  private static Map<String, Object> plain(Map<String, @Nullable Object> claims)
      throws AuthenticationException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, @Nullable Object> e : claims.entrySet()) {
      Object v = e.getValue();
      if (v == null) {
        throw new AuthenticationException("the token's `" + e.getKey() + "` claim is null");
      }
      out.put(e.getKey(), v instanceof Date d ? d.toInstant().getEpochSecond() : v);
    }
    return out;
  }

  private static String sha256(String token) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
