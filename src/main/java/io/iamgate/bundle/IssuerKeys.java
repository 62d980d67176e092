package io.iamgate.bundle;

import io.iamgate.json.Json;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.EllipticCurve;
import java.util.Base64;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The strength of an issuer's embedded public keys (docs/bundle-format.md, "Token issuers"): an RSA
 * key has at least {@value #MIN_RSA_BITS} bits, and an EC key's point lies on its named curve
 * ({@code P-256}, {@code P-384} or {@code P-521}). The JDK alone does the arithmetic. A key whose
 * members cannot be read at all is left to the authenticator, which refuses the issuer's tokens.
 */
final class IssuerKeys {
  /** The shortest RSA modulus accepted, at validation and when keys are fetched. */
  static final int MIN_RSA_BITS = 2048;

  private static final Map<String, String> CURVES =
      Map.of("P-256", "secp256r1", "P-384", "secp384r1", "P-521", "secp521r1");

  private IssuerKeys() {}

  /**
   * What is wrong with one JWK of an embedded set, or {@code null} when nothing is (or when its
   * members cannot be decoded).
   */
  static @Nullable String problem(Json.JObject key) {
    String kty = text(key, "kty");
    if ("RSA".equals(kty)) {
      BigInteger n = number(key, "n");
      if (n != null && n.bitLength() < MIN_RSA_BITS) {
        return "an RSA key of "
            + n.bitLength()
            + " bits is too weak; at least "
            + MIN_RSA_BITS
            + " are required";
      }
      return null;
    }
    if (!"EC".equals(kty)) {
      return null;
    }
    String crv = text(key, "crv");
    String curve = crv == null ? null : CURVES.get(crv);
    if (curve == null) {
      return "an EC key's `crv` must be P-256, P-384 or P-521, found "
          + (crv == null ? "none" : "`" + crv + "`");
    }
    BigInteger x = number(key, "x");
    BigInteger y = number(key, "y");
    if (x == null || y == null) {
      return "an EC key needs its `x` and `y` coordinates (base64url)";
    }
    return onCurve(x, y, curve) ? null : "the EC key's point (x, y) is not on the curve " + crv;
  }

  /** Whether (x, y) satisfies y² = x³ + ax + b over the named curve's prime field. */
  private static boolean onCurve(BigInteger x, BigInteger y, String curve) {
    EllipticCurve ec;
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
      params.init(new ECGenParameterSpec(curve));
      ec = params.getParameterSpec(ECParameterSpec.class).getCurve();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks the curve " + curve, e);
    }
    BigInteger p = ((ECFieldFp) ec.getField()).getP();
    if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      return false;
    }
    BigInteger left = y.multiply(y).mod(p);
    BigInteger right = x.pow(3).add(ec.getA().multiply(x)).add(ec.getB()).mod(p);
    return left.equals(right);
  }

  private static @Nullable String text(Json.JObject o, String member) {
    return o.get(member) instanceof Json.JString s ? s.value() : null;
  }

  /** An unsigned base64url big-endian number, or {@code null} when absent or not base64url. */
  private static @Nullable BigInteger number(Json.JObject o, String member) {
    String v = text(o, member);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return new BigInteger(1, Base64.getUrlDecoder().decode(v));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
