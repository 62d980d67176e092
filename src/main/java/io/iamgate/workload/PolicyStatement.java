package io.iamgate.workload;

import java.util.List;
import java.util.Objects;

/**
 * One statement of a generated role's policy document, as the generator builds it: the in-memory
 * form that both the JSON writer and the {@link ReferenceEvaluator} read.
 *
 * <p>Every list renders in JSON as a bare string when it has one element and as an array otherwise,
 * which is how the Python generator writes {@code Action}, {@code Resource} and condition values.
 *
 * @param sid the {@code Sid}, {@code "S00"}, {@code "S01"}, ...
 * @param effect {@code "Allow"} or {@code "Deny"}
 * @param actions the {@code Action} patterns ({@code "orders:Get*"}, {@code "*"}), at least one
 * @param resources the {@code Resource} ARN patterns, at least one
 * @param conditions the {@code Condition} block flattened to (operator, key, values) entries in
 *     document order; empty when the statement has no {@code Condition}
 */
public record PolicyStatement(
    String sid,
    String effect,
    List<String> actions,
    List<String> resources,
    List<PolicyStatement.Condition> conditions) {

  /**
   * Checks the effect and the non-empty clauses and copies the lists.
   *
   * @param sid the {@code Sid}
   * @param effect {@code "Allow"} or {@code "Deny"}
   * @param actions the action patterns, at least one
   * @param resources the resource patterns, at least one
   * @param conditions the condition entries, possibly none
   */
  public PolicyStatement {
    Objects.requireNonNull(sid, "sid");
    if (!effect.equals("Allow") && !effect.equals("Deny")) {
      throw new IllegalArgumentException("effect must be Allow or Deny: " + effect);
    }
    actions = List.copyOf(actions);
    resources = List.copyOf(resources);
    conditions = List.copyOf(conditions);
    if (actions.isEmpty() || resources.isEmpty()) {
      throw new IllegalArgumentException("a statement needs at least one action and one resource");
    }
  }

  /**
   * Whether this is a Deny statement.
   *
   * @return true when the effect is {@code "Deny"}
   */
  public boolean isDeny() {
    return effect.equals("Deny");
  }

  /**
   * One (operator, key) entry of a {@code Condition} block.
   *
   * @param operator {@code "IpAddress"}, {@code "NotIpAddress"}, {@code "Bool"} or {@code
   *     "StringEquals"} (the operators the workload uses)
   * @param key the context key, such as {@code "aws:SourceIp"}
   * @param values the condition values (CIDRs, {@code "true"}/{@code "false"}, team names), at
   *     least one
   */
  public record Condition(String operator, String key, List<String> values) {
    /**
     * Copies the values and requires at least one.
     *
     * @param operator the condition operator
     * @param key the context key
     * @param values the values, at least one
     */
    public Condition {
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(key, "key");
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("a condition needs at least one value");
      }
    }
  }
}
