package io.iamgate.lint;

import io.iamgate.policy.CaseFold;
import io.iamgate.policy.Template;
import org.jspecify.annotations.Nullable;

/**
 * Reasoning about IAM patterns as sets of strings, for the analyzer's "never takes effect" checks:
 * action patterns are globs matched case-insensitively (docs/policy-language.md section 3.2),
 * resource patterns ARNs matched part by part, case-sensitively, a wildcard in the first five parts
 * never crossing a colon (section 3.3). Both answers are sound for patterns without policy
 * variables; {@link #widen} turns a resource pattern with variables into one that matches at least
 * everything it can match once substituted.
 */
final class Globs {
  private Globs() {}

  /**
   * Whether every request value {@code inner} matches is matched by {@code outer}. Sound (a {@code
   * true} is always right); it answers {@code false} for a few containments that hold only because
   * of how two wildcards interleave, which never makes the analyzer report more.
   *
   * @param resource true for resource patterns, false for action patterns
   */
  static boolean contains(String outer, String inner, boolean resource) {
    if (!resource) {
      return containsFlat(points(outer, true), points(inner, true));
    }
    if (allStars(outer)) {
      return true;
    }
    if (allStars(inner)) {
      return false;
    }
    String[] o = parts(outer);
    String[] i = parts(inner);
    for (int k = 0; k < o.length; k++) {
      if (!containsFlat(points(o[k], false), points(i[k], false))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether some request value matches both patterns (exact for actions; for resources it may
   * answer {@code true} where no ARN matches both, which never makes the analyzer report more).
   *
   * @param resource true for resource patterns, false for action patterns
   */
  static boolean intersects(String a, String b, boolean resource) {
    if (!resource) {
      return intersectsFlat(points(a, true), points(b, true));
    }
    if (allStars(a) || allStars(b)) {
      return true;
    }
    String[] x = parts(a);
    String[] y = parts(b);
    for (int k = 0; k < x.length; k++) {
      if (!intersectsFlat(points(x[k], false), points(y[k], false))) {
        return false;
      }
    }
    return true;
  }

  private static boolean allStars(String p) {
    return !p.isEmpty() && p.chars().allMatch(c -> c == '*');
  }

  /** The six parts of a resource pattern: split at its first five colons, padded with {@code *}. */
  private static String[] parts(String p) {
    String[] split = p.split(":", 6);
    String[] out = new String[6];
    for (int k = 0; k < 6; k++) {
      out[k] = k < split.length ? split[k] : "*";
    }
    return out;
  }

  private static boolean containsFlat(int[] o, int[] i) {
    return contains(o, 0, i, 0, new Boolean[o.length + 1][i.length + 1]);
  }

  private static boolean intersectsFlat(int[] a, int[] b) {
    return intersects(a, 0, b, 0, new Boolean[a.length + 1][b.length + 1]);
  }

  // outer's `*` may absorb any run of inner's symbols, wildcards included; outer's `?` one symbol
  // that is not `*`; a literal only the same literal.
  private static boolean contains(int[] o, int oi, int[] s, int si, Boolean[][] memo) {
    Boolean known = memo[oi][si];
    if (known != null) {
      return known;
    }
    boolean r;
    if (oi == o.length) {
      r = si == s.length;
    } else if (o[oi] == '*') {
      r = contains(o, oi + 1, s, si, memo) || (si < s.length && contains(o, oi, s, si + 1, memo));
    } else if (si == s.length) {
      r = false;
    } else {
      boolean one = o[oi] == '?' ? s[si] != '*' : o[oi] == s[si];
      r = one && contains(o, oi + 1, s, si + 1, memo);
    }
    memo[oi][si] = r;
    return r;
  }

  private static boolean intersects(int[] a, int ai, int[] b, int bi, Boolean[][] memo) {
    Boolean known = memo[ai][bi];
    if (known != null) {
      return known;
    }
    boolean r;
    if (ai < a.length && a[ai] == '*') {
      // a's `*` ends here, or takes the next code point b produces
      r =
          intersects(a, ai + 1, b, bi, memo)
              || (bi < b.length && intersects(a, ai, b, bi + 1, memo));
    } else if (bi < b.length && b[bi] == '*') {
      r =
          intersects(a, ai, b, bi + 1, memo)
              || (ai < a.length && intersects(a, ai + 1, b, bi, memo));
    } else if (ai == a.length || bi == b.length) {
      r = ai == a.length && bi == b.length;
    } else {
      int c = a[ai];
      int d = b[bi];
      r = (c == '?' || d == '?' || c == d) && intersects(a, ai + 1, b, bi + 1, memo);
    }
    memo[ai][bi] = r;
    return r;
  }

  /** The code points of {@code s}, lower-cased for actions (as the engine folds them). */
  private static int[] points(String s, boolean ignoreCase) {
    return (ignoreCase ? CaseFold.fold(s) : s).codePoints().toArray();
  }

  /**
   * A resource pattern that matches at least every value {@code pattern} can match once its
   * variables are substituted (variables are substituted in the resource part only, section 5.2):
   * each variable becomes {@code *}, each always-literal character ({@code ${*}}, {@code ${?}},
   * {@code ${$}}) a {@code ?}.
   *
   * @param variables whether the document substitutes variables (Version 2012-10-17)
   */
  static String widen(String pattern, boolean variables) {
    if (!variables || pattern.indexOf("${") < 0 || allStars(pattern)) {
      return pattern;
    }
    String[] split = pattern.split(":", 6);
    if (split.length < 6) {
      return pattern;
    }
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < 5; k++) {
      out.append(split[k]).append(':');
    }
    for (Template.Part p : Template.parse(split[5], true).parts()) {
      if (p instanceof Template.Text t) {
        out.append(t.text());
      } else if (p instanceof Template.Literal l) {
        out.append("?".repeat(l.text().codePointCount(0, l.text().length())));
      } else {
        out.append('*');
      }
    }
    return out.toString();
  }

  /**
   * The pattern itself when it means the same with and without substitution (no variable, no
   * escape), or {@code null}: a pattern whose meaning depends on the request cannot prove coverage.
   */
  static @Nullable String exact(String pattern, boolean variables) {
    return variables && pattern.contains("${") ? null : pattern;
  }
}
