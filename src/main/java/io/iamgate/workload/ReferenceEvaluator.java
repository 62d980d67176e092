package io.iamgate.workload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The benchmark's reference evaluator, a port of {@code RefEval} in {@code gen_workload.py}: a
 * deliberately small identity-policy evaluator, independent of iamgate's engine, whose answers are
 * the expected decisions of the standard workload.
 *
 * <p>Rules: an explicit Deny beats an Allow, an Allow beats the implicit deny. A statement applies
 * when one of its actions matches the action (case-insensitive wildcard), one of its resources
 * matches the resource (case-sensitive wildcard) and every condition holds. Conditions: {@code
 * IpAddress} / {@code NotIpAddress} (IPv4 CIDRs, host bits ignored), {@code Bool}
 * (case-insensitive), {@code StringEquals}; a missing key makes the positive operators false and
 * {@code NotIpAddress} true. Only IPv4 addresses are understood (the workload has no others).
 */
public final class ReferenceEvaluator {
  /** Decision: some statement allows and none denies. */
  public static final String ALLOW = "Allow";

  /** Decision: some applicable Deny statement. */
  public static final String EXPLICIT_DENY = "ExplicitDeny";

  /** Decision: no applicable statement at all. */
  public static final String IMPLICIT_DENY = "ImplicitDeny";

  /** A statement with its IP conditions' CIDRs parsed, as {@code RefEval._compile} does. */
  private record Compiled(PolicyStatement statement, List<int[][]> cidrs) {}

  private final Map<String, List<Compiled>> roles;

  /**
   * Builds the evaluator over a set of role documents.
   *
   * @param roles role name to the statements of its identity policy, in document order
   * @throws IllegalArgumentException when a condition uses an operator other than the four above,
   *     or an IP condition value is not an IPv4 CIDR
   */
  public ReferenceEvaluator(Map<String, List<PolicyStatement>> roles) {
    var compiled = new HashMap<String, List<Compiled>>();
    roles.forEach(
        (name, statements) ->
            compiled.put(name, statements.stream().map(ReferenceEvaluator::compile).toList()));
    this.roles = compiled;
  }

  private static Compiled compile(PolicyStatement st) {
    var cidrs = new ArrayList<int[][]>(); // per condition: its CIDRs, or none for non-IP operators
    for (PolicyStatement.Condition c : st.conditions()) {
      switch (c.operator()) {
        case "IpAddress", "NotIpAddress" ->
            cidrs.add(c.values().stream().map(Ipv4::parseCidr).toArray(int[][]::new));
        case "Bool", "StringEquals" -> cidrs.add(new int[0][]);
        default ->
            throw new IllegalArgumentException("unsupported condition operator " + c.operator());
      }
    }
    return new Compiled(st, cidrs);
  }

  /**
   * Decides one request against the identity policies of the given roles.
   *
   * @param roleNames the names of the principal's roles, each known to this evaluator
   * @param action the action, {@code service:Name}
   * @param resource the resource ARN
   * @param context condition keys to their string values, such as {@code aws:SourceIp}
   * @return {@link #ALLOW}, {@link #EXPLICIT_DENY} or {@link #IMPLICIT_DENY}
   * @throws IllegalArgumentException for an unknown role, or a malformed IPv4 context value tested
   *     by an IP condition
   */
  public String decide(
      List<String> roleNames, String action, String resource, Map<String, String> context) {
    boolean allowed = false;
    for (String roleName : roleNames) {
      @Nullable List<Compiled> statements = roles.get(roleName);
      if (statements == null) {
        throw new IllegalArgumentException("unknown role " + roleName);
      }
      for (Compiled st : statements) {
        boolean deny = st.statement().isDeny();
        if (!deny && allowed) {
          continue; // already allowed: only a Deny can change the answer
        }
        if (applies(st, action, resource, context)) {
          if (deny) {
            return EXPLICIT_DENY;
          }
          allowed = true;
        }
      }
    }
    return allowed ? ALLOW : IMPLICIT_DENY;
  }

  private static boolean applies(
      Compiled compiled, String action, String resource, Map<String, String> context) {
    PolicyStatement st = compiled.statement();
    if (!anyMatches(st.actions(), action, true) || !anyMatches(st.resources(), resource, false)) {
      return false;
    }
    for (int i = 0; i < st.conditions().size(); i++) {
      PolicyStatement.Condition c = st.conditions().get(i);
      if (!holds(c, compiled.cidrs().get(i), context.get(c.key()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean anyMatches(List<String> patterns, String text, boolean ignoreCase) {
    for (String pattern : patterns) {
      if (Glob.matches(pattern, text, ignoreCase)) {
        return true;
      }
    }
    return false;
  }

  private static boolean holds(PolicyStatement.Condition c, int[][] cidrs, @Nullable String value) {
    return switch (c.operator()) {
      case "IpAddress" -> value != null && inAny(Ipv4.parseAddress(value), cidrs);
      case "NotIpAddress" -> value == null || !inAny(Ipv4.parseAddress(value), cidrs);
      case "Bool" ->
          value != null
              && c.values().stream()
                  .anyMatch(x -> x.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT)));
      case "StringEquals" -> value != null && c.values().contains(value);
      default ->
          throw new IllegalArgumentException("unsupported condition operator " + c.operator());
    };
  }

  private static boolean inAny(int ip, int[][] cidrs) {
    for (int[] cidr : cidrs) {
      if ((ip & cidr[1]) == cidr[0]) {
        return true;
      }
    }
    return false;
  }

  /** IPv4 dotted quads and CIDR blocks as ints; a CIDR is {@code {network, mask}}. */
  static final class Ipv4 {
    private Ipv4() {}

    /** Parses {@code a.b.c.d}: four decimal octets 0..255, no leading zeros. */
    static int parseAddress(String s) {
      String[] parts = s.split("\\.", -1);
      if (parts.length != 4) {
        throw new IllegalArgumentException("not an IPv4 address: " + s);
      }
      int ip = 0;
      for (String part : parts) {
        if (!isNumber(part, 3)
            || (part.length() > 1 && part.charAt(0) == '0')
            || Integer.parseInt(part) > 255) {
          throw new IllegalArgumentException("not an IPv4 address: " + s);
        }
        ip = (ip << 8) | Integer.parseInt(part);
      }
      return ip;
    }

    /** Parses {@code a.b.c.d/len} (or a bare address, {@code /32}); host bits are cleared. */
    static int[] parseCidr(String s) {
      int slash = s.indexOf('/');
      int length = 32;
      if (slash >= 0) {
        String len = s.substring(slash + 1);
        if (!isNumber(len, 2) || Integer.parseInt(len) > 32) {
          throw new IllegalArgumentException("not an IPv4 CIDR: " + s);
        }
        length = Integer.parseInt(len);
      }
      int mask = length == 0 ? 0 : -1 << (32 - length);
      int address = parseAddress(slash >= 0 ? s.substring(0, slash) : s);
      return new int[] {address & mask, mask};
    }

    private static boolean isNumber(String s, int maxDigits) {
      return !s.isEmpty()
          && s.length() <= maxDigits
          && s.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    }
  }
}
