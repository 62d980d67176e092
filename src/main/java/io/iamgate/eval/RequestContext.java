package io.iamgate.eval;

import io.iamgate.compile.Context;
import io.iamgate.compile.ContextValue;
import io.iamgate.policy.Arn;
import io.iamgate.policy.CaseFold;
import io.iamgate.policy.IpAddresses;
import io.iamgate.policy.PolicyBooleans;
import io.iamgate.policy.PolicyDates;
import io.iamgate.policy.PolicyNumbers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The context keys of a request, looked up case-insensitively (section 4.2). Immutable. Build one
 * with {@link #builder()}, which checks the rules of sections 1.6 and 4.8 and collects every
 * problem.
 */
public final class RequestContext implements Context {
  private static final RequestContext EMPTY =
      new RequestContext(new String[0], new int[0], new ContextValue[0], Map.of());

  /** The well-known typed keys checked on input (section 4.8), by folded name. */
  private static final Map<String, KeyType> TYPED_KEYS =
      Map.ofEntries(
          Map.entry("aws:sourceip", KeyType.IP),
          Map.entry("aws:currenttime", KeyType.DATE),
          Map.entry("aws:tokenissuetime", KeyType.DATE),
          Map.entry("aws:epochtime", KeyType.EPOCH),
          Map.entry("aws:multifactorauthage", KeyType.NUMBER),
          Map.entry("aws:multifactorauthpresent", KeyType.BOOL),
          Map.entry("aws:securetransport", KeyType.BOOL),
          Map.entry("aws:viaawsservice", KeyType.BOOL),
          Map.entry("aws:principalisawsservice", KeyType.BOOL),
          Map.entry("aws:principalarn", KeyType.ARN));

  private enum KeyType {
    IP("an IPv4 or IPv6 address"),
    DATE("a date (ISO 8601 or epoch seconds)"),
    EPOCH("epoch seconds (digits)"),
    NUMBER("a number"),
    BOOL("`true` or `false`"),
    ARN("an ARN with six parts");

    final String expected;

    KeyType(String expected) {
      this.expected = expected;
    }

    boolean accepts(String v) {
      return switch (this) {
        case IP -> IpAddresses.parseAddress(v) != null;
        case DATE -> PolicyDates.parse(v) != null;
        case EPOCH -> v.matches("-?[0-9]{1,19}");
        case NUMBER -> PolicyNumbers.parse(v) != null;
        case BOOL -> PolicyBooleans.parse(v) != null;
        case ARN -> v.startsWith("arn:") && Arn.split(v) != null;
      };
    }
  }

  // A context holds a handful of keys: a flat table scanned by hash beats a hash map's probing.
  private final String[] keys;
  private final int[] hashes;
  private final ContextValue[] values;
  private final Map<String, ContextValue> asWritten;

  private RequestContext(
      String[] keys, int[] hashes, ContextValue[] values, Map<String, ContextValue> asWritten) {
    this.keys = keys;
    this.hashes = hashes;
    this.values = values;
    this.asWritten = asWritten;
  }

  public static RequestContext empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public ContextValue get(String foldedKey) {
    int h = foldedKey.hashCode();
    for (int i = 0; i < keys.length; i++) {
      if (hashes[i] == h && keys[i].equals(foldedKey)) {
        return values[i];
      }
    }
    return null;
  }

  /** The value of {@code key}, looked up case-insensitively, or {@code null}. */
  public ContextValue lookup(String key) {
    return get(CaseFold.fold(key));
  }

  /** The number of present keys. */
  public int size() {
    return keys.length;
  }

  /** The present keys as written, in insertion order. */
  public Map<String, ContextValue> entries() {
    return asWritten;
  }

  /**
   * Collects context keys and the problems found with them. A builder may build any number of
   * contexts; each gets fresh values (with empty typed-value caches).
   */
  public static final class Builder {
    /** Folded key to the raw value: a String or a List of String. */
    private final Map<String, Object> raw = new LinkedHashMap<>();
    private final Map<String, String> writtenByFolded = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    private Builder() {}

    /** Adds a single-valued key. */
    public Builder put(String key, String value) {
      return add(key, value, false);
    }

    /** Adds a multi-valued key; an empty list is an absent key and adds nothing. */
    public Builder putAll(String key, List<String> values) {
      if (values.isEmpty()) {
        claim(key);
        return this;
      }
      return add(key, List.copyOf(values), true);
    }

    /** Records a key whose value is JSON {@code null}: absent, but still a name. */
    public Builder putAbsent(String key) {
      claim(key);
      return this;
    }

    /** Records a problem found while reading the input (e.g. a nested object). */
    public Builder problem(String message) {
      problems.add(message);
      return this;
    }

    private boolean claim(String key) {
      String folded = CaseFold.fold(key);
      String previous = writtenByFolded.putIfAbsent(folded, key);
      if (previous != null) {
        problems.add(
            "context keys `" + previous + "` and `" + key + "` differ only in letter case");
        return false;
      }
      return true;
    }

    private Builder add(String key, Object value, boolean multi) {
      if (!claim(key)) {
        return this;
      }
      String folded = CaseFold.fold(key);
      KeyType type = TYPED_KEYS.get(folded);
      if (type != null) {
        if (multi) {
          problems.add("context key `" + key + "` must be single-valued, found an array");
        } else if (!type.accepts((String) value)) {
          problems.add(
              "context key `" + key + "` must be " + type.expected + ", found `" + value + "`");
        }
      }
      raw.put(folded, value);
      return this;
    }

    /** The problems found so far, in order. */
    public List<String> problems() {
      return Collections.unmodifiableList(problems);
    }

    /** Builds a context; call only when {@link #problems()} is empty. */
    @SuppressWarnings("unchecked")
    public RequestContext build() {
      if (!problems.isEmpty()) {
        throw new IllegalStateException("invalid context: " + problems.get(0));
      }
      if (raw.isEmpty()) {
        return EMPTY;
      }
      int n = raw.size();
      String[] ks = new String[n];
      int[] hs = new int[n];
      ContextValue[] vs = new ContextValue[n];
      Map<String, ContextValue> written = new LinkedHashMap<>();
      int i = 0;
      for (Map.Entry<String, Object> e : raw.entrySet()) {
        ks[i] = e.getKey();
        hs[i] = ks[i].hashCode();
        vs[i] = e.getValue() instanceof String v
            ? ContextValue.single(v)
            : ContextValue.multi((List<String>) e.getValue());
        written.put(writtenByFolded.get(ks[i]), vs[i]);
        i++;
      }
      return new RequestContext(ks, hs, vs, Collections.unmodifiableMap(written));
    }
  }
}
