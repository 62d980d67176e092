package io.iamgate.workload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The few JSON shapes the workload writes, byte-for-byte as Python's {@code json.dumps(obj,
 * separators=(",", ":"))} writes them (compact, {@code ensure_ascii}: every character outside
 * space..tilde escaped).
 */
final class Json {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Json() {}

  /** Appends {@code s} as a JSON string literal, escaped like Python's {@code ensure_ascii}. */
  static StringBuilder string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c >= ' ' && c <= '~') {
            out.append(c);
          } else { // a UTF-16 unit, so astral characters become surrogate pairs, as in Python
            out.append("\\u")
                .append(HEX[c >> 12 & 0xf])
                .append(HEX[c >> 8 & 0xf])
                .append(HEX[c >> 4 & 0xf])
                .append(HEX[c & 0xf]);
          }
        }
      }
    }
    return out.append('"');
  }

  /** Appends a list of strings as a JSON array. */
  static StringBuilder array(StringBuilder out, List<String> values) {
    out.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      string(out, values.get(i));
    }
    return out.append(']');
  }

  /** Appends a one-element list as a bare string, a longer one as an array (the script's rule). */
  static StringBuilder stringOrArray(StringBuilder out, List<String> values) {
    return values.size() == 1 ? string(out, values.get(0)) : array(out, values);
  }

  /** Appends an ordered string-to-string map as a JSON object. */
  static StringBuilder object(StringBuilder out, Map<String, String> map) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      string(out, e.getKey()).append(':');
      string(out, e.getValue());
    }
    return out.append('}');
  }

  /**
   * A policy document {@code {"Version":"2012-10-17","Statement":[...]}}, each statement's keys in
   * the order Sid, Effect, Action, Resource, Condition, the Condition grouped by operator in order
   * of first appearance.
   */
  static String document(List<PolicyStatement> statements) {
    var out = new StringBuilder(256 * statements.size());
    out.append("{\"Version\":\"2012-10-17\",\"Statement\":[");
    for (int i = 0; i < statements.size(); i++) {
      PolicyStatement st = statements.get(i);
      out.append(i > 0 ? ",{" : "{").append("\"Sid\":");
      string(out, st.sid()).append(",\"Effect\":");
      string(out, st.effect()).append(",\"Action\":");
      stringOrArray(out, st.actions()).append(",\"Resource\":");
      stringOrArray(out, st.resources());
      if (!st.conditions().isEmpty()) {
        var byOperator = new LinkedHashMap<String, Map<String, List<String>>>();
        for (PolicyStatement.Condition c : st.conditions()) {
          byOperator
              .computeIfAbsent(c.operator(), k -> new LinkedHashMap<>())
              .put(c.key(), c.values());
        }
        out.append(",\"Condition\":{");
        boolean firstOperator = true;
        for (var op : byOperator.entrySet()) {
          out.append(firstOperator ? "" : ",");
          firstOperator = false;
          string(out, op.getKey()).append(":{");
          boolean firstKey = true;
          for (var kv : op.getValue().entrySet()) {
            out.append(firstKey ? "" : ",");
            firstKey = false;
            string(out, kv.getKey()).append(':');
            stringOrArray(out, kv.getValue());
          }
          out.append('}');
        }
        out.append('}');
      }
      out.append('}');
    }
    return out.append("]}").toString();
  }
}
