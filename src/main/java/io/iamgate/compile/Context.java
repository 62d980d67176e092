package io.iamgate.compile;

import org.jspecify.annotations.Nullable;

/** What compiled conditions and variables read from a request: its context keys. */
public interface Context {
  /**
   * The value of the key whose case-folded name is {@code foldedKey}, or {@code null} when the key
   * is absent (absent, JSON {@code null} and {@code []} are all absent).
   */
  @Nullable ContextValue get(String foldedKey);
}
