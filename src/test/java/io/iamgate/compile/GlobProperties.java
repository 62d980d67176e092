package io.iamgate.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The compiled glob matcher against a simple reference: a dynamic-programming matcher over code
 * points, written straight from the definition in section 3.1. Test strings are built from the
 * patterns themselves (stars expanded, question marks filled) and then mutated, so that matches and
 * near misses are both common.
 */
class GlobProperties {
  /**
   * Reference: does {@code text} match {@code pattern} ({@code *} any run, {@code ?} one code
   * point)?
   */
  static boolean reference(String pattern, String text) {
    int[] p = pattern.codePoints().toArray();
    int[] t = text.codePoints().toArray();
    boolean[][] m = new boolean[p.length + 1][t.length + 1];
    m[p.length][t.length] = true;
    for (int i = p.length - 1; i >= 0; i--) {
      for (int j = t.length; j >= 0; j--) {
        if (p[i] == '*') {
          m[i][j] = m[i + 1][j] || (j < t.length && m[i][j + 1]);
        } else {
          m[i][j] = j < t.length && (p[i] == '?' || p[i] == t[j]) && m[i + 1][j + 1];
        }
      }
    }
    return m[0][0];
  }

  @Provide
  Arbitrary<String> patterns() {
    // 'E' stands for a character outside the BMP (a surrogate pair)
    return Arbitraries.strings()
        .withChars('a', 'b', '*', '?', '/', ':', '.', '\u00e9', 'E')
        .ofMinLength(0)
        .ofMaxLength(12)
        .map(s -> s.replace("E", "\uD83D\uDE00"));
  }

  /**
   * A string derived from the pattern: stars become short runs, ? one character, then a mutation.
   */
  @Provide
  Arbitrary<String[]> patternAndText() {
    return patterns()
        .flatMap(
            p -> {
              Arbitrary<String> fill =
                  Arbitraries.strings().withChars('a', 'b', '*', ':', '\u00e9').ofMaxLength(3);
              Arbitrary<String> one = Arbitraries.of("a", "b", "?", "\uD83D\uDE00", "x");
              Arbitrary<String> built =
                  Combinators.combine(fill.list().ofSize(16), one.list().ofSize(16))
                      .as(
                          (fills, ones) -> {
                            StringBuilder sb = new StringBuilder();
                            int k = 0;
                            for (int i = 0; i < p.length(); ) {
                              int cp = p.codePointAt(i);
                              i += Character.charCount(cp);
                              if (cp == '*') {
                                sb.append(fills.get(k++ % 16));
                              } else if (cp == '?') {
                                sb.append(ones.get(k++ % 16));
                              } else {
                                sb.appendCodePoint(cp);
                              }
                            }
                            return sb.toString();
                          });
              Arbitrary<String> mutated = built.flatMap(s -> mutate(s));
              return Arbitraries.oneOf(built, mutated).map(t -> new String[] {p, t});
            });
  }

  private static Arbitrary<String> mutate(String s) {
    if (s.isEmpty()) {
      return Arbitraries.of("", "a", "ab");
    }
    return Arbitraries.integers()
        .between(0, s.length() - 1)
        .flatMap(
            pos ->
                Arbitraries.of(0, 1, 2)
                    .map(
                        kind ->
                            switch (kind) {
                              case 0 -> s.substring(0, pos) + s.substring(pos + 1); // drop a char
                              case 1 -> s.substring(0, pos) + "b" + s.substring(pos); // insert
                              default ->
                                  s.substring(0, pos)
                                      + "a"
                                      + s.substring(Math.min(s.length(), pos + 1)); // replace
                            }));
  }

  @Property(tries = 3000)
  void compiledGlobAgreesWithTheReference(@ForAll("patternAndText") String[] pt) {
    String p = pt[0];
    String t = pt[1];
    assertEquals(
        reference(p, t), Glob.of(p).matches(t), () -> "pattern `" + p + "` text `" + t + "`");
  }

  /** Long literal runs over a two-letter alphabet: the Knuth-Morris-Pratt search path. */
  @Property(tries = 2000)
  void longLiteralSegmentsAgreeWithTheReference(
      @ForAll("longPatterns") String p, @ForAll("abText") String t) {
    assertEquals(
        reference(p, t), Glob.of(p).matches(t), () -> "pattern `" + p + "` text `" + t + "`");
    String embedded = "ab" + p.replace("*", "") + "ba";
    assertEquals(
        reference(p, embedded),
        Glob.of(p).matches(embedded),
        () -> "pattern `" + p + "` text `" + embedded + "`");
  }

  @Provide
  Arbitrary<String> longPatterns() {
    Arbitrary<String> run =
        Arbitraries.strings().withChars('a', 'b').ofMinLength(6).ofMaxLength(14);
    return run.list().ofMinSize(1).ofMaxSize(3).map(runs -> "*" + String.join("*", runs) + "*");
  }

  @Provide
  Arbitrary<String> abText() {
    return Arbitraries.strings().withChars('a', 'b').ofMaxLength(60);
  }

  @Property(tries = 1000)
  void regionMatchingIgnoresWhatIsOutsideTheRegion(@ForAll("patternAndText") String[] pt) {
    String p = pt[0];
    String t = pt[1];
    String wrapped = "x:" + t + ":y";
    assertEquals(reference(p, t), Glob.of(p).matches(wrapped, 2, 2 + t.length()));
  }

  @Property(tries = 500)
  void aPatternWithoutWildcardsMatchesOnlyItself(@ForAll("patterns") String p) {
    String literal = p.replace("*", "").replace("?", "");
    assertTrue(Glob.of(literal).matches(literal));
    assertFalse(Glob.of(literal).matches(literal + "a"));
  }

  @Example
  void pathologicalPatternsFinishAndAnswerCorrectly() {
    String pattern = "a*".repeat(30) + "b";
    String text = "a".repeat(20_000);
    assertFalse(Glob.of(pattern).matches(text));
    assertTrue(Glob.of(pattern).matches(text + "b"));
    assertFalse(Glob.of("*a*a*a*a*a*a*a*a*a*a*?b").matches("a".repeat(20_000)));
  }

  @Example
  void questionMarkCountsCodePoints() {
    assertTrue(Glob.of("?").matches("\uD83D\uDE00"));
    assertFalse(Glob.of("??").matches("\uD83D\uDE00"));
    assertTrue(Glob.of("*?").matches("a\uD83D\uDE00"));
  }

  @Example
  void literalTokensAreNeverWildcards() {
    Glob g = Glob.compile(Glob.tokens("a*b", false));
    assertTrue(g.matches("a*b"));
    assertFalse(g.matches("axb"));
  }
}
