package io.iamgate.policy;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The 27 base condition operators, without {@code IfExists} and set qualifiers. */
public enum BaseOperator {
  STRING_EQUALS("StringEquals", OperatorFamily.STRING, false),
  STRING_NOT_EQUALS("StringNotEquals", OperatorFamily.STRING, true),
  STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", OperatorFamily.STRING, false),
  STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", OperatorFamily.STRING, true),
  STRING_LIKE("StringLike", OperatorFamily.STRING, false),
  STRING_NOT_LIKE("StringNotLike", OperatorFamily.STRING, true),
  NUMERIC_EQUALS("NumericEquals", OperatorFamily.NUMERIC, false),
  NUMERIC_NOT_EQUALS("NumericNotEquals", OperatorFamily.NUMERIC, true),
  NUMERIC_LESS_THAN("NumericLessThan", OperatorFamily.NUMERIC, false),
  NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", OperatorFamily.NUMERIC, false),
  NUMERIC_GREATER_THAN("NumericGreaterThan", OperatorFamily.NUMERIC, false),
  NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", OperatorFamily.NUMERIC, false),
  DATE_EQUALS("DateEquals", OperatorFamily.DATE, false),
  DATE_NOT_EQUALS("DateNotEquals", OperatorFamily.DATE, true),
  DATE_LESS_THAN("DateLessThan", OperatorFamily.DATE, false),
  DATE_LESS_THAN_EQUALS("DateLessThanEquals", OperatorFamily.DATE, false),
  DATE_GREATER_THAN("DateGreaterThan", OperatorFamily.DATE, false),
  DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", OperatorFamily.DATE, false),
  BOOL("Bool", OperatorFamily.BOOL, false),
  BINARY_EQUALS("BinaryEquals", OperatorFamily.BINARY, false),
  IP_ADDRESS("IpAddress", OperatorFamily.IP, false),
  NOT_IP_ADDRESS("NotIpAddress", OperatorFamily.IP, true),
  ARN_EQUALS("ArnEquals", OperatorFamily.ARN, false),
  ARN_LIKE("ArnLike", OperatorFamily.ARN, false),
  ARN_NOT_EQUALS("ArnNotEquals", OperatorFamily.ARN, true),
  ARN_NOT_LIKE("ArnNotLike", OperatorFamily.ARN, true),
  NULL("Null", OperatorFamily.NULL, false);

  private static final Map<String, BaseOperator> BY_LOWER_NAME = new HashMap<>();

  static {
    for (BaseOperator op : values()) {
      BY_LOWER_NAME.put(op.text.toLowerCase(Locale.ROOT), op);
    }
  }

  private final String text;
  private final OperatorFamily family;
  private final boolean negated;

  BaseOperator(String text, OperatorFamily family, boolean negated) {
    this.text = text;
    this.family = family;
    this.negated = negated;
  }

  /** The canonical spelling, e.g. {@code StringEquals}. */
  public String text() {
    return text;
  }

  public OperatorFamily family() {
    return family;
  }

  /** Whether several policy values combine as NOR rather than OR. */
  public boolean negated() {
    return negated;
  }

  /** The operator named {@code name}, ignoring case, or {@code null}. */
  public static @Nullable BaseOperator fromName(String name) {
    return BY_LOWER_NAME.get(name.toLowerCase(Locale.ROOT));
  }
}
