package io.iamgate.policy;

import org.jspecify.annotations.Nullable;

/** Splitting ARNs into their six parts: partition, service, region, account and resource. */
public final class Arn {
  /** The number of parts of a complete ARN. */
  public static final int PARTS = 6;

  private Arn() {}

  /**
   * Splits {@code s} at its first five colons. Returns the six parts (the last keeps any further
   * colons), or {@code null} when {@code s} has fewer than six parts.
   */
  public static String @Nullable [] split(String s) {
    String[] parts = new String[PARTS];
    int start = 0;
    for (int i = 0; i < PARTS - 1; i++) {
      int colon = s.indexOf(':', start);
      if (colon < 0) {
        return null;
      }
      parts[i] = s.substring(start, colon);
      start = colon + 1;
    }
    parts[PARTS - 1] = s.substring(start);
    return parts;
  }

  /**
   * Splits {@code s} like {@link #split}, padding a short ARN with {@code *} parts ({@code
   * arn:aws:sqs} reads as {@code arn:aws:sqs:*:*:*}), as the specification does for policy
   * resources.
   */
  public static String[] splitPadded(String s) {
    String[] parts = new String[PARTS];
    int start = 0;
    int i = 0;
    for (; i < PARTS - 1; i++) {
      int colon = s.indexOf(':', start);
      if (colon < 0) {
        break;
      }
      parts[i] = s.substring(start, colon);
      start = colon + 1;
    }
    parts[i++] = s.substring(start);
    for (; i < PARTS; i++) {
      parts[i] = "*";
    }
    return parts;
  }

  /** Whether {@code s} is non-empty and consists only of {@code *} characters. */
  public static boolean isAllStars(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) != '*') {
        return false;
      }
    }
    return true;
  }
}
