package io.iamgate.eval;

import io.iamgate.policy.Condition;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.Statement;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately naive evaluator written straight from the specification, sharing no code with the
 * engine: it walks every statement of every document, substitutes variables into a (character,
 * wildcard?) list, and matches with a dynamic-programming glob. It covers the operators the
 * property tests generate: String*, Numeric{Equals,LessThan,GreaterThanEquals}, Bool,
 * IpAddress/NotIpAddress (IPv4), Null, IfExists and both set qualifiers.
 */
final class NaiveEvaluator {
  private NaiveEvaluator() {}

  /** Context values: a String, or a List of String; absent keys are missing from the map. */
  static String decide(
      List<PolicyDocument> identity,
      PolicyDocument boundary,
      List<PolicyDocument> guardrails,
      String action,
      String resource,
      Map<String, Object> context) {
    List<PolicyDocument> all = new ArrayList<>(identity);
    if (boundary != null) {
      all.add(boundary);
    }
    if (guardrails != null) {
      all.addAll(guardrails);
    }
    for (PolicyDocument d : all) {
      for (Statement s : d.statements()) {
        if (s.effect().text().equals("Deny") && applies(d, s, action, resource, context)) {
          return "ExplicitDeny";
        }
      }
    }
    if (guardrails != null && !anyAllow(guardrails, action, resource, context)) {
      return "ImplicitDeny";
    }
    if (!anyAllow(identity, action, resource, context)) {
      return "ImplicitDeny";
    }
    if (boundary != null && !anyAllow(List.of(boundary), action, resource, context)) {
      return "ImplicitDeny";
    }
    return "Allow";
  }

  private static boolean anyAllow(
      List<PolicyDocument> docs, String a, String r, Map<String, Object> ctx) {
    for (PolicyDocument d : docs) {
      for (Statement s : d.statements()) {
        if (s.effect().text().equals("Allow") && applies(d, s, a, r, ctx)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean applies(
      PolicyDocument d, Statement s, String a, String r, Map<String, Object> ctx) {
    boolean vars = "2012-10-17".equals(d.version().text());
    boolean am = false;
    for (String p : s.action().patterns()) {
      am |= actionMatches(p, a);
    }
    if (am == s.action().negated()) {
      return false;
    }
    boolean rm = false;
    for (String p : s.resource().patterns()) {
      rm |= resourceMatches(p, r, vars, ctx);
    }
    if (rm == s.resource().negated()) {
      return false;
    }
    for (Condition c : s.conditions()) {
      if (!condition(c, vars, ctx)) {
        return false;
      }
    }
    return true;
  }

  private static boolean actionMatches(String p, String a) {
    if (p.chars().allMatch(ch -> ch == '*')) {
      return true;
    }
    String[] pp = p.split(":", 2);
    String[] aa = a.split(":", 2);
    return pp[0].equalsIgnoreCase(aa[0])
        && glob(wild(pp[1].toLowerCase(Locale.ROOT)), aa[1].toLowerCase(Locale.ROOT));
  }

  private static boolean resourceMatches(
      String p, String r, boolean vars, Map<String, Object> ctx) {
    if (p.chars().allMatch(ch -> ch == '*')) {
      return true;
    }
    List<String> pp = new ArrayList<>(List.of(p.split(":", 6)));
    while (pp.size() < 6) {
      pp.add("*");
    }
    String[] rr = r.split(":", 6);
    if (rr.length < 6) {
      return false;
    }
    for (int i = 0; i < 5; i++) {
      if (!glob(wild(pp.get(i)), rr[i])) {
        return false;
      }
    }
    List<int[]> tail = vars ? substitute(pp.get(5), ctx) : wild(pp.get(5));
    return tail != null && glob(tail, rr[5]);
  }

  /** Pattern as {code point, 1 if wildcard} pairs, every * and ? a wildcard. */
  private static List<int[]> wild(String s) {
    List<int[]> out = new ArrayList<>();
    s.codePoints().forEach(cp -> out.add(new int[] {cp, cp == '*' || cp == '?' ? 1 : 0}));
    return out;
  }

  private static List<int[]> literal(String s) {
    List<int[]> out = new ArrayList<>();
    s.codePoints().forEach(cp -> out.add(new int[] {cp, 0}));
    return out;
  }

  /** Substitutes ${...} variables; substituted text is literal; null when unresolvable. */
  static List<int[]> substitute(String s, Map<String, Object> ctx) {
    List<int[]> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      int open = s.indexOf("${", i);
      int close = open < 0 ? -1 : s.indexOf('}', open);
      if (open < 0 || close < 0) {
        out.addAll(wild(s.substring(i)));
        break;
      }
      out.addAll(wild(s.substring(i, open)));
      String inner = s.substring(open + 2, close).trim();
      if (inner.equals("*") || inner.equals("?") || inner.equals("$")) {
        out.addAll(literal(inner));
      } else {
        String name = inner;
        String def = null;
        int comma = inner.indexOf(',');
        if (comma >= 0 && inner.endsWith("'")) {
          String rest = inner.substring(comma + 1).trim();
          if (rest.startsWith("'")) {
            name = inner.substring(0, comma).trim();
            def = rest.substring(1, rest.length() - 1);
          }
        }
        Object v = lookup(ctx, name);
        String text = v instanceof String str ? str : def;
        if (text == null) {
          return null;
        }
        out.addAll(literal(text));
      }
      i = close + 1;
    }
    return out;
  }

  private static boolean glob(List<int[]> p, String text) {
    int[] t = text.codePoints().toArray();
    boolean[][] m = new boolean[p.size() + 1][t.length + 1];
    m[p.size()][t.length] = true;
    for (int i = p.size() - 1; i >= 0; i--) {
      int[] tok = p.get(i);
      for (int j = t.length; j >= 0; j--) {
        if (tok[1] == 1 && tok[0] == '*') {
          m[i][j] = m[i + 1][j] || (j < t.length && m[i][j + 1]);
        } else if (tok[1] == 1) {
          m[i][j] = j < t.length && m[i + 1][j + 1];
        } else {
          m[i][j] = j < t.length && t[j] == tok[0] && m[i + 1][j + 1];
        }
      }
    }
    return m[0][0];
  }

  private static Object lookup(Map<String, Object> ctx, String key) {
    for (Map.Entry<String, Object> e : ctx.entrySet()) {
      if (e.getKey().equalsIgnoreCase(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static boolean condition(Condition c, boolean vars, Map<String, Object> ctx) {
    String base = c.operator().base().text();
    Object v = lookup(ctx, c.key());
    boolean absent = v == null;
    boolean nullish = absent || "".equals(v);
    if (base.equals("Null")) {
      for (String pv : c.values()) {
        if (pv.equalsIgnoreCase("true") == nullish) {
          return true;
        }
      }
      return false;
    }
    boolean negated = base.contains("Not");
    switch (c.operator().qualifier()) {
      case FOR_ALL_VALUES:
        {
          if (nullish) {
            return true;
          }
          for (String r : values(v)) {
            if (!one(base, negated, r, c.values(), vars, ctx)) {
              return false;
            }
          }
          return true;
        }
      case FOR_ANY_VALUE:
        {
          if (nullish) {
            return false;
          }
          for (String r : values(v)) {
            if (one(base, negated, r, c.values(), vars, ctx)) {
              return true;
            }
          }
          return false;
        }
      default:
        {
          if (absent) {
            return c.operator().ifExists() || negated;
          }
          if (v instanceof List) {
            return false;
          }
          return one(base, negated, (String) v, c.values(), vars, ctx);
        }
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> values(Object v) {
    return v instanceof List ? (List<String>) v : List.of((String) v);
  }

  /** The base operator on one request value: null-safe, false when the value does not parse. */
  private static boolean one(
      String base,
      boolean negated,
      String r,
      List<String> pvs,
      boolean vars,
      Map<String, Object> ctx) {
    Boolean parsedOk = parses(base, r);
    if (!parsedOk) {
      return false;
    }
    boolean any = false;
    for (String pv : pvs) {
      any |= compare(base, r, pv, vars, ctx);
    }
    return negated != any;
  }

  private static boolean parses(String base, String r) {
    if (base.startsWith("Numeric")) {
      return r.matches("[+-]?[0-9]+(\\.[0-9]+)?");
    }
    if (base.equals("Bool")) {
      return r.equalsIgnoreCase("true") || r.equalsIgnoreCase("false");
    }
    if (base.endsWith("IpAddress")) {
      return ipv4(r) != null;
    }
    return true;
  }

  private static boolean compare(
      String base, String r, String pv, boolean vars, Map<String, Object> ctx) {
    switch (base) {
      case "StringEquals",
          "StringNotEquals",
          "StringEqualsIgnoreCase",
          "StringNotEqualsIgnoreCase",
          "Bool" -> {
        List<int[]> p = vars ? substitute(pv, ctx) : wild(pv);
        if (p == null) {
          return false;
        }
        StringBuilder sb = new StringBuilder();
        p.forEach(tok -> sb.appendCodePoint(tok[0]));
        String text = sb.toString();
        if (base.equals("Bool")) {
          return (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))
              && text.equalsIgnoreCase(r);
        }
        return base.contains("IgnoreCase") ? text.equalsIgnoreCase(r) : text.equals(r);
      }
      case "StringLike", "StringNotLike" -> {
        List<int[]> p = vars ? substitute(pv, ctx) : wild(pv);
        return p != null && glob(p, r);
      }
      case "NumericEquals" -> {
        return new BigDecimal(r).compareTo(new BigDecimal(pv)) == 0;
      }
      case "NumericLessThan" -> {
        return new BigDecimal(r).compareTo(new BigDecimal(pv)) < 0;
      }
      case "NumericGreaterThanEquals" -> {
        return new BigDecimal(r).compareTo(new BigDecimal(pv)) >= 0;
      }
      case "IpAddress", "NotIpAddress" -> {
        String[] cidr = pv.split("/");
        long net = ipv4(cidr[0]);
        int bits = cidr.length > 1 ? Integer.parseInt(cidr[1]) : 32;
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (ipv4(r) & mask) == (net & mask);
      }
      default ->
          throw new IllegalArgumentException("operator not covered by the reference: " + base);
    }
  }

  private static Long ipv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    long v = 0;
    for (String p : parts) {
      if (!p.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(p) > 255) {
        return null;
      }
      v = (v << 8) | Integer.parseInt(p);
    }
    return v;
  }
}
