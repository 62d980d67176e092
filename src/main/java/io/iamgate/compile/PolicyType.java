package io.iamgate.compile;

/**
 * The type of a policy, in IAM's terms: identity-based policies, the permissions boundary, and the
 * SCP-like guardrails (section 2.1 of the specification). Each type is also one of the allow gates
 * of section 2.3, and its {@link #label()} is the one spelling every output uses.
 */
public enum PolicyType {
  /** Identity policies: attached and inline policies of the principal. */
  IDENTITY("identity", "no identity policy statement allows the request"),
  /** The permissions boundary. */
  BOUNDARY("boundary", "the permissions boundary does not allow the request"),
  /** The SCP-like guardrail level. */
  GUARDRAIL("guardrail", "no guardrail statement allows the request");

  private final String label;
  private final String implicitDenyReason;

  PolicyType(String label, String implicitDenyReason) {
    this.label = label;
    this.implicitDenyReason = implicitDenyReason;
  }

  /** The lower-case name used in explanations and JSON output. */
  public String label() {
    return label;
  }

  /** Why this gate denies when none of its statements allows, in words. */
  public String implicitDenyReason() {
    return implicitDenyReason;
  }
}
