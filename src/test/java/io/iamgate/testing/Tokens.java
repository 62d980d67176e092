package io.iamgate.testing;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

/** Signs test tokens with the sample issuer's published private key (or any other key). */
public final class Tokens {
  public static final String ISSUER = "https://auth.example.invalid/iamgate-sample";

  private Tokens() {}

  /** The sample issuer's private key (src/test/resources/sample-issuer). */
  public static RSAKey sampleKey() {
    try (var in = Tokens.class.getResourceAsStream("/sample-issuer/private-jwk.json")) {
      return RSAKey.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Claims of a Cognito-style access token for {@code username}, valid until {@code exp}. */
  public static JWTClaimsSet.Builder claims(String username, Instant exp) {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject("sub-" + username)
        .claim("cognito:username", username)
        .claim("client_id", "orders-web")
        .claim("token_use", "access")
        .claim("scope", "orders/read orders/write")
        .issueTime(Date.from(exp.minusSeconds(3600)))
        .expirationTime(Date.from(exp));
  }

  public static String sign(RSAKey key, JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256)
                  .keyID(key.getKeyID())
                  .type(JOSEObjectType.JWT)
                  .build(),
              claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  public static String sign(JWTClaimsSet claims) {
    return sign(sampleKey(), claims);
  }
}
