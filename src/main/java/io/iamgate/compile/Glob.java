package io.iamgate.compile;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A compiled IAM wildcard pattern: {@code *} matches any run of characters, {@code ?} exactly one
 * code point, everything else itself; the whole input must match. Matching never backtracks more
 * than one segment: the pattern is cut at its stars into segments that are matched leftmost in
 * order, with the first anchored at the start and the last at the end, so a match costs O(input ×
 * longest segment) at worst and usually one {@code indexOf} per segment.
 *
 * <p>Patterns are built from tokens: a code point ({@code >= 0}), {@link #STAR} or {@link
 * #QUESTION}. Text that must stay literal (substituted policy variables, {@code ${*}}) simply
 * contributes code-point tokens.
 */
public sealed interface Glob {
  /** Token for {@code *}. */
  int STAR = -1;

  /** Token for {@code ?}. */
  int QUESTION = -2;

  /** Whether the region {@code s[from, to)} matches the whole pattern. */
  boolean matches(String s, int from, int to);

  /** Whether all of {@code s} matches the pattern. */
  default boolean matches(String s) {
    return matches(s, 0, s.length());
  }

  /** Compiles pattern text in which every {@code *} and {@code ?} is a wildcard. */
  static Glob of(String pattern) {
    return compile(tokens(pattern, true));
  }

  /** Compiles text that has no wildcards at all. */
  static Glob literal(String text) {
    return new Exact(text);
  }

  /** The tokens of {@code text}; {@code *}/{@code ?} become wildcards when {@code wild}. */
  static int[] tokens(String text, boolean wild) {
    int[] out = new int[text.codePointCount(0, text.length())];
    int k = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      out[k++] = wild && cp == '*' ? STAR : wild && cp == '?' ? QUESTION : cp;
    }
    return out;
  }

  /** Compiles a token sequence into the cheapest matcher that is equivalent to it. */
  static Glob compile(int[] tokens) {
    List<int[]> segments = new ArrayList<>();
    boolean leadingStar = tokens.length > 0 && tokens[0] == STAR;
    boolean trailingStar = tokens.length > 0 && tokens[tokens.length - 1] == STAR;
    int start = 0;
    boolean anyStar = false;
    for (int i = 0; i <= tokens.length; i++) {
      if (i == tokens.length || tokens[i] == STAR) {
        if (i > start) {
          int[] seg = new int[i - start];
          System.arraycopy(tokens, start, seg, 0, seg.length);
          segments.add(seg);
        }
        anyStar |= i < tokens.length;
        start = i + 1;
      }
    }
    if (!anyStar) {
      return segments.isEmpty() ? new Exact("") : exactOrGeneral(segments.get(0));
    }
    if (segments.isEmpty()) {
      return Any.INSTANCE;
    }
    if (segments.size() == 1 && !hasQuestion(segments.get(0))) {
      String lit = text(segments.get(0));
      if (!leadingStar) {
        return new Prefix(lit);
      }
      if (!trailingStar) {
        return new Suffix(lit);
      }
      if (lit.length() < Segment.KMP_MIN) {
        return new Contains(lit);
      }
    }
    Segment[] segs = new Segment[segments.size()];
    for (int i = 0; i < segs.length; i++) {
      segs[i] = Segment.of(segments.get(i));
    }
    return new General(segs, !leadingStar, !trailingStar);
  }

  private static Glob exactOrGeneral(int[] seg) {
    if (!hasQuestion(seg)) {
      return new Exact(text(seg));
    }
    return new General(new Segment[] {Segment.of(seg)}, true, true);
  }

  private static boolean hasQuestion(int[] seg) {
    for (int t : seg) {
      if (t == QUESTION) {
        return true;
      }
    }
    return false;
  }

  private static String text(int[] seg) {
    StringBuilder sb = new StringBuilder(seg.length);
    for (int t : seg) {
      sb.appendCodePoint(t);
    }
    return sb.toString();
  }

  /** Matches everything, including the empty string. */
  enum Any implements Glob {
    INSTANCE;

    @Override
    public boolean matches(String s, int from, int to) {
      return true;
    }
  }

  /** A pattern without wildcards. */
  record Exact(String text) implements Glob {
    @Override
    public boolean matches(String s, int from, int to) {
      return to - from == text.length() && s.startsWith(text, from);
    }
  }

  /** {@code text*}. */
  record Prefix(String text) implements Glob {
    @Override
    public boolean matches(String s, int from, int to) {
      return to - from >= text.length() && s.startsWith(text, from);
    }
  }

  /** {@code *text}. */
  record Suffix(String text) implements Glob {
    @Override
    public boolean matches(String s, int from, int to) {
      return to - from >= text.length() && s.startsWith(text, to - text.length());
    }
  }

  /** {@code *text*}. */
  record Contains(String text) implements Glob {
    @Override
    public boolean matches(String s, int from, int to) {
      if (text.isEmpty()) {
        return true;
      }
      int at = s.indexOf(text, from);
      return at >= 0 && at + text.length() <= to;
    }
  }

  /**
   * A run of tokens between stars. {@code literal} is set when the run has no {@code ?}, so that it
   * can be matched with {@code startsWith}/{@code indexOf}.
   */
  record Segment(int[] tokens, @Nullable String literal, int @Nullable [] failure) {
    /** Literal segments at least this long are searched with Knuth-Morris-Pratt. */
    static final int KMP_MIN = 8;

    static Segment of(int[] tokens) {
      String literal = hasQuestion(tokens) ? null : text(tokens);
      return new Segment(
          tokens,
          literal,
          literal != null && literal.length() >= KMP_MIN ? failureTable(literal) : null);
    }

    private static int[] failureTable(String p) {
      int[] f = new int[p.length()];
      int k = 0;
      for (int i = 1; i < p.length(); i++) {
        while (k > 0 && p.charAt(i) != p.charAt(k)) {
          k = f[k - 1];
        }
        if (p.charAt(i) == p.charAt(k)) {
          k++;
        }
        f[i] = k;
      }
      return f;
    }

    /**
     * Knuth-Morris-Pratt: the start of the first occurrence of {@code literal} (whose failure table
     * is {@code failure}) in {@code s[from, to)}, or -1.
     */
    private static int kmp(String literal, int[] failure, String s, int from, int to) {
      int m = literal.length();
      int k = 0;
      for (int i = from; i < to; i++) {
        char c = s.charAt(i);
        while (k > 0 && c != literal.charAt(k)) {
          k = failure[k - 1];
        }
        if (c == literal.charAt(k)) {
          k++;
          if (k == m) {
            return i - m + 1;
          }
        }
      }
      return -1;
    }

    /**
     * The end index when the segment matches {@code s} at {@code at} within {@code to}, else -1.
     */
    int matchAt(String s, int at, int to) {
      if (literal != null) {
        return at + literal.length() <= to && s.startsWith(literal, at)
            ? at + literal.length()
            : -1;
      }
      int i = at;
      for (int t : tokens) {
        if (i >= to) {
          return -1;
        }
        int cp = s.codePointAt(i);
        if (t != QUESTION && t != cp) {
          return -1;
        }
        i += Character.charCount(cp);
      }
      return i <= to ? i : -1;
    }

    /** The end of the leftmost match at or after {@code from} that ends by {@code to}, or -1. */
    int findEnd(String s, int from, int to) {
      String literal = this.literal;
      if (literal != null) {
        int[] failure = this.failure;
        int at = failure != null ? kmp(literal, failure, s, from, to) : s.indexOf(literal, from);
        return at >= 0 && at + literal.length() <= to ? at + literal.length() : -1;
      }
      for (int at = from; at < to; ) {
        int end = matchAt(s, at, to);
        if (end >= 0) {
          return end;
        }
        at += Character.charCount(s.codePointAt(at));
      }
      return -1;
    }
  }

  /** Any other pattern: segments separated by stars, optionally anchored at either end. */
  record General(Segment[] segments, boolean anchoredStart, boolean anchoredEnd) implements Glob {
    @Override
    public boolean matches(String s, int from, int to) {
      int pos = from;
      int first = 0;
      int last = segments.length - 1;
      if (anchoredStart) {
        int end = segments[0].matchAt(s, pos, to);
        if (end < 0) {
          return false;
        }
        if (segments.length == 1 && anchoredEnd) {
          return end == to;
        }
        pos = end;
        first = 1;
      }
      int limit = to;
      if (anchoredEnd) {
        Segment tail = segments[last];
        int count = tail.tokens().length;
        // the tail matches exactly `count` code points that end at `to`
        int start = to;
        for (int k = 0; k < count; k++) {
          if (start <= pos) {
            return false;
          }
          start =
              Character.isLowSurrogate(s.charAt(start - 1))
                      && start - 2 >= pos
                      && Character.isHighSurrogate(s.charAt(start - 2))
                  ? start - 2
                  : start - 1;
        }
        if (tail.matchAt(s, start, to) != to) {
          return false;
        }
        limit = start;
        last--;
      }
      for (int i = first; i <= last; i++) {
        pos = segments[i].findEnd(s, pos, limit);
        if (pos < 0) {
          return false;
        }
      }
      return true;
    }
  }
}
