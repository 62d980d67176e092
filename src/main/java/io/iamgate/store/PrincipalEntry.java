package io.iamgate.store;

import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.compile.ContextValue;
import io.iamgate.eval.RequestContext;
import io.iamgate.policy.CaseFold;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What is cached per principal: its compiled policy set and the context keys it contributes ({@code
 * aws:username}, {@code aws:PrincipalTag/*}, ...), prebuilt once so that every request of the
 * principal shares them.
 */
public final class PrincipalEntry {
  private final CompiledPolicySet policies;
  private final Map<String, String> contextKeys;
  private final Set<String> foldedKeys;
  private final List<Key> keys;

  private record Key(String written, String folded, ContextValue value) {}

  private PrincipalEntry(CompiledPolicySet policies, Map<String, String> contextKeys) {
    this.policies = policies;
    this.contextKeys = Map.copyOf(contextKeys);
    this.keys =
        contextKeys.entrySet().stream()
            .map(
                e ->
                    new Key(
                        e.getKey(), CaseFold.fold(e.getKey()), ContextValue.single(e.getValue())))
            .toList();
    this.foldedKeys = keys.stream().map(Key::folded).collect(Collectors.toUnmodifiableSet());
  }

  static PrincipalEntry of(CompiledPolicySet policies, Map<String, String> contextKeys) {
    return new PrincipalEntry(policies, contextKeys);
  }

  public CompiledPolicySet policies() {
    return policies;
  }

  /** The principal's own keys and values, as written. */
  public Map<String, String> contextKeys() {
    return contextKeys;
  }

  /** Whether {@code foldedKey} is one of the principal's own keys (which callers cannot set). */
  public boolean ownsKey(String foldedKey) {
    return foldedKeys.contains(foldedKey);
  }

  /** Adds the principal's own keys to a request context. */
  public void addTo(RequestContext.Builder b) {
    for (Key k : keys) {
      b.putChecked(k.written(), k.folded(), k.value());
    }
  }
}
