package io.iamgate.trail;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.RouteTable;
import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.eval.Evaluator;
import io.iamgate.eval.Request;
import io.iamgate.eval.RequestContext;
import io.iamgate.facade.IamGate;
import io.iamgate.identity.Directory;
import io.iamgate.identity.Principal;
import io.iamgate.policy.Statement;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A generated policy set against a principal's current grants in a bundle, asked of the engine: for
 * every action of the catalogue (the actions the bundle's routes produce, the actions its policies
 * name without wildcards, and the actions observed), on probe resources (the resources observed for
 * it, and the resource of each route that produces it, its path parameters replaced by a probe
 * value and by the principal's own name), the bundle's decision for the principal (its identity
 * policies, boundary and guardrails, through {@link IamGate}) and the generated policy's decision.
 * Every probe is asked with MFA present, the principal's most frequent observed source address, and
 * {@code aws:RequestedRegion} the probe resource's region.
 */
public final class GrantDiff {
  /** Stands for a path parameter or another request value in a route's resource. */
  public static final String PROBE = "iamgate-probe";

  private GrantDiff() {}

  /** An action on a resource. */
  public record Probe(String action, String resource) {}

  /**
   * The differences.
   *
   * @param actionsOnlyCurrent actions the current grants allow on some probe and the generated
   *     policy on none (the permissions the generated policy would take away), with one example
   *     resource each
   * @param actionsOnlyGenerated actions the generated policy allows and the current grants do not
   * @param resourcesOnlyCurrent for actions both allow, the probes only the current grants allow
   * @param resourcesOnlyGenerated for actions both allow, the probes only the generated policy
   *     allows
   * @param context the context keys every probe was asked with (besides {@code
   *     aws:RequestedRegion})
   */
  public record Result(
      List<Probe> actionsOnlyCurrent,
      List<Probe> actionsOnlyGenerated,
      List<Probe> resourcesOnlyCurrent,
      List<Probe> resourcesOnlyGenerated,
      Map<String, String> context) {
    public Result {
      actionsOnlyCurrent = List.copyOf(actionsOnlyCurrent);
      actionsOnlyGenerated = List.copyOf(actionsOnlyGenerated);
      resourcesOnlyCurrent = List.copyOf(resourcesOnlyCurrent);
      resourcesOnlyGenerated = List.copyOf(resourcesOnlyGenerated);
      context = Map.copyOf(context);
    }
  }

  /**
   * The action catalogue of a bundle: the actions its routes produce and the actions its policies
   * (managed, inline, built in) name without wildcards, in {@code Allow} and {@code Deny}
   * statements; sorted, in their first spelling, unique in any letter case.
   */
  public static List<String> catalogue(Bundle bundle) {
    Map<String, String> out = new TreeMap<>();
    for (Bundle.Route r : bundle.routes()) {
      out.putIfAbsent(r.action().toLowerCase(Locale.ROOT), r.action());
    }
    for (Bundle.Policy p : policies(bundle)) {
      for (Statement s : p.document().statements()) {
        for (String a : s.action().patterns()) {
          if (a.indexOf('*') < 0 && a.indexOf('?') < 0) {
            out.putIfAbsent(a.toLowerCase(Locale.ROOT), a);
          }
        }
      }
    }
    return List.copyOf(out.values());
  }

  /** Every policy document of a bundle: managed policies, then inline ones. */
  static List<Bundle.Policy> policies(Bundle bundle) {
    List<Bundle.Policy> out = new ArrayList<>();
    bundle.policies().values().forEach(m -> out.add(m.policy()));
    bundle.users().values().forEach(u -> out.addAll(u.inlinePolicies()));
    bundle.groups().values().forEach(g -> out.addAll(g.inlinePolicies()));
    bundle.roles().values().forEach(r -> out.addAll(r.inlinePolicies()));
    return out;
  }

  /**
   * Compares.
   *
   * @param calls the principal's observed calls (their resources are probes, their addresses choose
   *     the source address)
   */
  public static Result diff(
      Bundle bundle,
      Principal principal,
      CompiledPolicySet generated,
      List<PolicyGenerator.Call> calls) {
    Map<String, String> ctx = new LinkedHashMap<>();
    ctx.put("aws:MultiFactorAuthPresent", "true");
    ctx.put("aws:MultiFactorAuthAge", "0");
    String ip = mostFrequent(calls.stream().map(PolicyGenerator.Call::sourceIp).toList());
    if (ip != null && io.iamgate.policy.IpAddresses.parseAddress(ip) != null) {
      ctx.put("aws:SourceIp", ip);
    }
    Map<String, TreeSet<String>> probes = probes(bundle, principal, calls);
    IamGate gate = new IamGate(Directory.fixed(bundle));
    List<Probe> onlyCurrent = new ArrayList<>();
    List<Probe> onlyGenerated = new ArrayList<>();
    List<Probe> resOnlyCurrent = new ArrayList<>();
    List<Probe> resOnlyGenerated = new ArrayList<>();
    for (Map.Entry<String, TreeSet<String>> e : probes.entrySet()) {
      String action = e.getKey();
      List<String> cur = new ArrayList<>();
      List<String> gen = new ArrayList<>();
      for (String resource : e.getValue()) {
        Map<String, String> c = new LinkedHashMap<>(ctx);
        String region = region(resource);
        if (region != null) {
          c.put("aws:RequestedRegion", region);
        }
        boolean current = gate.authorize(principal, action, resource, c).allowed();
        RequestContext.Builder rc = RequestContext.builder();
        c.forEach(rc::put);
        boolean gen1 =
            Evaluator.decide(generated, Request.of(action, resource, rc.build()))
                .decision()
                .allowed();
        if (current) {
          cur.add(resource);
        }
        if (gen1) {
          gen.add(resource);
        }
      }
      if (!cur.isEmpty() && gen.isEmpty()) {
        onlyCurrent.add(new Probe(action, cur.get(0)));
      } else if (cur.isEmpty() && !gen.isEmpty()) {
        onlyGenerated.add(new Probe(action, gen.get(0)));
      } else {
        cur.stream()
            .filter(r -> !gen.contains(r))
            .forEach(r -> resOnlyCurrent.add(new Probe(action, r)));
        gen.stream()
            .filter(r -> !cur.contains(r))
            .forEach(r -> resOnlyGenerated.add(new Probe(action, r)));
      }
    }
    return new Result(onlyCurrent, onlyGenerated, resOnlyCurrent, resOnlyGenerated, ctx);
  }

  /** The probe resources of every catalogue action, by action (sorted). */
  private static Map<String, TreeSet<String>> probes(
      Bundle bundle, Principal principal, List<PolicyGenerator.Call> calls) {
    Map<String, TreeSet<String>> out = new TreeMap<>();
    Map<String, String> spelling = new HashMap<>();
    List<String> actions = new ArrayList<>(catalogue(bundle));
    calls.forEach(c -> actions.add(c.action()));
    for (String a : actions) {
      String key = a.toLowerCase(Locale.ROOT);
      spelling.putIfAbsent(key, a);
    }
    for (PolicyGenerator.Call c : calls) {
      out.computeIfAbsent(
              spelling.getOrDefault(c.action().toLowerCase(Locale.ROOT), c.action()),
              k -> new TreeSet<>())
          .add(c.resource());
    }
    // a route's request values: the region observed most for its service, else the probe
    RouteTable table = new RouteTable(bundle.routes(), bundle.account());
    for (Bundle.Route route : bundle.routes()) {
      String service = route.action().substring(0, Math.max(0, route.action().indexOf(':')));
      String region =
          mostFrequent(
              calls.stream()
                  .filter(
                      c ->
                          c.action()
                              .toLowerCase(Locale.ROOT)
                              .startsWith(service.toLowerCase(Locale.ROOT) + ":"))
                  .map(c -> region(c.resource()))
                  .toList());
      Map<String, String> vars = anyValue(region == null ? PROBE : region);
      for (String probe : new TreeSet<>(List.of(PROBE, principal.name()))) {
        String resource = table.resolveForAnyPath(route, vars, probe);
        if (resource != null) {
          out.computeIfAbsent(
                  spelling.getOrDefault(route.action().toLowerCase(Locale.ROOT), route.action()),
                  k -> new TreeSet<>())
              .add(resource);
        }
      }
    }
    return out;
  }

  /** Every request value {@code aws:RequestedRegion} and the like: {@code value}. */
  private static Map<String, String> anyValue(String value) {
    return new AbstractMap<String, String>() {
      @Override
      public String get(Object key) {
        return value;
      }

      @Override
      public Set<Map.Entry<String, String>> entrySet() {
        return Set.of();
      }
    };
  }

  private static @Nullable String region(String arn) {
    String[] parts = arn.split(":", 6);
    if (parts.length < 6
        || parts[3].isEmpty()
        || parts[3].contains("*")
        || parts[3].equals(PROBE)) {
      return null;
    }
    return parts[3];
  }

  private static @Nullable String mostFrequent(List<@Nullable String> values) {
    Map<String, Integer> counts = new TreeMap<>();
    for (String v : values) {
      if (v != null) {
        counts.merge(v, 1, Integer::sum);
      }
    }
    String best = null;
    int n = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() > n) {
        best = e.getKey();
        n = e.getValue();
      }
    }
    return best;
  }
}
