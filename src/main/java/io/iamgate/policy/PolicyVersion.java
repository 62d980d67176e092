package io.iamgate.policy;

import org.jspecify.annotations.Nullable;

/** The {@code Version} member of a policy document. */
public enum PolicyVersion {
  /** No {@code Version} member: the 2008-10-17 rules apply (policy variables are literal text). */
  UNSPECIFIED(null),
  V2008_10_17("2008-10-17"),
  V2012_10_17("2012-10-17");

  private final @Nullable String text;

  PolicyVersion(@Nullable String text) {
    this.text = text;
  }

  /** The text written in a document, or {@code null} for {@link #UNSPECIFIED}. */
  public @Nullable String text() {
    return text;
  }

  /** Whether {@code ${...}} policy variables are substituted (only in 2012-10-17). */
  public boolean supportsVariables() {
    return this == V2012_10_17;
  }

  /** The version written as {@code text}, or {@code null} when it is not one of the two. */
  public static @Nullable PolicyVersion fromText(String text) {
    if ("2012-10-17".equals(text)) {
      return V2012_10_17;
    }
    if ("2008-10-17".equals(text)) {
      return V2008_10_17;
    }
    return null;
  }
}
