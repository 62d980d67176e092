package io.iamgate.bundle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * API keys: a presented key is {@code <id>.<secret>}; the bundle stores the id and {@code
 * sha256$<salt>$<hash>} where hash = SHA-256(salt || secret), both base64. Verification compares in
 * constant time.
 */
public final class ApiKeys {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SCHEME = "sha256";

  private ApiKeys() {}

  /** A new random key and the bundle entry that stores it. */
  public record NewKey(String key, String id, String hash) {}

  /** Creates a key with the given id (letters, digits, {@code _} and {@code -}). */
  public static NewKey create(String id) {
    if (!isValidId(id)) {
      throw new IllegalArgumentException(
          "an API key id may only contain letters, digits, `_` and `-`");
    }
    byte[] secret = new byte[24];
    RANDOM.nextBytes(secret);
    String s = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    return new NewKey(id + "." + s, id, hash(s));
  }

  /** The stored form of a secret, with a fresh salt. */
  public static String hash(String secret) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return SCHEME
        + "$"
        + Base64.getEncoder().encodeToString(salt)
        + "$"
        + Base64.getEncoder().encodeToString(digest(salt, secret));
  }

  /** Whether {@code stored} is a well-formed hash entry. */
  public static boolean isValidHash(String stored) {
    String[] parts = stored.split("\\$", -1);
    if (parts.length != 3 || !parts[0].equals(SCHEME)) {
      return false;
    }
    try {
      return Base64.getDecoder().decode(parts[1]).length >= 8
          && Base64.getDecoder().decode(parts[2]).length == 32;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static boolean isValidId(@Nullable String id) {
    return id != null && id.matches("[A-Za-z0-9_-]{1,64}");
  }

  /** The id part of a presented key, or {@code null} when it is not {@code <id>.<secret>}. */
  public static @Nullable String idOf(String presented) {
    int dot = presented.indexOf('.');
    if (dot <= 0 || dot == presented.length() - 1) {
      return null;
    }
    String id = presented.substring(0, dot);
    return isValidId(id) ? id : null;
  }

  /** Whether the presented key's secret matches the stored hash. */
  public static boolean verify(String presented, String stored) {
    int dot = presented.indexOf('.');
    if (dot <= 0 || !isValidHash(stored)) {
      return false;
    }
    String[] parts = stored.split("\\$", -1);
    byte[] salt = Base64.getDecoder().decode(parts[1]);
    byte[] expected = Base64.getDecoder().decode(parts[2]);
    return MessageDigest.isEqual(expected, digest(salt, presented.substring(dot + 1)));
  }

  private static byte[] digest(byte[] salt, String secret) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(salt);
      return md.digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
