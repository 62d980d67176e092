package io.iamgate.store;

import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.policy.CaseFold;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What is cached per principal: its compiled policy set and the context keys it contributes
 * ({@code aws:username}, {@code aws:PrincipalTag/*}, ...), with their folded names for quick
 * overriding of caller-supplied keys.
 */
public record PrincipalEntry(CompiledPolicySet policies, Map<String, String> contextKeys, Set<String> foldedKeys) {
  public PrincipalEntry {
    contextKeys = Map.copyOf(contextKeys);
    foldedKeys = Set.copyOf(foldedKeys);
  }

  static PrincipalEntry of(CompiledPolicySet policies, Map<String, String> contextKeys) {
    return new PrincipalEntry(policies, contextKeys,
        contextKeys.keySet().stream().map(CaseFold::fold).collect(Collectors.toSet()));
  }
}
