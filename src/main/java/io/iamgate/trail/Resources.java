package io.iamgate.trail;

import io.iamgate.compile.Glob;
import io.iamgate.policy.IpAddresses;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Resources and addresses of observed calls, generalised only as far as they justify. */
final class Resources {
  private Resources() {}

  /** The resource part of an ARN: what follows its fifth colon; the whole text if it has fewer. */
  static String resourcePart(String arn) {
    int at = -1;
    for (int i = 0; i < 5; i++) {
      at = arn.indexOf(':', at + 1);
      if (at < 0) {
        return arn;
      }
    }
    return arn.substring(at + 1);
  }

  /** The ARN up to and including its fifth colon. */
  private static String arnPrefix(String arn) {
    return arn.substring(0, arn.length() - resourcePart(arn).length());
  }

  /**
   * The ARN up to the id, the last segment of the resource part after a {@code /} or {@code :}
   * ({@code arn:app:orders:eu-west-1:1:order/} for {@code .../order/ord-42}); {@code null} when the
   * resource part has no type before its id, which is then never generalised.
   */
  static @Nullable String idPrefix(String arn) {
    String part = resourcePart(arn);
    if (part.length() == arn.length()) {
      return null;
    }
    int cut = Math.max(part.lastIndexOf('/'), part.lastIndexOf(':'));
    if (cut <= 0 || cut == part.length() - 1) {
      return null;
    }
    return arnPrefix(arn) + part.substring(0, cut + 1);
  }

  /**
   * The observed resources, generalised: where two or more different ids were seen under the same
   * {@link #idPrefix prefix}, that prefix and {@code *}; every other resource as observed; then any
   * entry another entry already covers left out. Sorted.
   */
  static List<String> generalise(Collection<String> observed) {
    Set<String> distinct = new TreeSet<>(observed);
    Map<String, Set<String>> ids = new TreeMap<>();
    for (String r : distinct) {
      String p = idPrefix(r);
      if (p != null) {
        ids.computeIfAbsent(p, k -> new TreeSet<>()).add(r.substring(p.length()));
      }
    }
    TreeSet<String> out = new TreeSet<>();
    for (String r : distinct) {
      String p = idPrefix(r);
      out.add(p != null && ids.getOrDefault(p, Set.of()).size() >= 2 ? p + "*" : r);
    }
    List<String> kept = new ArrayList<>();
    for (String x : out) {
      boolean covered = false;
      for (String y : out) {
        if (!y.equals(x) && covers(y, x)) {
          covered = true;
          break;
        }
      }
      if (!covered) {
        kept.add(x);
      }
    }
    return kept;
  }

  /**
   * Whether pattern {@code y} matches everything {@code x} matches, where this is easy to be sure
   * of: both with the same wildcard-free partition, service, region and account, and {@code y}'s
   * resource part a prefix and {@code *}, or {@code x} free of wildcards and matched by {@code y}.
   */
  static boolean covers(String y, String x) {
    String py = arnPrefix(y);
    if (!py.equals(arnPrefix(x)) || wild(py)) {
      return false;
    }
    String ry = resourcePart(y);
    String rx = resourcePart(x);
    if (ry.endsWith("*") && !wild(ry.substring(0, ry.length() - 1))) {
      return rx.startsWith(ry.substring(0, ry.length() - 1));
    }
    return !wild(rx) && Glob.of(ry).matches(rx);
  }

  private static boolean wild(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
  }

  /**
   * A resource as policy text: a {@code ${} that would start a policy variable written as {@code
   * ${$}{}, so that the entry means the text observed.
   */
  static String escaped(String resource) {
    return resource.replace("${", "${$}{");
  }

  /**
   * The networks every address came from, as {@code IpAddress} values: up to three distinct
   * addresses themselves ({@code /32}, {@code /128}), else the IPv4 {@code /24} or {@code /16} all
   * share; empty when an address is missing or not an IP address, or they share no such network.
   */
  static List<String> commonNetworks(List<@Nullable String> addresses) {
    if (addresses.isEmpty()) {
      return List.of();
    }
    // the engine's own parser: a suggestion is only ever an address the engine accepts
    java.util.Map<String, IpAddresses.Address> distinct = new java.util.TreeMap<>();
    for (String a : addresses) {
      IpAddresses.Address parsed = a == null ? null : IpAddresses.parseAddress(a);
      if (a == null || parsed == null) {
        return List.of();
      }
      distinct.put(a, parsed);
    }
    if (distinct.size() <= 3) {
      return distinct.entrySet().stream()
          .map(e -> e.getKey() + (e.getValue().v6() ? "/128" : "/32"))
          .toList();
    }
    if (distinct.values().stream().anyMatch(IpAddresses.Address::v6)) {
      return List.of();
    }
    for (int prefix = 24; prefix >= 16; prefix -= 8) {
      Set<Long> nets = new TreeSet<>();
      for (IpAddresses.Address a : distinct.values()) {
        nets.add(a.lo() >>> (32 - prefix));
      }
      if (nets.size() == 1) {
        long net = nets.iterator().next() << (32 - prefix);
        return List.of(
            (net >>> 24)
                + "."
                + ((net >>> 16) & 0xFF)
                + "."
                + ((net >>> 8) & 0xFF)
                + "."
                + (net & 0xFF)
                + "/"
                + prefix);
      }
    }
    return List.of();
  }
}
