package io.iamgate.policy;

/** The set-operator prefix of a condition operator. */
public enum SetQualifier {
  NONE(""),
  FOR_ALL_VALUES("ForAllValues:"),
  FOR_ANY_VALUE("ForAnyValue:");

  private final String prefix;

  SetQualifier(String prefix) {
    this.prefix = prefix;
  }

  /** The prefix as written before the base operator, including the colon. */
  public String prefix() {
    return prefix;
  }
}
