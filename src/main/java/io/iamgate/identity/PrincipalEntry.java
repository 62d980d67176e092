package io.iamgate.identity;

import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.compile.ContextValue;
import io.iamgate.eval.RequestContext;
import io.iamgate.policy.CaseFold;
import java.util.LinkedHashMap;
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

  /** An entry of a compiled set and the principal's own context keys (as written). */
  public static PrincipalEntry of(CompiledPolicySet policies, Map<String, String> contextKeys) {
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

  /**
   * The one rule of every decision's context: the caller's keys, except any the principal owns,
   * then the principal's own keys ({@code aws:username}, {@code aws:PrincipalTag/*}, ...). Keys
   * compare case-insensitively, as context keys do, so a caller cannot claim another identity's
   * tags in any spelling. Values that do not parse as their key's type are in the builder's {@link
   * RequestContext.Builder#problems() problems}.
   *
   * @param callerKeys context keys from the caller (a backend, or the gateway's request mapping)
   */
  public RequestContext.Builder contextFor(Map<String, ?> callerKeys) {
    RequestContext.Builder b = RequestContext.builder();
    callerKeys.forEach(
        (k, v) -> {
          if (callerMay(k)) {
            b.putValue(k, v);
          }
        });
    addTo(b);
    return b;
  }

  /**
   * The same rule as {@link #contextFor} on plain values: the caller's keys the principal does not
   * own, then the principal's (e.g. the keys a route's resource template may use).
   */
  public Map<String, Object> keysFor(Map<String, ?> callerKeys) {
    Map<String, Object> out = new LinkedHashMap<>();
    callerKeys.forEach(
        (k, v) -> {
          if (callerMay(k)) {
            out.put(k, v);
          }
        });
    out.putAll(contextKeys);
    return out;
  }

  private boolean callerMay(String key) {
    return !ownsKey(CaseFold.foldKey(key));
  }

  /** Adds the principal's own keys to a request context. */
  public void addTo(RequestContext.Builder b) {
    for (Key k : keys) {
      b.putChecked(k.written(), k.folded(), k.value());
    }
  }
}
