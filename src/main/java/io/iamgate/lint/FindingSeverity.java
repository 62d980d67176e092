package io.iamgate.lint;

import java.util.Locale;

/** How serious a finding is, most serious first. */
public enum FindingSeverity {
  ERROR,
  SECURITY_WARNING,
  WARNING,
  SUGGESTION;

  /** Whether this severity is {@code threshold} or more serious. */
  public boolean atLeast(FindingSeverity threshold) {
    return ordinal() <= threshold.ordinal();
  }

  /** The lower-case words used in text output: {@code security warning}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
