package io.iamgate.lint;

import io.iamgate.json.Json;
import io.iamgate.policy.BaseOperator;
import io.iamgate.policy.IpAddresses;
import io.iamgate.policy.OperatorFamily;
import io.iamgate.policy.PolicyDates;
import io.iamgate.policy.PolicyNumbers;
import io.iamgate.policy.SetQualifier;
import io.iamgate.policy.parse.Hints;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The analyzer's checks on what a statement's conditions can match: keys the request never holds,
 * {@code ForAllValues} without a {@code Null} guard, IP sets with no address, and operators on one
 * key that no value satisfies together (docs/analyze.md). Absent-key semantics follow
 * docs/policy-language.md section 4.4: a plain operator is false on a missing key, a negated one
 * true, {@code IfExists} true.
 */
final class ConditionLogic {
  private ConditionLogic() {}

  /** Receives a finding at a JSON location. */
  @FunctionalInterface
  interface Reporter {
    void add(
        Check check, FindingSeverity severity, String path, Json at, String message, String hint);

    /** A finding of {@code check} at its usual severity. */
    default void add(Check check, String path, Json at, String message, String hint) {
      add(check, check.severity(), path, at, message, hint);
    }
  }

  /**
   * The condition keys the authorizer puts in a request (docs/authorizer.md, "Context keys"), lower
   * case; {@code aws:PrincipalTag/} keys, {@code jwt:} claims and the {@code request:} families are
   * recognised by prefix.
   */
  private static final Set<String> SUPPLIED_GLOBAL_KEYS =
      Set.of(
          "aws:securetransport",
          "aws:requestedregion",
          "aws:tokenissuetime",
          "aws:multifactorauthpresent",
          "aws:multifactorauthage",
          "aws:currenttime",
          "aws:epochtime",
          "aws:sourceip",
          "aws:useragent",
          "aws:principalaccount",
          "aws:username",
          "aws:userid",
          "aws:principalarn",
          "aws:principaltype");

  private static final List<String> REQUEST_KEYS =
      List.of(
          "request:method", "request:stage", "request:path/", "request:header/", "request:query/");

  /**
   * Keys the request can never hold.
   *
   * @param conds the statement's conditions
   * @param services the lower-case services of the statement's {@code Action} ({@code orders}), or
   *     {@code null} when it has {@code NotAction} or {@code *}
   * @param routed whether the authorizer decides some of the statement's actions (a route produces
   *     one): then only the keys it supplies can be present
   * @param pathParameters the path parameter names of the bundle's routes, or {@code null} without
   *     a bundle
   */
  static void unsuppliedKeys(
      List<Cond> conds,
      @Nullable Set<String> services,
      boolean routed,
      @Nullable Collection<String> pathParameters,
      Reporter r) {
    for (Cond c : conds) {
      String lower = c.key().toLowerCase(Locale.ROOT);
      int colon = lower.indexOf(':');
      String namespace = colon < 0 ? "" : lower.substring(0, colon);
      String why = null;
      String hint = Check.CONDITION_KEY_NOT_SUPPLIED.hint();
      if (namespace.equals("aws")) {
        if (routed
            && GlobalKeys.find(c.key()) != null
            && !SUPPLIED_GLOBAL_KEYS.contains(lower)
            && !lower.startsWith("aws:principaltag/")) {
          why = "the authorizer never supplies `" + c.key() + "`";
        }
      } else if (namespace.equals("request")) {
        if (REQUEST_KEYS.stream()
            .noneMatch(
                k ->
                    k.endsWith("/")
                        ? lower.startsWith(k) && lower.length() > k.length()
                        : lower.equals(k))) {
          why = "`" + c.key() + "` is no request key the authorizer supplies";
          hint =
              "use `request:method`, `request:stage`, `request:path/<name>`, `request:header/<name>` or `request:query/<name>`";
        } else if (lower.startsWith("request:path/") && pathParameters != null) {
          String name = c.key().substring("request:path/".length());
          if (pathParameters.stream().noneMatch(n -> n.equalsIgnoreCase(name))) {
            why = "no route has a path parameter `{" + name + "}`";
            String dym = Hints.didYouMean(name, pathParameters);
            hint = dym != null ? dym : "name a path parameter of the bundle's routes";
          }
        }
      } else if (!namespace.equals("jwt") && services != null && !services.contains(namespace)) {
        why =
            "`"
                + c.key()
                + "` is a key of "
                + (namespace.isEmpty() ? "no service" : "service `" + namespace + "`")
                + ", and this statement is about "
                + String.join(", ", services.stream().sorted().map(s -> "`" + s + "`").toList());
      }
      if (why == null) {
        continue;
      }
      r.add(
          Check.CONDITION_KEY_NOT_SUPPLIED,
          c.keyPath(),
          c.keyAt(),
          why + ": " + absentMeans(c),
          hint);
    }
  }

  /** What a condition on a key that is always absent does. */
  private static String absentMeans(Cond c) {
    BaseOperator base = c.operator().base();
    if (base == BaseOperator.NULL) {
      return "`Null` always sees it absent";
    }
    SetQualifier q = c.operator().qualifier();
    boolean passes =
        q == SetQualifier.FOR_ALL_VALUES
            || (q == SetQualifier.NONE && (c.operator().ifExists() || base.negated()));
    return "`" + c.written() + "` is always " + (passes ? "true" : "false");
  }

  /** Multi-valued keys beyond the global ones: the token's scopes (docs/authorizer.md). */
  private static final Set<String> MULTI_VALUED_CLAIMS = Set.of("jwt:scope", "jwt:scp");

  /** A plain operator on a key that is always multi-valued when present. */
  static void missingQualifiers(List<Cond> conds, Reporter r) {
    for (Cond c : conds) {
      if (c.operator().qualifier() != SetQualifier.NONE
          || c.operator().base() == BaseOperator.NULL) {
        continue;
      }
      String lower = c.key().toLowerCase(Locale.ROOT);
      GlobalKeys.Key known = GlobalKeys.isGlobal(c.key()) ? GlobalKeys.find(c.key()) : null;
      if (!MULTI_VALUED_CLAIMS.contains(lower) && (known == null || !known.multi())) {
        continue;
      }
      r.add(
          Check.MISSING_QUALIFIER,
          c.keyPath(),
          c.keyAt(),
          "`"
              + c.written()
              + "` on multi-valued `"
              + c.key()
              + "` is false whenever the request has the key: a plain operator never matches a"
              + " multi-valued key",
          c.operator().ifExists()
              ? "write `ForAllValues:"
                  + c.written()
                  + "` (every value matches; also true when the key is absent, as `IfExists`"
                  + " was) or `ForAnyValue:"
                  + c.written()
                  + "` (some value matches; false when the key is absent)"
              : "write `ForAnyValue:"
                  + c.written()
                  + "` (some value matches) or `ForAllValues:"
                  + c.written()
                  + "` (every value matches)");
    }
  }

  /** {@code ForAllValues} in an {@code Allow} without a {@code Null} guard on its key. */
  static void forAllValuesWithoutNullGuard(List<Cond> conds, boolean allow, Reporter r) {
    if (!allow) {
      return;
    }
    for (Cond c : conds) {
      if (c.operator().qualifier() != SetQualifier.FOR_ALL_VALUES) {
        continue;
      }
      GlobalKeys.Key known = GlobalKeys.isGlobal(c.key()) ? GlobalKeys.find(c.key()) : null;
      if (known != null && !known.multi()) {
        continue; // FORALLVALUES_WITH_SINGLE_VALUED_KEY says more
      }
      // a Null on the key either requires it (false) or says absence is meant (true); a plain
      // ForAnyValue on it is false when the key is absent, so it guards as well
      boolean guarded =
          conds.stream()
              .anyMatch(
                  g ->
                      g.key().equalsIgnoreCase(c.key())
                          && (g.operator().base() == BaseOperator.NULL
                              || (g.operator().qualifier() == SetQualifier.FOR_ANY_VALUE
                                  && !g.operator().ifExists()
                                  && !g.operator().base().negated())));
      if (!guarded) {
        r.add(
            Check.FORALLVALUES_WITHOUT_NULL_GUARD,
            c.keyPath(),
            c.keyAt(),
            "`"
                + c.written()
                + "` on `"
                + c.key()
                + "` is true when the request has no `"
                + c.key()
                + "` at all, so this Allow also lets in callers without it",
            "add `\"Null\": {\"" + c.key() + "\": \"false\"}` to the statement's conditions");
      }
    }
  }

  /** IP conditions that admit no address. */
  static void emptyIpSets(List<Cond> conds, Reporter r) {
    for (Cond not : conds) {
      if (!not.plain(BaseOperator.NOT_IP_ADDRESS)) {
        continue;
      }
      List<IpAddresses.Range> excluded = ranges(not.values());
      if (excluded == null) {
        continue;
      }
      boolean allV4 = excluded.stream().anyMatch(x -> !x.v6() && x.prefix() == 0);
      boolean allV6 = excluded.stream().anyMatch(x -> x.v6() && x.prefix() == 0);
      if (allV4 && allV6) {
        r.add(
            Check.EMPTY_IP_SET,
            not.keyPath(),
            not.keyAt(),
            "`NotIpAddress` on `"
                + not.key()
                + "` excludes every IPv4 and IPv6 address: true only for requests without `"
                + not.key()
                + "`",
            Check.EMPTY_IP_SET.hint());
        continue;
      }
      for (Cond in : conds) {
        if (!in.plain(BaseOperator.IP_ADDRESS) || !in.key().equalsIgnoreCase(not.key())) {
          continue;
        }
        List<IpAddresses.Range> admitted = ranges(in.values());
        if (admitted != null
            && admitted.stream().allMatch(a -> excluded.stream().anyMatch(x -> within(a, x)))) {
          r.add(
              Check.EMPTY_IP_SET,
              not.keyPath(),
              not.keyAt(),
              "every address `IpAddress` admits on `"
                  + in.key()
                  + "` is excluded by `NotIpAddress`: never true",
              Check.EMPTY_IP_SET.hint());
        }
      }
    }
  }

  private static @Nullable List<IpAddresses.Range> ranges(List<String> values) {
    List<IpAddresses.Range> out = new ArrayList<>();
    for (String v : values) {
      IpAddresses.Range range = IpAddresses.parseRange(v);
      if (range == null) {
        return null;
      }
      out.add(range);
    }
    return out.isEmpty() ? null : out;
  }

  /** Whether block {@code a} lies inside block {@code b}. */
  private static boolean within(IpAddresses.Range a, IpAddresses.Range b) {
    return a.v6() == b.v6()
        && b.prefix() <= a.prefix()
        && b.contains(new IpAddresses.Address(a.v6(), a.hi(), a.lo()));
  }

  /**
   * Operators on one key that no value satisfies together: a lower bound at or above an upper bound
   * ({@code Numeric...} and {@code Date...}), and {@code Null: true} (the key must be absent)
   * beside an operator that is false on a missing key.
   */
  static void contradictions(List<Cond> conds, Reporter r) {
    for (int i = 0; i < conds.size(); i++) {
      Cond a = conds.get(i);
      for (int j = i + 1; j < conds.size(); j++) {
        Cond b = conds.get(j);
        if (!a.key().equalsIgnoreCase(b.key())) {
          continue;
        }
        String why = disjointBounds(a, b);
        if (why == null) {
          why = disjointBounds(b, a);
        }
        if (why == null) {
          why = absentAndPresent(a, b);
        }
        if (why == null) {
          why = absentAndPresent(b, a);
        }
        if (why != null) {
          r.add(
              Check.CONTRADICTORY_CONDITION,
              b.keyPath(),
              b.keyAt(),
              why + ": never true",
              Check.CONTRADICTORY_CONDITION.hint());
        }
      }
    }
  }

  private static @Nullable String absentAndPresent(Cond isNull, Cond other) {
    if (!isNull.plain(BaseOperator.NULL)
        || !isNull.values().stream().allMatch(v -> v.equalsIgnoreCase("true"))
        || other.operator().base() == BaseOperator.NULL
        || other.operator().base().negated()
        || other.operator().ifExists()
        || other.operator().qualifier() == SetQualifier.FOR_ALL_VALUES
        || mayMatchEmpty(other)) {
      return null;
    }
    return "`Null` requires `"
        + isNull.key()
        + "` to be absent, and `"
        + other.written()
        + "` is false when it is absent";
  }

  /**
   * Whether {@code c} may be true for the empty string, which {@code Null} counts as absent
   * (docs/policy-language.md, 4.6): a string or ARN value that is empty or only {@code *}, or holds
   * a variable.
   */
  private static boolean mayMatchEmpty(Cond c) {
    OperatorFamily family = c.operator().base().family();
    if (family != OperatorFamily.STRING && family != OperatorFamily.ARN) {
      return false;
    }
    return c.values().stream()
        .anyMatch(v -> v.contains("${") || v.chars().allMatch(ch -> ch == '*'));
  }

  /** When {@code upper} caps the key below where {@code lower} starts, why; else null. */
  private static @Nullable String disjointBounds(Cond upper, Cond lower) {
    BaseOperator u = upper.operator().base();
    BaseOperator l = lower.operator().base();
    boolean numeric =
        (u == BaseOperator.NUMERIC_LESS_THAN || u == BaseOperator.NUMERIC_LESS_THAN_EQUALS)
            && (l == BaseOperator.NUMERIC_GREATER_THAN
                || l == BaseOperator.NUMERIC_GREATER_THAN_EQUALS);
    boolean date =
        (u == BaseOperator.DATE_LESS_THAN || u == BaseOperator.DATE_LESS_THAN_EQUALS)
            && (l == BaseOperator.DATE_GREATER_THAN || l == BaseOperator.DATE_GREATER_THAN_EQUALS);
    if (!(numeric || date) || !single(upper) || !single(lower)) {
      return null;
    }
    // values of one operator are OR-ed: the widest upper bound and the lowest lower bound count
    BigDecimal max = null;
    for (String v : upper.values()) {
      BigDecimal n = number(v, date);
      if (n == null) {
        return null;
      }
      max = max == null || n.compareTo(max) > 0 ? n : max;
    }
    BigDecimal min = null;
    for (String v : lower.values()) {
      BigDecimal n = number(v, date);
      if (n == null) {
        return null;
      }
      min = min == null || n.compareTo(min) < 0 ? n : min;
    }
    if (max == null || min == null) {
      return null;
    }
    boolean inclusive =
        (u == BaseOperator.NUMERIC_LESS_THAN_EQUALS || u == BaseOperator.DATE_LESS_THAN_EQUALS)
            && (l == BaseOperator.NUMERIC_GREATER_THAN_EQUALS
                || l == BaseOperator.DATE_GREATER_THAN_EQUALS);
    int cmp = max.compareTo(min);
    if (inclusive ? cmp >= 0 : cmp > 0) {
      return null;
    }
    return "`"
        + upper.written()
        + "` and `"
        + lower.written()
        + "` on `"
        + upper.key()
        + "` admit no value between them";
  }

  private static boolean single(Cond c) {
    return c.operator().qualifier() == SetQualifier.NONE
        && !c.operator().ifExists()
        && !c.values().isEmpty()
        && c.values().stream().noneMatch(v -> v.contains("${"));
  }

  private static @Nullable BigDecimal number(String v, boolean date) {
    if (!date) {
      return PolicyNumbers.parse(v);
    }
    java.time.Instant t = PolicyDates.parse(v);
    return t == null
        ? null
        : BigDecimal.valueOf(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano(), 9));
  }
}
