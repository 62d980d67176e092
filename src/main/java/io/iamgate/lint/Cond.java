package io.iamgate.lint;

import io.iamgate.json.Json;
import io.iamgate.policy.ConditionOperator;
import java.util.List;

/**
 * One key of a statement's condition block, as the analyzer sees it.
 *
 * @param operator the parsed operator
 * @param written the operator as written
 * @param key the condition key as written
 * @param values the values as text
 * @param keyPath the JSON pointer of the key
 * @param keyAt the key's position, for findings
 */
record Cond(
    ConditionOperator operator,
    String written,
    String key,
    List<String> values,
    String keyPath,
    Json keyAt) {

  /** Whether the operator is {@code base} itself: no set qualifier, no {@code IfExists}. */
  boolean plain(io.iamgate.policy.BaseOperator base) {
    return operator.base() == base
        && operator.qualifier() == io.iamgate.policy.SetQualifier.NONE
        && !operator.ifExists();
  }
}
