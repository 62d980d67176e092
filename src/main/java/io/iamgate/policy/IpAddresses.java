package io.iamgate.policy;

import org.jspecify.annotations.Nullable;

/**
 * A strict parser for IPv4 and IPv6 addresses and CIDR blocks. It never resolves names and rejects
 * zone ids, shortened or octal/hex IPv4 forms and leading zeros.
 */
public final class IpAddresses {
  private IpAddresses() {}

  /** A parsed address: IPv4 in the low 32 bits of {@code lo}, IPv6 as 128 bits. */
  public record Address(boolean v6, long hi, long lo) {}

  /** A parsed CIDR block with host bits masked off. */
  public record Range(boolean v6, long hi, long lo, int prefix) {
    /** Whether {@code a} lies in this block (never across address families). */
    public boolean contains(Address a) {
      if (a.v6() != v6) {
        return false;
      }
      if (!v6) {
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return (a.lo() & mask) == lo;
      }
      return (a.hi() & maskHi(prefix)) == hi && (a.lo() & maskLo(prefix)) == lo;
    }
  }

  /** Parses one address, or returns {@code null}. */
  public static @Nullable Address parseAddress(String s) {
    if (s.indexOf(':') >= 0) {
      long[] v = parseV6(s);
      return v == null ? null : new Address(true, v[0], v[1]);
    }
    long v4 = parseV4(s, 0, s.length());
    return v4 < 0 ? null : new Address(false, 0, v4);
  }

  /**
   * Parses an address or CIDR block; a bare IPv4 address means {@code /32}, a bare IPv6 address
   * {@code /128}. Returns {@code null} when {@code s} is neither.
   */
  public static @Nullable Range parseRange(String s) {
    int slash = s.indexOf('/');
    String addr = slash < 0 ? s : s.substring(0, slash);
    Address a = parseAddress(addr);
    if (a == null) {
      return null;
    }
    int max = a.v6() ? 128 : 32;
    int prefix = max;
    if (slash >= 0) {
      String p = s.substring(slash + 1);
      if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
        return null;
      }
      prefix = 0;
      for (int i = 0; i < p.length(); i++) {
        char c = p.charAt(i);
        if (c < '0' || c > '9') {
          return null;
        }
        prefix = prefix * 10 + (c - '0');
      }
      if (prefix > max) {
        return null;
      }
    }
    if (!a.v6()) {
      long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
      return new Range(false, 0, a.lo() & mask, prefix);
    }
    return new Range(true, a.hi() & maskHi(prefix), a.lo() & maskLo(prefix), prefix);
  }

  private static long maskHi(int prefix) {
    if (prefix >= 64) {
      return -1L;
    }
    return prefix == 0 ? 0 : -1L << (64 - prefix);
  }

  private static long maskLo(int prefix) {
    if (prefix <= 64) {
      return 0;
    }
    return prefix == 128 ? -1L : -1L << (128 - prefix);
  }

  /** Dotted quad in {@code s[from,to)}, or -1. */
  private static long parseV4(String s, int from, int to) {
    long value = 0;
    int octets = 0;
    int i = from;
    while (true) {
      int start = i;
      int octet = 0;
      while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        octet = octet * 10 + (s.charAt(i) - '0');
        i++;
        if (i - start > 3) {
          return -1;
        }
      }
      int len = i - start;
      if (len == 0 || octet > 255 || (len > 1 && s.charAt(start) == '0')) {
        return -1;
      }
      value = (value << 8) | octet;
      octets++;
      if (i == to) {
        break;
      }
      if (s.charAt(i) != '.' || octets == 4) {
        return -1;
      }
      i++;
    }
    return octets == 4 ? value : -1;
  }

  private static long @Nullable [] parseV6(String s) {
    int n = s.length();
    if (n < 2) {
      return null;
    }
    int[] groups = new int[8];
    int count = 0;
    int doubleColonAt = -1;
    int i = 0;
    if (s.startsWith("::")) {
      doubleColonAt = 0;
      i = 2;
      if (i == n) {
        return new long[] {0, 0};
      }
    } else if (s.charAt(0) == ':') {
      return null;
    }
    while (i < n) {
      int start = i;
      int value = 0;
      while (i < n && Character.digit(s.charAt(i), 16) >= 0 && i - start < 5) {
        value = (value << 4) | Character.digit(s.charAt(i), 16);
        i++;
      }
      int len = i - start;
      if (i < n && s.charAt(i) == '.') {
        // embedded IPv4 in the last 32 bits
        long v4 = parseV4(s, start, n);
        if (v4 < 0 || count > 6) {
          return null;
        }
        groups[count++] = (int) (v4 >>> 16);
        groups[count++] = (int) (v4 & 0xFFFF);
        i = n;
        break;
      }
      if (len == 0 || len > 4 || count == 8) {
        return null;
      }
      groups[count++] = value;
      if (i == n) {
        break;
      }
      if (s.charAt(i) != ':') {
        return null;
      }
      i++;
      if (i < n && s.charAt(i) == ':') {
        if (doubleColonAt >= 0) {
          return null;
        }
        doubleColonAt = count;
        i++;
        if (i == n) {
          break;
        }
      } else if (i == n) {
        return null;
      }
    }
    int[] full = new int[8];
    if (doubleColonAt >= 0) {
      if (count >= 8) {
        return null;
      }
      int tail = count - doubleColonAt;
      System.arraycopy(groups, 0, full, 0, doubleColonAt);
      System.arraycopy(groups, doubleColonAt, full, 8 - tail, tail);
    } else {
      if (count != 8) {
        return null;
      }
      full = groups;
    }
    long hi = 0;
    long lo = 0;
    for (int g = 0; g < 4; g++) {
      hi = (hi << 16) | full[g];
      lo = (lo << 16) | full[g + 4];
    }
    return new long[] {hi, lo};
  }
}
