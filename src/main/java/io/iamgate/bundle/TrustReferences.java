package io.iamgate.bundle;

import io.iamgate.json.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The principals a role's trust policy names must exist (docs/bundle-format.md, "Trust policies"
 * and "Validation"): {@code user/<name>}, {@code group/<name>} and {@code role/<name>} name a user,
 * group or role of the bundle, an ARN is a bundle user's ARN, and {@code Federated} names an issuer
 * of {@code identity.issuers}. Otherwise the statement could only fail at request time, matching
 * nobody. Names with {@code *} or {@code ?} are patterns and are not checked. Each error names the
 * role and the principal, at the principal's JSON path.
 */
final class TrustReferences {
  private final ReadCursor c;
  private final Map<String, Bundle.User> users;
  private final Map<String, Bundle.Group> groups;
  private final Map<String, Bundle.Role> roles;
  private final Set<String> issuers = new TreeSet<>();
  private final String userArnPrefix;

  TrustReferences(
      ReadCursor c,
      Map<String, Bundle.User> users,
      Map<String, Bundle.Group> groups,
      Map<String, Bundle.Role> roles,
      List<Bundle.Issuer> issuers,
      String partition,
      String account) {
    this.c = c;
    this.users = users;
    this.groups = groups;
    this.roles = roles;
    issuers.forEach(i -> this.issuers.add(i.issuer()));
    this.userArnPrefix = "arn:" + partition + ":iam::" + account + ":user/";
  }

  /** Checks the trust policies of the {@code roles} member (null when absent). */
  void check(Json.@Nullable JObject rolesMember) {
    if (rolesMember == null) {
      return;
    }
    for (Json.Member role : rolesMember.members()) {
      if (role.value() instanceof Json.JObject r
          && r.get("trustPolicy") instanceof Json.JObject tp
          && tp.get("Statement") != null) {
        String path = "/roles/" + ReadCursor.esc(role.name()) + "/trustPolicy/Statement";
        Json st = tp.get("Statement");
        if (st instanceof Json.JArray arr) {
          for (int i = 0; i < arr.items().size(); i++) {
            statement(role.name(), arr.items().get(i), path + "/" + i);
          }
        } else if (st != null) {
          statement(role.name(), st, path);
        }
      }
    }
  }

  private void statement(String role, Json s, String path) {
    if (!(s instanceof Json.JObject o)) {
      return;
    }
    for (String element : List.of("Principal", "NotPrincipal")) {
      if (!(o.get(element) instanceof Json.JObject p)) {
        continue; // "*", or a shape TrustPolicies reports
      }
      for (Json.Member m : p.members()) {
        String type = m.name().toLowerCase(Locale.ROOT);
        String at = path + "/" + element + "/" + m.name();
        if (m.value() instanceof Json.JArray values) {
          for (int i = 0; i < values.items().size(); i++) {
            name(role, type, values.items().get(i), at + "/" + i);
          }
        } else {
          name(role, type, m.value(), at);
        }
      }
    }
  }

  private void name(String role, String type, Json v, String path) {
    if (!(v instanceof Json.JString s)
        || s.value().isEmpty()
        || s.value().contains("*")
        || s.value().contains("?")) {
      return; // a pattern, or a value TrustPolicies reports
    }
    String name = s.value();
    String problem = null;
    String hint = null;
    if (type.equals("federated")) {
      if (!issuers.contains(name)) {
        problem = "an issuer of `identity.issuers`";
        hint = ReadCursor.hint(name, issuers);
      }
    } else if (type.equals("aws")) {
      if (name.startsWith("user/")) {
        problem = known(name.substring(5), users, "a user of the bundle");
        hint = ReadCursor.hint(name.substring(5), users.keySet());
      } else if (name.startsWith("group/")) {
        problem = known(name.substring(6), groups, "a group of the bundle");
        hint = ReadCursor.hint(name.substring(6), groups.keySet());
      } else if (name.startsWith("role/")) {
        problem = known(name.substring(5), roles, "a role of the bundle");
        hint = ReadCursor.hint(name.substring(5), roles.keySet());
      } else if (name.startsWith("arn:")) {
        problem =
            name.startsWith(userArnPrefix)
                ? known(name.substring(userArnPrefix.length()), users, "the ARN of a bundle user")
                : "the ARN of a bundle user (`" + userArnPrefix + "<name>`)";
      }
    }
    if (problem != null) {
      c.error(
          "unknown-reference",
          path,
          v,
          "the trust policy of role `" + role + "` names `" + name + "`, which is not " + problem,
          hint);
    }
  }

  private static @Nullable String known(String name, Map<String, ?> known, String what) {
    return known.containsKey(name) ? null : what;
  }
}
