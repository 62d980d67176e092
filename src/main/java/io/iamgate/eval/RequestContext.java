package io.iamgate.eval;

import io.iamgate.compile.Context;
import io.iamgate.compile.ContextValue;
import io.iamgate.policy.Arn;
import io.iamgate.policy.CaseFold;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The context keys of a request, looked up case-insensitively (section 4.2). Immutable. Build one
 * with {@link #builder()}, which checks the rules of sections 1.6 and 4.8 and collects every
 * problem.
 */
public final class RequestContext implements Context {
  private static final RequestContext EMPTY =
      new RequestContext(new String[0], new String[0], new int[0], new ContextValue[0]);

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

    /** Checks the value through its scalar, whose parsed form is then cached for evaluation. */
    boolean accepts(io.iamgate.compile.Scalar s) {
      String v = s.text();
      return switch (this) {
        case IP -> s.ip() != null;
        case DATE -> s.date() != null;
        case EPOCH -> isEpoch(v);
        case NUMBER -> s.number() != null;
        case BOOL -> s.bool() != null;
        case ARN -> v.startsWith("arn:") && colons(v) >= Arn.PARTS - 1;
      };
    }

    private static int colons(String v) {
      int n = 0;
      for (int i = v.indexOf(':'); i >= 0; i = v.indexOf(':', i + 1)) {
        n++;
      }
      return n;
    }

    private static boolean isEpoch(String v) {
      int start = v.startsWith("-") ? 1 : 0;
      if (v.length() == start || v.length() - start > 19) {
        return false;
      }
      for (int i = start; i < v.length(); i++) {
        if (v.charAt(i) < '0' || v.charAt(i) > '9') {
          return false;
        }
      }
      return true;
    }
  }

  /** What is known of a key name, whatever its value: its folded form, hash and type. */
  private record KeyInfo(String folded, int hash, @Nullable KeyType type) {}

  private static final int KEY_INFO_LIMIT = 4096;
  private static final java.util.concurrent.ConcurrentHashMap<String, KeyInfo> KEY_INFO =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static KeyInfo info(String key) {
    KeyInfo k = KEY_INFO.get(key);
    if (k == null) {
      String f = CaseFold.fold(key);
      k = new KeyInfo(f, f.hashCode(), TYPED_KEYS.get(f));
      if (KEY_INFO.size() < KEY_INFO_LIMIT) {
        KEY_INFO.putIfAbsent(key, k);
      }
    }
    return k;
  }

  // A context holds a handful of keys: a flat table scanned by hash beats a hash map's probing.
  private final String[] keys;
  private final String[] written;
  private final int[] hashes;
  private final ContextValue[] values;

  private RequestContext(String[] keys, String[] written, int[] hashes, ContextValue[] values) {
    this.keys = keys;
    this.written = written;
    this.hashes = hashes;
    this.values = values;
  }

  public static RequestContext empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public @Nullable ContextValue get(String foldedKey) {
    int h = foldedKey.hashCode();
    for (int i = 0; i < keys.length; i++) {
      if (hashes[i] == h && keys[i].equals(foldedKey)) {
        return values[i];
      }
    }
    return null;
  }

  /** The value of {@code key}, looked up case-insensitively, or {@code null}. */
  public @Nullable ContextValue lookup(String key) {
    return get(CaseFold.foldKey(key));
  }

  /** The number of present keys. */
  public int size() {
    return keys.length;
  }

  /** The present keys as written, in insertion order. */
  public Map<String, ContextValue> entries() {
    Map<String, ContextValue> out = new LinkedHashMap<>();
    for (int i = 0; i < keys.length; i++) {
      out.put(written[i], values[i]);
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Collects the context keys of one request and the problems found with them. Typed keys are
   * checked as they are added, and the parsed values are kept for evaluation.
   */
  public static final class Builder {
    private String[] folded = new String[8];
    private int[] hashes = new int[8];
    private String[] written = new String[8];
    private ContextValue[] values = new ContextValue[8]; // null: absent but named
    private int n;
    private List<String> problems = List.of();

    private Builder() {}

    /** Adds a single-valued key. */
    public Builder put(String key, String value) {
      KeyInfo k = claim(key);
      if (k != null) {
        ContextValue v = ContextValue.single(value);
        check(key, k.type(), v);
        append(k.folded(), k.hash(), key, v);
      }
      return this;
    }

    /** Adds a multi-valued key; an empty list is an absent key and adds nothing. */
    public Builder putAll(String key, List<String> list) {
      KeyInfo k = claim(key);
      if (k != null) {
        ContextValue v = list.isEmpty() ? null : ContextValue.multi(list);
        if (v != null) {
          check(key, k.type(), v);
        }
        append(k.folded(), k.hash(), key, v);
      }
      return this;
    }

    /**
     * Adds a key from a plain value: a String (single-valued), a List of String (multi-valued, an
     * empty list meaning absent) or {@code null} (absent); anything else is a problem.
     */
    public Builder putValue(String key, @Nullable Object value) {
      if (value instanceof String s) {
        return put(key, s);
      }
      if (value == null) {
        return putAbsent(key);
      }
      if (value instanceof List<?> l && l.stream().allMatch(x -> x instanceof String)) {
        @SuppressWarnings("unchecked")
        List<String> strings = (List<String>) l;
        return putAll(key, strings);
      }
      return problem("context key `" + key + "` must be a string or a list of strings");
    }

    /** Records a key whose value is JSON {@code null}: absent, but still a name. */
    public Builder putAbsent(String key) {
      KeyInfo k = claim(key);
      if (k != null) {
        append(k.folded(), k.hash(), key, null);
      }
      return this;
    }

    /**
     * Adds a key whose value was built and checked before (e.g. a principal's own keys, shared by
     * every request of that principal).
     */
    public Builder putChecked(String key, String foldedKey, ContextValue value) {
      int h = foldedKey.hashCode();
      for (int i = 0; i < n; i++) {
        if (hashes[i] == h && folded[i].equals(foldedKey)) {
          problem("context keys `" + written[i] + "` and `" + key + "` differ only in letter case");
          return this;
        }
      }
      append(foldedKey, h, key, value);
      return this;
    }

    /** Records a problem found while reading the input (e.g. a nested object). */
    public Builder problem(String message) {
      if (problems.isEmpty()) {
        problems = new ArrayList<>();
      }
      problems.add(message);
      return this;
    }

    /**
     * The key's info, or {@code null} (and a problem) when a key that differs only in case exists.
     */
    private @Nullable KeyInfo claim(String key) {
      KeyInfo k = info(key);
      for (int i = 0; i < n; i++) {
        if (hashes[i] == k.hash() && folded[i].equals(k.folded())) {
          problem("context keys `" + written[i] + "` and `" + key + "` differ only in letter case");
          return null;
        }
      }
      return k;
    }

    private void check(String key, @Nullable KeyType type, ContextValue v) {
      if (type == null) {
        return;
      }
      if (v.isMulti()) {
        problem("context key `" + key + "` must be single-valued, found an array");
      } else if (!type.accepts(v.single())) {
        problem(
            "context key `"
                + key
                + "` must be "
                + type.expected
                + ", found `"
                + v.single().text()
                + "`");
      }
    }

    private void append(String f, int hash, String key, @Nullable ContextValue v) {
      if (n == folded.length) {
        folded = Arrays.copyOf(folded, n * 2);
        hashes = Arrays.copyOf(hashes, n * 2);
        written = Arrays.copyOf(written, n * 2);
        values = Arrays.copyOf(values, n * 2);
      }
      folded[n] = f;
      hashes[n] = hash;
      written[n] = key;
      values[n] = v;
      n++;
    }

    /** The problems found so far, in order. */
    public List<String> problems() {
      return Collections.unmodifiableList(problems);
    }

    /** Builds the context; call only when {@link #problems()} is empty, and once. */
    public RequestContext build() {
      if (!problems.isEmpty()) {
        throw new IllegalStateException("invalid context: " + problems.get(0));
      }
      int present = 0;
      for (int i = 0; i < n; i++) {
        if (values[i] != null) {
          present++;
        }
      }
      if (present == 0) {
        return EMPTY;
      }
      String[] ks = new String[present];
      String[] ws = new String[present];
      int[] hs = new int[present];
      ContextValue[] vs = new ContextValue[present];
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (values[i] != null) {
          ks[k] = folded[i];
          ws[k] = written[i];
          hs[k] = hashes[i];
          vs[k] = values[i];
          k++;
        }
      }
      return new RequestContext(ks, ws, hs, vs);
    }
  }
}
