package io.iamgate.trail;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The outcome of a decision event ({@code decision.outcome}). */
public enum Outcome {
  ALLOW("Allow"),
  EXPLICIT_DENY("ExplicitDeny"),
  IMPLICIT_DENY("ImplicitDeny"),
  /** Denied before the engine was asked. */
  DENY("Deny"),
  UNAUTHORIZED("Unauthorized"),
  ERROR("Error");

  private final String text;

  Outcome(String text) {
    this.text = text;
  }

  /** The name as logged: {@code Allow}, {@code ExplicitDeny}, ... */
  public String text() {
    return text;
  }

  /** Whether the caller was denied (an explicit or implicit deny, or one before the engine). */
  public boolean isDeny() {
    return this == EXPLICIT_DENY || this == IMPLICIT_DENY || this == DENY;
  }

  /** The outcome logged as {@code text} (exactly), or {@code null}. */
  public static @Nullable Outcome of(String text) {
    for (Outcome o : values()) {
      if (o.text.equals(text)) {
        return o;
      }
    }
    return null;
  }

  /** The outcome named {@code text} in any letter case, or {@code null}. */
  public static @Nullable Outcome named(String text) {
    for (Outcome o : values()) {
      if (o.text.toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT))) {
        return o;
      }
    }
    return null;
  }

  /** The logged names, {@code Allow, ExplicitDeny, ...}. */
  public static String names() {
    StringBuilder sb = new StringBuilder();
    for (Outcome o : values()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(o.text);
    }
    return sb.toString();
  }
}
