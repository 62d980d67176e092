package io.iamgate.policy;

/** The value type a condition operator compares. */
public enum OperatorFamily {
  STRING,
  NUMERIC,
  DATE,
  BOOL,
  BINARY,
  IP,
  ARN,
  NULL;

  /** Whether {@code ${...}} variables are substituted in this family's policy values. */
  public boolean supportsVariables() {
    return this == STRING || this == ARN || this == BOOL;
  }
}
