package io.iamgate.identity;

import io.iamgate.bundle.Bundle;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The documents that apply to one principal, by role in the evaluation.
 *
 * @param identity the user's inline and managed policies and every group's, or the role's
 * @param boundary the permissions boundary, or {@code null}
 * @param guardrails the bundle's guardrail level, or {@code null} when it has none
 */
public record PrincipalPolicies(
    List<Bundle.Policy> identity,
    Bundle.@Nullable Policy boundary,
    @Nullable List<Bundle.Policy> guardrails) {
  public PrincipalPolicies {
    identity = List.copyOf(identity);
    guardrails = guardrails == null ? null : List.copyOf(guardrails);
  }
}
