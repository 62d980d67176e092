package io.iamgate.policy;

import java.util.List;

/**
 * An {@code Action}/{@code NotAction} or {@code Resource}/{@code NotResource} element.
 *
 * @param negated true for {@code NotAction} / {@code NotResource}
 * @param patterns the non-empty list of patterns as written
 */
public record Clause(boolean negated, List<String> patterns) {
  public Clause {
    patterns = List.copyOf(patterns);
    if (patterns.isEmpty()) {
      throw new IllegalArgumentException("a clause has at least one pattern");
    }
  }

  public static Clause of(String... patterns) {
    return new Clause(false, List.of(patterns));
  }

  public static Clause not(String... patterns) {
    return new Clause(true, List.of(patterns));
  }
}
