package io.iamgate.policy;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A full condition operator: optional set qualifier, base operator, optional {@code IfExists}.
 *
 * @param qualifier {@code ForAllValues:}, {@code ForAnyValue:} or none
 * @param base one of the 27 base operators
 * @param ifExists whether the {@code IfExists} suffix is present
 */
public record ConditionOperator(SetQualifier qualifier, BaseOperator base, boolean ifExists) {
  private static final String IF_EXISTS = "ifexists";

  public ConditionOperator {
    Objects.requireNonNull(qualifier, "qualifier");
    Objects.requireNonNull(base, "base");
    if (base == BaseOperator.NULL && (ifExists || qualifier != SetQualifier.NONE)) {
      throw new IllegalArgumentException("Null takes neither IfExists nor a set qualifier");
    }
  }

  public static ConditionOperator of(BaseOperator base) {
    return new ConditionOperator(SetQualifier.NONE, base, false);
  }

  /** The canonical spelling, e.g. {@code ForAnyValue:StringEqualsIfExists}. */
  public String text() {
    return qualifier.prefix() + base.text() + (ifExists ? "IfExists" : "");
  }

  /**
   * Parses an operator name, ignoring case. Returns a result that either holds the operator or says
   * what is wrong with the name.
   */
  public static Parsed parse(String name) {
    String rest = name;
    SetQualifier qualifier = SetQualifier.NONE;
    int colon = name.indexOf(':');
    if (colon >= 0) {
      String prefix = name.substring(0, colon).toLowerCase(Locale.ROOT);
      rest = name.substring(colon + 1);
      if (prefix.equals("forallvalues")) {
        qualifier = SetQualifier.FOR_ALL_VALUES;
      } else if (prefix.equals("foranyvalue")) {
        qualifier = SetQualifier.FOR_ANY_VALUE;
      } else {
        return Parsed.error("unknown set operator prefix `" + name.substring(0, colon + 1) + "`");
      }
      if (rest.indexOf(':') >= 0) {
        return Parsed.error("an operator has at most one set prefix and one colon");
      }
    }
    boolean ifExists = false;
    BaseOperator base = BaseOperator.fromName(rest);
    if (base == null && rest.toLowerCase(Locale.ROOT).endsWith(IF_EXISTS)) {
      base = BaseOperator.fromName(rest.substring(0, rest.length() - IF_EXISTS.length()));
      ifExists = base != null;
    }
    if (base == null) {
      return Parsed.error("unknown condition operator `" + name + "`");
    }
    if (base == BaseOperator.NULL && ifExists) {
      return Parsed.error("`Null` cannot take the `IfExists` suffix");
    }
    if (base == BaseOperator.NULL && qualifier != SetQualifier.NONE) {
      return Parsed.error("`Null` cannot take a set operator prefix");
    }
    return new Parsed(new ConditionOperator(qualifier, base, ifExists), null);
  }

  /** The outcome of {@link #parse}: exactly one of the two is non-null. */
  public record Parsed(@Nullable ConditionOperator operator, @Nullable String error) {
    static Parsed error(String message) {
      return new Parsed(null, message);
    }
  }
}
