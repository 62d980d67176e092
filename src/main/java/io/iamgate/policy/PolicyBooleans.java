package io.iamgate.policy;

import org.jspecify.annotations.Nullable;

/** The value syntax of {@code Bool} and {@code Null}: {@code true}/{@code false} in any case. */
public final class PolicyBooleans {
  private PolicyBooleans() {}

  /** {@code TRUE}, {@code FALSE}, or {@code null} when {@code s} is neither. */
  public static @Nullable Boolean parse(String s) {
    if ("true".equalsIgnoreCase(s)) {
      return Boolean.TRUE;
    }
    if ("false".equalsIgnoreCase(s)) {
      return Boolean.FALSE;
    }
    return null;
  }
}
