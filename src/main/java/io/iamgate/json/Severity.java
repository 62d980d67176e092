package io.iamgate.json;

/** How serious a diagnostic is: errors make a document invalid, warnings do not. */
public enum Severity {
  ERROR("error"),
  WARNING("warning");

  private final String label;

  Severity(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
