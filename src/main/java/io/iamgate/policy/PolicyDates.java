package io.iamgate.policy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * The date syntax of the Date operators: epoch seconds, or the W3C profile of ISO 8601 with the
 * lenient forms the specification lists. Exactly four digits read as a year ({@code 2024} is
 * 2024-01-01T00:00:00Z); any other run of digits is epoch seconds.
 */
public final class PolicyDates {
  private PolicyDates() {}

  /** Parses {@code s} to an instant, or returns {@code null}. */
  public static @Nullable Instant parse(String s) {
    try {
      return parseOrThrow(s);
    } catch (DateTimeException | ArithmeticException | IndexOutOfBoundsException e) {
      return null;
    }
  }

  private static @Nullable Instant parseOrThrow(String s) {
    int n = s.length();
    if (n == 0) {
      return null;
    }
    boolean allDigits = true;
    for (int i = s.charAt(0) == '-' ? 1 : 0; i < n; i++) {
      if (!isDigit(s.charAt(i))) {
        allDigits = false;
        break;
      }
    }
    if (allDigits && !(n == 4 && s.charAt(0) != '-')) {
      if (n == 1 && s.charAt(0) == '-' || n > 19) {
        return null;
      }
      return Instant.ofEpochSecond(Long.parseLong(s));
    }
    // YYYY[-MM[-DD[Thh:mm[:ss[.f...]][offset]]]]
    if (n < 4 || !digits(s, 0, 4)) {
      return null;
    }
    int year = num(s, 0, 4);
    int month = 1;
    int day = 1;
    int i = 4;
    if (i < n) {
      if (s.charAt(i) != '-' || !digits(s, i + 1, 2)) {
        return null;
      }
      month = num(s, i + 1, 2);
      i += 3;
    }
    if (i < n) {
      if (s.charAt(i) != '-' || !digits(s, i + 1, 2)) {
        return null;
      }
      day = num(s, i + 1, 2);
      i += 3;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    if (i == n) {
      return Instant.ofEpochSecond(epochDay * 86400);
    }
    if ((s.charAt(i) != 'T' && s.charAt(i) != 't') || i != 10) {
      return null;
    }
    i++;
    if (!digits(s, i, 2) || i + 2 >= n || s.charAt(i + 2) != ':' || !digits(s, i + 3, 2)) {
      return null;
    }
    int hour = num(s, i, 2);
    int minute = num(s, i + 3, 2);
    i += 5;
    int second = 0;
    int nanos = 0;
    if (i < n && s.charAt(i) == ':') {
      if (!digits(s, i + 1, 2)) {
        return null;
      }
      second = num(s, i + 1, 2);
      i += 3;
      if (i < n && s.charAt(i) == '.') {
        i++;
        int start = i;
        long frac = 0;
        int scale = 0;
        while (i < n && isDigit(s.charAt(i))) {
          if (scale < 9) {
            frac = frac * 10 + (s.charAt(i) - '0');
            scale++;
          }
          i++;
        }
        if (i == start) {
          return null;
        }
        while (scale < 9) {
          frac *= 10;
          scale++;
        }
        nanos = (int) frac;
      }
    }
    if (hour > 23 || minute > 59 || second > 59) {
      return null;
    }
    int offsetSeconds = 0;
    if (i < n) {
      char c = s.charAt(i);
      if ((c == 'Z' || c == 'z') && i == n - 1) {
        i++;
      } else if (c == '+' || c == '-') {
        int sign = c == '-' ? -1 : 1;
        String rest = s.substring(i + 1);
        int oh;
        int om = 0;
        if (rest.length() == 2 && digits(rest, 0, 2)) {
          oh = num(rest, 0, 2);
        } else if (rest.length() == 4 && digits(rest, 0, 4)) {
          oh = num(rest, 0, 2);
          om = num(rest, 2, 2);
        } else if (rest.length() == 5
            && rest.charAt(2) == ':'
            && digits(rest, 0, 2)
            && digits(rest, 3, 2)) {
          oh = num(rest, 0, 2);
          om = num(rest, 3, 2);
        } else {
          return null;
        }
        if (oh > 23 || om > 59) {
          return null;
        }
        offsetSeconds = sign * (oh * 3600 + om * 60);
        i = n;
      } else {
        return null;
      }
    }
    if (i != n) {
      return null;
    }
    long seconds = epochDay * 86400 + hour * 3600L + minute * 60L + second - offsetSeconds;
    return Instant.ofEpochSecond(seconds, nanos);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean digits(String s, int from, int count) {
    if (from + count > s.length()) {
      return false;
    }
    for (int i = from; i < from + count; i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static int num(String s, int from, int count) {
    return Integer.parseInt(s, from, from + count, 10);
  }
}
