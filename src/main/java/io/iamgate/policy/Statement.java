package io.iamgate.policy;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One statement of a policy document.
 *
 * @param sid the {@code Sid}, or {@code null} when absent
 * @param effect Allow or Deny
 * @param action the {@code Action} or {@code NotAction} clause
 * @param resource the {@code Resource} or {@code NotResource} clause
 * @param conditions every (operator, key) pair of the {@code Condition} block, in document order;
 *     empty when there is no condition
 */
public record Statement(
    @Nullable String sid,
    Effect effect,
    Clause action,
    Clause resource,
    List<Condition> conditions) {
  public Statement {
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resource, "resource");
    conditions = List.copyOf(conditions);
  }
}
