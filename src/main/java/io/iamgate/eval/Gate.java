package io.iamgate.eval;

/** The allow gates of section 2.3, in the order an implicit deny is reported. */
public enum Gate {
  GUARDRAILS("guardrails", "no guardrail statement allows the request"),
  IDENTITY("identity", "no identity policy statement allows the request"),
  BOUNDARY("boundary", "the permissions boundary does not allow the request");

  private final String label;
  private final String reason;

  Gate(String label, String reason) {
    this.label = label;
    this.reason = reason;
  }

  public String label() {
    return label;
  }

  /** Why this gate denies, in words. */
  public String reason() {
    return reason;
  }
}
