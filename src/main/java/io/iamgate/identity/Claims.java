package io.iamgate.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Verified token claims as context keys: every claim becomes {@code jwt:<claim>}; arrays and the
 * space-separated {@code scope}/{@code scp} become multi-valued keys; nested objects become {@code
 * jwt:<claim>/<member>}; numbers and booleans are their JSON text.
 */
public final class Claims {
  private Claims() {}

  /** The context keys of {@code claims}: values are a String or a List of String. */
  public static Map<String, Object> toContext(Map<String, Object> claims) {
    Map<String, Object> out = new LinkedHashMap<>();
    claims.forEach((k, v) -> add("jwt:" + k, k, v, out));
    return out;
  }

  private static void add(String key, String claim, @Nullable Object v, Map<String, Object> out) {
    if (v == null) {
      return;
    }
    if (v instanceof Map<?, ?> m) {
      m.forEach((k, x) -> add(key + "/" + k, String.valueOf(k), x, out));
    } else if (v instanceof List<?> l) {
      List<String> values = new ArrayList<>();
      for (Object o : l) {
        if (o != null && !(o instanceof Map) && !(o instanceof List)) {
          values.add(String.valueOf(o));
        }
      }
      if (!values.isEmpty()) {
        out.put(key, List.copyOf(values));
      }
    } else if ((claim.equals("scope") || claim.equals("scp"))
        && v instanceof String s
        && !s.isBlank()) {
      out.put(key, List.of(s.trim().split("\\s+")));
    } else {
      out.put(key, String.valueOf(v));
    }
  }

  /** A claim as a list of strings: an array, or a comma/space-separated string. */
  static List<String> strings(@Nullable Object v) {
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof String s && !s.isBlank()) {
          out.add(s);
        }
      }
    } else if (v instanceof String s) {
      for (String part : s.split("[,\\s]+")) {
        if (!part.isBlank()) {
          out.add(part);
        }
      }
    }
    return out;
  }
}
