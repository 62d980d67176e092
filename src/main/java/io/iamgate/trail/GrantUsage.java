package io.iamgate.trail;

import io.iamgate.bundle.Bundle;
import io.iamgate.compile.Glob;
import io.iamgate.policy.Effect;
import io.iamgate.policy.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A bundle's grants set against what was used, in the spirit of IAM's last-accessed information:
 * for every user and role, for every policy that grants to it (its own managed and inline policies,
 * and those of its groups), the actions the policy's {@code Allow} statements grant, expanded
 * against the action catalogue (the actions the bundle's routes produce, the actions its policies
 * name without wildcards, and the actions observed being allowed), each with the last time the
 * principal was allowed it and how often, or unused. Action level only: resources and conditions
 * are not looked at, and a grant a boundary or guardrail blocks still counts as granted.
 */
public final class GrantUsage {
  private GrantUsage() {}

  /**
   * A granted action that was used.
   *
   * @param action the action
   * @param lastUsed the last time the principal was allowed it
   * @param allows how many times it was allowed
   */
  public record Use(String action, Instant lastUsed, int allows) {}

  /**
   * One policy of a principal.
   *
   * @param policy the policy's name
   * @param via how it reaches the principal: {@code user}, {@code role}, {@code group/Developers};
   *     with {@code inline} for an inline policy ({@code group/Developers inline})
   * @param used the granted actions used, sorted
   * @param unused the granted actions never used in the period, sorted
   */
  public record PolicyUse(String policy, String via, List<Use> used, List<String> unused) {
    public PolicyUse {
      used = List.copyOf(used);
      unused = List.copyOf(unused);
    }
  }

  /**
   * One principal.
   *
   * @param principal {@code user/alice}, {@code role/Auditor}
   * @param lastSeen the last decision about it in the period, or {@code null} when there is none
   * @param policies its granting policies
   */
  public record PrincipalUse(
      String principal, @Nullable Instant lastSeen, List<PolicyUse> policies) {
    public PrincipalUse {
      policies = List.copyOf(policies);
    }
  }

  /**
   * The report.
   *
   * @param principals every user, then every role of the bundle, by name
   * @param notInBundle principals the events name that the bundle does not have
   */
  public record Report(List<PrincipalUse> principals, List<String> notInBundle) {
    public Report {
      principals = List.copyOf(principals);
      notInBundle = List.copyOf(notInBundle);
    }
  }

  /** The report for {@code records} (already limited to the period). */
  public static Report of(Bundle bundle, List<DecisionRecord> records) {
    Map<String, String> catalogue = new TreeMap<>();
    GrantDiff.catalogue(bundle).forEach(a -> catalogue.put(a.toLowerCase(Locale.ROOT), a));
    // principal -> action (lower case) -> [last, count]
    Map<String, Map<String, Use>> used = new HashMap<>();
    Map<String, Instant> lastSeen = new HashMap<>();
    for (DecisionRecord r : records) {
      String p = r.principal();
      if (p == null) {
        continue;
      }
      lastSeen.merge(p, r.time(), (a, b) -> a.isAfter(b) ? a : b);
      String a = r.action();
      if (r.outcome() != Outcome.ALLOW || a == null) {
        continue;
      }
      String key = a.toLowerCase(Locale.ROOT);
      catalogue.putIfAbsent(key, a);
      used.computeIfAbsent(p, k -> new HashMap<>())
          .merge(
              key,
              new Use(a, r.time(), 1),
              (x, y) ->
                  new Use(
                      x.action(),
                      x.lastUsed().isAfter(y.lastUsed()) ? x.lastUsed() : y.lastUsed(),
                      x.allows() + y.allows()));
    }
    List<PrincipalUse> out = new ArrayList<>();
    TreeSet<String> known = new TreeSet<>();
    for (Bundle.User u : new TreeMap<>(bundle.users()).values()) {
      List<PolicyUse> policies = new ArrayList<>();
      for (String name : u.policies()) {
        add(policies, bundle, name, "user", catalogue, used.get("user/" + u.name()));
      }
      for (Bundle.Policy p : u.inlinePolicies()) {
        policies.add(use(p, "user inline", catalogue, used.get("user/" + u.name())));
      }
      for (String g : u.groups()) {
        Bundle.Group group = bundle.groups().get(g);
        if (group == null) {
          continue;
        }
        for (String name : group.policies()) {
          add(policies, bundle, name, "group/" + g, catalogue, used.get("user/" + u.name()));
        }
        for (Bundle.Policy p : group.inlinePolicies()) {
          policies.add(use(p, "group/" + g + " inline", catalogue, used.get("user/" + u.name())));
        }
      }
      known.add("user/" + u.name());
      out.add(new PrincipalUse("user/" + u.name(), lastSeen.get("user/" + u.name()), policies));
    }
    for (Bundle.Role r : new TreeMap<>(bundle.roles()).values()) {
      List<PolicyUse> policies = new ArrayList<>();
      for (String name : r.policies()) {
        add(policies, bundle, name, "role", catalogue, used.get("role/" + r.name()));
      }
      for (Bundle.Policy p : r.inlinePolicies()) {
        policies.add(use(p, "role inline", catalogue, used.get("role/" + r.name())));
      }
      known.add("role/" + r.name());
      out.add(new PrincipalUse("role/" + r.name(), lastSeen.get("role/" + r.name()), policies));
    }
    TreeSet<String> unknown = new TreeSet<>(lastSeen.keySet());
    unknown.removeAll(known);
    return new Report(out, List.copyOf(unknown));
  }

  private static void add(
      List<PolicyUse> out,
      Bundle bundle,
      String name,
      String via,
      Map<String, String> catalogue,
      @Nullable Map<String, Use> used) {
    Bundle.ManagedPolicy m = bundle.policies().get(name);
    if (m != null) {
      out.add(use(m.policy(), via, catalogue, used));
    }
  }

  private static PolicyUse use(
      Bundle.Policy p, String via, Map<String, String> catalogue, @Nullable Map<String, Use> used) {
    List<Use> u = new ArrayList<>();
    List<String> unused = new ArrayList<>();
    for (String key : granted(p, catalogue)) {
      Use x = used == null ? null : used.get(key);
      if (x != null) {
        u.add(x);
      } else {
        unused.add(catalogue.getOrDefault(key, key));
      }
    }
    return new PolicyUse(p.name(), via, u, unused);
  }

  /** The catalogue actions (lower case, sorted) a policy's Allow statements grant. */
  static TreeSet<String> granted(Bundle.Policy p, Map<String, String> catalogue) {
    TreeSet<String> out = new TreeSet<>();
    for (Statement s : p.document().statements()) {
      if (s.effect() != Effect.ALLOW) {
        continue;
      }
      for (String key : catalogue.keySet()) {
        boolean matched = false;
        for (String pattern : s.action().patterns()) {
          matched |= matches(pattern.toLowerCase(Locale.ROOT), key);
        }
        if (matched != s.action().negated()) {
          out.add(key);
        }
      }
    }
    return out;
  }

  /** IAM action matching: {@code *} any run, {@code ?} one character; lower-cased by the caller. */
  static boolean matches(String pattern, String action) {
    return Glob.of(pattern).matches(action);
  }
}
