package io.iamgate.workload;

/**
 * The IAM wildcard match of the Python generator's {@code glob_regex}: {@code *} matches any run of
 * characters (including none and including {@code /} and {@code :}), {@code ?} exactly one
 * character, everything else itself; the whole text must match.
 */
final class Glob {
  private Glob() {}

  /**
   * Whether {@code text} matches {@code pattern}.
   *
   * @param pattern the wildcard pattern
   * @param text the text to test
   * @param ignoreCase compare characters case-insensitively (action names) or exactly (ARNs)
   * @return true when the pattern matches the whole text
   */
  static boolean matches(String pattern, String text, boolean ignoreCase) {
    int p = 0;
    int t = 0;
    int starP = -1; // position just after the last '*' seen
    int starT = 0; // text position that '*' is currently assumed to cover up to
    while (t < text.length()) {
      if (p < pattern.length() && pattern.charAt(p) == '*') {
        starP = ++p;
        starT = t;
      } else if (p < pattern.length()
          && (pattern.charAt(p) == '?' || same(pattern.charAt(p), text.charAt(t), ignoreCase))) {
        p++;
        t++;
      } else if (starP >= 0) {
        p = starP; // let the last '*' take one more character and retry
        t = ++starT;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  private static boolean same(char a, char b, boolean ignoreCase) {
    if (a == b) {
      return true;
    }
    return ignoreCase
        && (Character.toLowerCase(a) == Character.toLowerCase(b)
            || Character.toUpperCase(a) == Character.toUpperCase(b));
  }
}
