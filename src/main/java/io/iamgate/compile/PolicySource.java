package io.iamgate.compile;

/** Where a compiled document sits in the evaluation (section 2.1). */
public enum PolicySource {
  /** Identity policies: attached and inline policies of the principal. */
  IDENTITY("identity"),
  /** The permissions boundary. */
  BOUNDARY("boundary"),
  /** The SCP-like guardrail level. */
  GUARDRAIL("guardrail");

  private final String label;

  PolicySource(String label) {
    this.label = label;
  }

  /** The lower-case name used in explanations and JSON output. */
  public String label() {
    return label;
  }
}
