package io.iamgate.bundle;

import io.iamgate.json.Json;
import io.iamgate.json.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Canonical JSON (members sorted by name, no white space) for content hashes, and the minified size
 * that IAM's quotas count.
 */
public final class Canonical {
  private Canonical() {}

  /**
   * The canonical text of a value: sorted members, minified ({@link JsonWriter.Style#CANONICAL}).
   */
  public static String text(Json j) {
    return JsonWriter.tree(JsonWriter.Style.CANONICAL, j);
  }

  /**
   * The size IAM's quotas count: every character of the minified JSON (string contents counted as
   * their characters, not their escapes).
   */
  static int size(Json j) {
    if (j instanceof Json.JObject o) {
      int n = 2 + Math.max(0, o.members().size() - 1);
      for (Json.Member m : o.members()) {
        n += m.name().length() + 3 + size(m.value());
      }
      return n;
    }
    if (j instanceof Json.JArray a) {
      int n = 2 + Math.max(0, a.items().size() - 1);
      for (Json item : a.items()) {
        n += size(item);
      }
      return n;
    }
    if (j instanceof Json.JString s) {
      return s.value().length() + 2;
    }
    if (j instanceof Json.JNumber num) {
      return num.text().length();
    }
    if (j instanceof Json.JBool b) {
      return b.value() ? 4 : 5;
    }
    return 4;
  }

  /** Hex SHA-256 of UTF-8 text. */
  static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
