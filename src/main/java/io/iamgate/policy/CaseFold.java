package io.iamgate.policy;

/**
 * Locale-free simple case folding, one code point at a time, as the specification requires for
 * action names, condition keys and {@code ...IgnoreCase} operators ({@code equalsIgnoreCase}
 * semantics: never the default locale, never length-changing special casing).
 */
public final class CaseFold {
  private CaseFold() {}

  /** Folds one code point: upper-case it, then lower-case the result. */
  public static int fold(int codePoint) {
    if (codePoint < 0x80) {
      return codePoint >= 'A' && codePoint <= 'Z' ? codePoint + 32 : codePoint;
    }
    return Character.toLowerCase(Character.toUpperCase(codePoint));
  }

  /** Folds every code point of {@code s}; returns {@code s} itself when nothing changes. */
  public static String fold(String s) {
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
        break;
      }
      i++;
    }
    if (i == n) {
      return s;
    }
    StringBuilder sb = new StringBuilder(n);
    sb.append(s, 0, i);
    while (i < n) {
      int cp = s.codePointAt(i);
      sb.appendCodePoint(fold(cp));
      i += Character.charCount(cp);
    }
    return sb.toString();
  }

  private static final int KEY_CACHE_LIMIT = 4096;
  private static final java.util.concurrent.ConcurrentHashMap<String, String> KEYS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Folds a context key name, remembering the result: applications use a small, fixed set of key
   * names, so their folded forms are computed once. At most 4,096 distinct names are remembered.
   */
  public static String foldKey(String key) {
    String f = KEYS.get(key);
    if (f != null) {
      return f;
    }
    f = fold(key);
    if (KEYS.size() < KEY_CACHE_LIMIT) {
      KEYS.putIfAbsent(key, f);
    }
    return f;
  }
}
