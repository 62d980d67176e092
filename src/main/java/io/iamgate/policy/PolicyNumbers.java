package io.iamgate.policy;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/** The number syntax of the Numeric operators: {@code [+-]?[0-9]+(\.[0-9]+)?}, exact decimals. */
public final class PolicyNumbers {
  private PolicyNumbers() {}

  /** Parses {@code s}, or returns {@code null} when it is not a number in the accepted syntax. */
  public static @Nullable BigDecimal parse(String s) {
    int n = s.length();
    int i = 0;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
      digits++;
    }
    if (digits == 0) {
      return null;
    }
    if (i < n) {
      if (s.charAt(i) != '.') {
        return null;
      }
      i++;
      int fraction = 0;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
        fraction++;
      }
      if (fraction == 0 || i < n) {
        return null;
      }
    }
    return new BigDecimal(s);
  }
}
