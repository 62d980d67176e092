package io.iamgate.policy;

import java.util.Base64;
import org.jspecify.annotations.Nullable;

/** The value syntax of {@code BinaryEquals}: standard base64 text. */
public final class PolicyBinary {
  private PolicyBinary() {}

  /** Decodes {@code s}, or returns {@code null} when it is not valid base64. */
  public static byte @Nullable [] decode(String s) {
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
