package io.iamgate.eval;

import org.jspecify.annotations.Nullable;

/** The three outcomes of an evaluation. */
public enum Decision {
  ALLOW("Allow"),
  EXPLICIT_DENY("ExplicitDeny"),
  IMPLICIT_DENY("ImplicitDeny");

  private final String text;

  Decision(String text) {
    this.text = text;
  }

  /** The name used in JSON output: {@code Allow}, {@code ExplicitDeny}, {@code ImplicitDeny}. */
  public String text() {
    return text;
  }

  public boolean allowed() {
    return this == ALLOW;
  }

  /** The decision named {@code text}, or {@code null}. */
  public static @Nullable Decision fromText(String text) {
    for (Decision d : values()) {
      if (d.text.equals(text)) {
        return d;
      }
    }
    return null;
  }
}
