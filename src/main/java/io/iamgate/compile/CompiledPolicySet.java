package io.iamgate.compile;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything evaluated for one principal: identity policies, an optional permissions boundary and
 * an optional guardrail level. Immutable and thread-safe.
 *
 * @param identity the identity policies (possibly no documents)
 * @param boundary the boundary, or {@code null} when there is none (the gate is skipped)
 * @param guardrails the guardrail level, or {@code null} when absent (the gate is skipped); a level
 *     with no documents denies everything
 */
public record CompiledPolicySet(
    CompiledPolicies identity,
    @Nullable CompiledPolicies boundary,
    @Nullable CompiledPolicies guardrails) {
  public CompiledPolicySet {
    Objects.requireNonNull(identity, "identity");
  }
}
