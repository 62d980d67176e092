package io.iamgate.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Globs} against brute force: every string over a small alphabet up to a length that holds a
 * witness, matched by a straightforward reference matcher.
 */
class GlobsProperties {
  /** Every string of {@code a}, {@code b} and {@code :} up to 7 characters. */
  private static final List<String> UNIVERSE = universe("ab:", 7);

  private static List<String> universe(String alphabet, int max) {
    List<String> out = new ArrayList<>();
    out.add("");
    int from = 0;
    for (int len = 1; len <= max; len++) {
      int to = out.size();
      for (int i = from; i < to; i++) {
        for (char c : alphabet.toCharArray()) {
          out.add(out.get(i) + c);
        }
      }
      from = to;
    }
    return out;
  }

  /** Reference: does {@code text} match glob {@code pattern}? */
  static boolean matches(String pattern, String text) {
    boolean[][] m = new boolean[pattern.length() + 1][text.length() + 1];
    m[pattern.length()][text.length()] = true;
    for (int i = pattern.length() - 1; i >= 0; i--) {
      for (int j = text.length(); j >= 0; j--) {
        char p = pattern.charAt(i);
        m[i][j] =
            p == '*'
                ? m[i + 1][j] || (j < text.length() && m[i][j + 1])
                : j < text.length() && (p == '?' || p == text.charAt(j)) && m[i + 1][j + 1];
      }
    }
    return m[0][0];
  }

  @Provide
  Arbitrary<String> patterns() {
    return Arbitraries.strings().withChars('a', 'b', '*', '?').ofMaxLength(4);
  }

  @Property(tries = 3000)
  void containsIsSound(@ForAll("patterns") String outer, @ForAll("patterns") String inner) {
    if (Globs.contains(outer, inner, false)) {
      for (String s : UNIVERSE) {
        if (matches(inner, s)) {
          assertTrue(matches(outer, s), outer + " ⊇ " + inner + " but not for " + s);
        }
      }
    }
  }

  @Property(tries = 3000)
  void intersectsIsExact(@ForAll("patterns") String a, @ForAll("patterns") String b) {
    boolean witness = UNIVERSE.stream().anyMatch(s -> matches(a, s) && matches(b, s));
    assertEquals(witness, Globs.intersects(a, b, false), a + " ∩ " + b);
  }

  @Property(tries = 1000)
  void aPatternContainsItself(@ForAll("patterns") String p) {
    assertTrue(Globs.contains(p, p, false));
  }

  @Example
  void actionsIgnoreCaseAndResourcesDoNot() {
    assertTrue(Globs.contains("Orders:Get*", "orders:getorder", false));
    assertTrue(Globs.intersects("orders:GET*", "orders:get?rder", false));
    assertFalse(Globs.contains("arn:app:orders:::Order/*", "arn:app:orders:::order/1", true));
  }

  @Example
  void resourceWildcardsStayInsideTheirArnPart() {
    // `*` in the region part cannot take the account's colon: as a flat glob this would hold
    assertFalse(Globs.contains("arn:app:orders:*:order/1", "arn:app:orders:eu:1:order/1", true));
    assertTrue(Globs.contains("arn:app:orders:*:*:order/*", "arn:app:orders:eu:1:order/1:x", true));
    assertFalse(Globs.contains("arn:app:orders:e*:*:*", "arn:app:*:eu:1:order", true));
    assertFalse(Globs.intersects("arn:app:orders:eu:1:*", "arn:app:orders:us:*:*", true));
    // a short pattern is padded with `*` parts (section 3.3 rule 2)
    assertTrue(Globs.contains("arn:app:orders", "arn:app:orders:eu:1:order/1", true));
    // `*` alone matches every resource, ARN or not
    assertTrue(Globs.contains("*", "anything", true));
    assertFalse(Globs.contains("arn:*:*:*:*:*", "*", true));
  }

  @Example
  void variablesWidenOnlyTheResourcePart() {
    assertEquals(
        "arn:app:orders:::user/*/x", Globs.widen("arn:app:orders:::user/${aws:username}/x", true));
    assertEquals("arn:app:orders:::user/?", Globs.widen("arn:app:orders:::user/${*}", true));
    assertEquals(
        "arn:app:orders:::user/${aws:username}",
        Globs.widen("arn:app:orders:::user/${aws:username}", false));
    assertEquals(null, Globs.exact("arn:app:orders:::user/${aws:username}", true));
    assertEquals("arn:${x}", Globs.exact("arn:${x}", false));
  }
}
