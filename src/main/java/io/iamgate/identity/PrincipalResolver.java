package io.iamgate.identity;

import io.iamgate.bundle.Bundle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves principals against one bundle: which documents apply (IAM's union of user, group and
 * managed policies, or the role's), and which context keys the principal contributes. Immutable and
 * thread-safe.
 */
public final class PrincipalResolver {
  private final Bundle bundle;

  public PrincipalResolver(Bundle bundle) {
    this.bundle = bundle;
  }

  public Bundle bundle() {
    return bundle;
  }

  /**
   * The documents of a principal, or empty when the bundle has no such user or role. Groups named
   * by the principal (from a groups claim) that the bundle does not define add nothing.
   */
  public Optional<PrincipalPolicies> policies(Principal p) {
    List<Bundle.Policy> identity = new ArrayList<>();
    String boundary;
    if (p.kind() == Principal.Kind.USER) {
      Bundle.User u = bundle.users().get(p.name());
      if (u == null) {
        return Optional.empty();
      }
      addManaged(u.policies(), identity);
      identity.addAll(u.inlinePolicies());
      for (String g : groupsOf(u, p)) {
        Bundle.Group group = bundle.groups().get(g);
        if (group != null) {
          addManaged(group.policies(), identity);
          identity.addAll(group.inlinePolicies());
        }
      }
      boundary = u.permissionsBoundary();
    } else {
      Bundle.Role r = bundle.roles().get(p.name());
      if (r == null) {
        return Optional.empty();
      }
      addManaged(r.policies(), identity);
      identity.addAll(r.inlinePolicies());
      boundary = r.permissionsBoundary();
    }
    List<Bundle.Policy> guardrails = null;
    if (!bundle.guardrails().isEmpty()) {
      guardrails = new ArrayList<>();
      addManaged(bundle.guardrails(), guardrails);
    }
    return Optional.of(
        new PrincipalPolicies(
            dedupe(identity), boundary == null ? null : managed(boundary), guardrails));
  }

  /**
   * The user's bundle groups followed by the principal's extra (claimed) groups, without repeats.
   */
  public List<String> groupsOf(Bundle.User u, Principal p) {
    Set<String> all = new LinkedHashSet<>(u.groups());
    all.addAll(p.groups());
    return List.copyOf(all);
  }

  private void addManaged(List<String> names, List<Bundle.Policy> out) {
    for (String n : names) {
      out.add(managed(n));
    }
  }

  /**
   * The managed policy named {@code name}. A bundle that passed validation defines every policy it
   * references; a reference to a missing one throws, so that the caller denies rather than
   * evaluating without that policy.
   */
  private Bundle.Policy managed(String name) {
    Bundle.ManagedPolicy mp =
        Objects.requireNonNull(
            bundle.policies().get(name), "the bundle has no managed policy `" + name + "`");
    return mp.policy();
  }

  /** A managed policy attached through two groups is one document, not two. */
  private static List<Bundle.Policy> dedupe(List<Bundle.Policy> docs) {
    Map<Bundle.Policy, Boolean> seen = new LinkedHashMap<>();
    for (Bundle.Policy d : docs) {
      seen.putIfAbsent(d, Boolean.TRUE);
    }
    return List.copyOf(seen.keySet());
  }

  /**
   * The context keys the principal contributes (section 4.9): {@code aws:username} (users only),
   * {@code aws:userid}, {@code aws:PrincipalArn}, {@code aws:PrincipalType}, {@code
   * aws:PrincipalAccount}, and {@code aws:PrincipalTag/<key>} for each tag. Values are a String;
   * the caller merges them over its own context.
   */
  public Map<String, String> contextKeys(Principal p) {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("aws:PrincipalAccount", bundle.account());
    if (p.kind() == Principal.Kind.USER) {
      keys.put("aws:username", p.name());
      keys.put("aws:userid", p.name());
      keys.put("aws:PrincipalArn", bundle.userArn(p.name()));
      keys.put("aws:PrincipalType", "User");
      Bundle.User u = bundle.users().get(p.name());
      if (u != null) {
        u.tags().forEach((k, v) -> keys.put("aws:PrincipalTag/" + k, v));
      }
    } else {
      keys.put(
          "aws:userid", p.name() + ":" + (p.sessionName() == null ? p.name() : p.sessionName()));
      keys.put("aws:PrincipalArn", bundle.roleArn(p.name()));
      keys.put("aws:PrincipalType", "AssumedRole");
      Bundle.Role r = bundle.roles().get(p.name());
      if (r != null) {
        r.tags().forEach((k, v) -> keys.put("aws:PrincipalTag/" + k, v));
      }
    }
    return keys;
  }
}
