package io.iamgate.policy;

import org.jspecify.annotations.Nullable;

/** A statement's {@code Effect}. */
public enum Effect {
  ALLOW("Allow"),
  DENY("Deny");

  private final String text;

  Effect(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  /**
   * The effect spelled exactly {@code Allow} or {@code Deny} (case-sensitive), else {@code null}.
   */
  public static @Nullable Effect fromText(String text) {
    if ("Allow".equals(text)) {
      return ALLOW;
    }
    if ("Deny".equals(text)) {
      return DENY;
    }
    return null;
  }
}
