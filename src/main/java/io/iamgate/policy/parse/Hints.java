package io.iamgate.policy.parse;

import java.util.Collection;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** "Did you mean" suggestions by edit distance. */
public final class Hints {
  private Hints() {}

  /** The closest candidate, or {@code null} when none is close enough to be a likely typo. */
  public static @Nullable String closest(String input, Collection<String> candidates) {
    String lower = input.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(lower, c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    int allowed = Math.max(1, Math.min(3, input.length() / 3));
    return bestDistance <= allowed ? best : null;
  }

  /** "did you mean `X`?" or {@code null}. */
  public static @Nullable String didYouMean(String input, Collection<String> candidates) {
    String c = closest(input, candidates);
    return c == null || c.equals(input) ? null : "did you mean `" + c + "`?";
  }

  /**
   * "expected one of `a`, `b`, `c`": the valid names, in their order, for a message about an
   * unknown one.
   */
  public static String expectedOneOf(Collection<String> valid) {
    return "expected one of " + String.join(", ", valid.stream().map(s -> "`" + s + "`").toList());
  }

  /** Levenshtein distance. */
  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
