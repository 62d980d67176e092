package io.iamgate.compile;

import io.iamgate.policy.BaseOperator;
import io.iamgate.policy.CaseFold;
import io.iamgate.policy.Condition;
import io.iamgate.policy.PolicyBooleans;
import io.iamgate.policy.SetQualifier;
import org.jspecify.annotations.Nullable;

/**
 * One compiled (operator, key, values) condition with the missing-key, multi-valued-key, {@code
 * IfExists}, {@code Null} and set-operator rules of section 4 of the specification.
 */
public final class CompiledCondition {
  private final Condition source;
  private final String foldedKey;
  private final SetQualifier qualifier;
  private final boolean ifExists;
  private final boolean negated;

  /** The value comparison; {@code null} for the {@code Null} operator. */
  private final @Nullable ValueMatcher test;

  /** For {@code Null}: whether "true" and/or "false" is among the values. */
  private final boolean nullTrue;

  private final boolean nullFalse;

  CompiledCondition(Condition source, boolean variables) {
    this.source = source;
    this.foldedKey = CaseFold.fold(source.key());
    this.qualifier = source.operator().qualifier();
    this.ifExists = source.operator().ifExists();
    BaseOperator base = source.operator().base();
    this.negated = base.negated();
    if (base == BaseOperator.NULL) {
      boolean t = false;
      boolean f = false;
      for (String v : source.values()) {
        Boolean b = PolicyBooleans.parse(v);
        if (b == null) {
          throw new IllegalArgumentException("invalid Null value `" + v + "`");
        }
        t |= b;
        f |= !b;
      }
      this.nullTrue = t;
      this.nullFalse = f;
      this.test = null;
    } else {
      this.nullTrue = false;
      this.nullFalse = false;
      this.test = ValueMatcher.compile(base, source.values(), variables);
    }
  }

  /** The condition as written. */
  public Condition source() {
    return source;
  }

  /**
   * For explanations only: {@code condition IpAddress aws:SourceIp: request 198.51.100.7, policy
   * 10.0.0.0/8}, with {@code absent} for a key the request does not have.
   */
  public String describe(Context ctx) {
    ContextValue value = ctx.get(foldedKey);
    java.util.List<String> values = source.values();
    return "condition "
        + source.operator().text()
        + " "
        + source.key()
        + ": request "
        + (value == null ? "absent" : value.toString())
        + ", policy "
        + (values.size() == 1 ? values.get(0) : values.toString());
  }

  /** Whether the condition holds for the request context. */
  public boolean holds(Context ctx) {
    ContextValue value = ctx.get(foldedKey);
    ValueMatcher test = this.test;
    if (test == null) {
      boolean nullish = value == null || value.isEmptyString();
      return nullish ? nullTrue : nullFalse;
    }
    switch (qualifier) {
      case NONE -> {
        if (value == null) {
          return ifExists || negated;
        }
        if (value.isMulti()) {
          return false;
        }
        return matchOne(test, value.single(), ctx);
      }
      case FOR_ALL_VALUES -> {
        if (value == null || value.isEmptyString()) {
          return true;
        }
        for (int i = 0; i < value.size(); i++) {
          if (!matchOne(test, value.item(i), ctx)) {
            return false;
          }
        }
        return true;
      }
      case FOR_ANY_VALUE -> {
        if (value == null || value.isEmptyString()) {
          return false;
        }
        for (int i = 0; i < value.size(); i++) {
          if (matchOne(test, value.item(i), ctx)) {
            return true;
          }
        }
        return false;
      }
      default -> throw new IllegalStateException();
    }
  }

  private boolean matchOne(ValueMatcher test, Scalar r, Context ctx) {
    int result = test.test(r, ctx);
    if (result == ValueMatcher.UNPARSEABLE) {
      return false;
    }
    return negated ? result == ValueMatcher.NO_MATCH : result == ValueMatcher.MATCH;
  }
}
