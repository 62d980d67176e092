package io.iamgate.authorizer;

import io.iamgate.analyze.VolatileKeys;
import io.iamgate.bundle.Bundle;
import io.iamgate.policy.CaseFold;
import io.iamgate.policy.Condition;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.Statement;
import io.iamgate.policy.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The statements of a bundle whose conditions test, or whose resources substitute, a per-request
 * key that no method ARN holds (source IP, time, user agent, MFA age, referer, headers, query), and
 * the routes whose resources substitute one: with answers that may be cached, API Gateway replays
 * an Allow they let through for the same route and identity until the TTL ends, whatever that key's
 * value is then (docs/authorizer.md, "Caching safely"). Path parameters, the method and the stage
 * are in the ARN, so conditions on them are not listed.
 */
final class ReplayRisks {
  private ReplayRisks() {}

  /** Names such as {@code policy OrdersAdmin, statement 2 (Sid Office): aws:SourceIp}. */
  static List<String> of(Bundle b) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Bundle.ManagedPolicy> e :
        new java.util.TreeMap<>(b.policies()).entrySet()) {
      add(out, "policy " + e.getKey(), e.getValue().policy().document());
    }
    for (Bundle.User u : sorted(b.users())) {
      for (Bundle.Policy p : u.inlinePolicies()) {
        add(out, "user " + u.name() + " inline policy " + p.name(), p.document());
      }
    }
    for (Bundle.Group g : sorted(b.groups())) {
      for (Bundle.Policy p : g.inlinePolicies()) {
        add(out, "group " + g.name() + " inline policy " + p.name(), p.document());
      }
    }
    for (Bundle.Role r : sorted(b.roles())) {
      for (Bundle.Policy p : r.inlinePolicies()) {
        add(out, "role " + r.name() + " inline policy " + p.name(), p.document());
      }
    }
    for (Bundle.Route r : b.routes()) {
      TreeSet<String> keys = new TreeSet<>();
      for (Template.Part part : Template.parse(r.resource(), true).parts()) {
        if (part instanceof Template.Variable v && outsideTheArn(v.name())) {
          keys.add(v.name());
        }
      }
      if (!keys.isEmpty()) {
        out.add(
            "route "
                + r.method()
                + " "
                + r.path()
                + ": its resource substitutes "
                + String.join(", ", keys));
      }
    }
    return out;
  }

  private static <T> List<T> sorted(Map<String, T> m) {
    return new java.util.TreeMap<>(m).values().stream().toList();
  }

  private static void add(List<String> out, String where, PolicyDocument d) {
    List<Statement> statements = d.statements();
    for (int i = 0; i < statements.size(); i++) {
      Statement s = statements.get(i);
      TreeSet<String> keys = new TreeSet<>();
      for (Condition c : s.conditions()) {
        if (outsideTheArn(c.key())) {
          keys.add(c.key());
        }
        for (String v : c.values()) {
          if (VolatileKeys.mentionedIn(v)) {
            keys.add(c.key() + " (a variable in its value)");
          }
        }
      }
      if (d.version().supportsVariables()) {
        for (String pattern : s.resource().patterns()) {
          for (Template.Part part : Template.parse(pattern, true).parts()) {
            if (part instanceof Template.Variable v && outsideTheArn(v.name())) {
              keys.add(v.name() + " (a variable in its resource)");
            }
          }
        }
      }
      if (!keys.isEmpty()) {
        out.add(
            where
                + ", statement "
                + i
                + (s.sid() == null ? "" : " (Sid " + s.sid() + ")")
                + ": "
                + String.join(", ", keys));
      }
    }
  }

  /** Whether a per-request key's value can differ between two calls with one method ARN. */
  private static boolean outsideTheArn(String key) {
    String k = CaseFold.fold(key);
    return VolatileKeys.isVolatile(key)
        && !k.startsWith("request:path/")
        && !k.equals("request:method")
        && !k.equals("request:stage");
  }

  /**
   * The startup warning about role requests, or {@code null}: with answers that may be cached and
   * callers allowed to ask for a role in a header, the role header is not part of API Gateway's
   * cache key (an identity source must be present in every request, so it cannot be one), and an
   * answer for a caller acting as a role is replayed for the same credentials without it, and the
   * other way round.
   */
  static @org.jspecify.annotations.Nullable String roleWarning(
      AuthorizerSettings settings, Bundle b) {
    if (!settings.answersMayBeCached() || !b.identity().allowRoleRequests()) {
      return null;
    }
    return "answers may be cached and callers may ask for a role in the `"
        + b.identity().roleHeader()
        + "` header, which is not part of API Gateway's cache key: an answer for a caller acting"
        + " as a role is replayed for the same credentials without the header (and the other way"
        + " round) until the TTL ends. Give role callers their own credentials (tokens), or turn"
        + " the authorizer cache off (TTL 0, IAMGATE_CACHE_TTL_SECONDS=0)";
  }

  /**
   * The startup warning for {@code risks}, or {@code null} when there is nothing to say: answers
   * are not cached, or no statement tests such a key.
   */
  static @org.jspecify.annotations.Nullable String warning(
      AuthorizerSettings settings, List<String> risks) {
    if (!settings.answersMayBeCached() || risks.isEmpty()) {
      return null;
    }
    List<String> shown = risks.subList(0, Math.min(5, risks.size()));
    return "answers may be cached ("
        + (settings.cacheTtl() == null
            ? "IAMGATE_CACHE_TTL_SECONDS is not set"
            : "IAMGATE_CACHE_TTL_SECONDS=" + settings.cacheTtl().toSeconds())
        + "), and these statements test a key no method ARN holds, so an Allow they let through is"
        + " replayed for the same route and caller until the TTL ends, whatever the key's value"
        + " then: "
        + String.join("; ", shown)
        + (risks.size() > shown.size() ? "; and " + (risks.size() - shown.size()) + " more" : "")
        + ". Turn the authorizer cache off (TTL 0, IAMGATE_CACHE_TTL_SECONDS=0) or put the key in"
        + " the identity sources (REST REQUEST: context.identity.sourceIp)";
  }
}
