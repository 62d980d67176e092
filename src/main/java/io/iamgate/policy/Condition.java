package io.iamgate.policy;

import java.util.List;
import java.util.Objects;

/**
 * One key under one operator of a {@code Condition} block: {@code "operator": {"key": values}}.
 *
 * @param operator the parsed operator
 * @param key the context key as written (keys are matched case-insensitively)
 * @param values the non-empty policy values, numbers and booleans in their JSON text
 */
public record Condition(ConditionOperator operator, String key, List<String> values) {
  public Condition {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(key, "key");
    values = List.copyOf(values);
    if (values.isEmpty()) {
      throw new IllegalArgumentException("a condition has at least one value");
    }
  }
}
