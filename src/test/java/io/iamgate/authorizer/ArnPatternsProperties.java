package io.iamgate.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link ArnPatterns#meet} against a search for a common ARN. */
class ArnPatternsProperties {
  @Provide
  Arbitrary<String> patterns() {
    return Arbitraries.strings().withChars('a', '/', '*').ofMaxLength(6);
  }

  @Property(tries = 2000)
  void meetIsTheExistenceOfACommonString(
      @ForAll("patterns") String p, @ForAll("patterns") String q) {
    assertEquals(someCommonString(p, q), ArnPatterns.meet(p, q), p + " and " + q);
    assertEquals(ArnPatterns.meet(p, q), ArnPatterns.meet(q, p), "symmetric");
  }

  /**
   * Searches every string over the patterns' literal characters up to the length of both together
   * (a common string, if any, needs no more: each character comes from one of them).
   */
  private static boolean someCommonString(String p, String q) {
    int max = p.length() + q.length();
    for (int len = 0; len <= max; len++) {
      int combinations = 1 << len;
      for (int bits = 0; bits < combinations; bits++) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < len; i++) {
          s.append((bits >> i & 1) == 0 ? 'a' : '/');
        }
        if (matches(p, 0, s, 0) && matches(q, 0, s, 0)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean matches(String p, int i, CharSequence s, int j) {
    if (i == p.length()) {
      return j == s.length();
    }
    if (p.charAt(i) == '*') {
      return matches(p, i + 1, s, j) || j < s.length() && matches(p, i, s, j + 1);
    }
    return j < s.length() && s.charAt(j) == p.charAt(i) && matches(p, i + 1, s, j + 1);
  }

  @Example
  void routePatternsOfOneApi() {
    String api = "arn:aws:execute-api:eu-west-1:123456789012:k7x2m9q4ab/prod/";
    assertTrue(ArnPatterns.meet(api + "GET/orders/*", api + "GET/orders/*/items"), "* spans /");
    assertFalse(ArnPatterns.meet(api + "GET/orders/*", api + "GET/reports/*/*"));
    assertFalse(ArnPatterns.meet(api + "GET/orders/*", api + "POST/orders/*"));
    assertTrue(ArnPatterns.meet(api + "*/orders/*", api + "DELETE/orders/o1"));
    assertTrue(ArnPatterns.meet(api + "GET/orders", api + "GET/orders"));
    assertFalse(ArnPatterns.meet(api + "GET/orders", api + "GET/orders/*/items"));
  }
}
