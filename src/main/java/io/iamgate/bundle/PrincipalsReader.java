package io.iamgate.bundle;

import io.iamgate.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the principals (docs/bundle-format.md, "Groups", "Users", "Roles"): each one's name,
 * attached and inline policies, tags, permissions boundary, a user's API keys (with {@link
 * ApiKeysReader}) and a role's session duration and trust policy, checked against the quotas
 * (section 7 of docs/policy-language.md). A principal that is not an object is reported and left
 * out; any other error is reported and leaves the rest of the principal as read.
 */
final class PrincipalsReader {
  private static final List<String> USER =
      List.of("groups", "policies", "inlinePolicies", "tags", "permissionsBoundary", "apiKeys");
  private static final List<String> GROUP = List.of("policies", "inlinePolicies");
  private static final List<String> ROLE =
      List.of(
          "policies",
          "inlinePolicies",
          "tags",
          "permissionsBoundary",
          "maxSessionDuration",
          "trustPolicy");

  private final ReadCursor c;
  private final Quotas quotas;
  private final PoliciesReader policies;
  private final ReferenceChecks references;
  private final ApiKeysReader apiKeys;

  PrincipalsReader(
      ReadCursor c, Quotas quotas, PoliciesReader policies, ReferenceChecks references) {
    this.c = c;
    this.quotas = quotas;
    this.policies = policies;
    this.references = references;
    this.apiKeys = new ApiKeysReader(c);
  }

  /** The groups of the {@code groups} member (null when absent), by name. */
  Map<String, Bundle.Group> groups(Json.@Nullable JObject members) {
    Map<String, Bundle.Group> groups = new LinkedHashMap<>();
    if (members != null) {
      for (Json.Member m : members.members()) {
        Bundle.Group g = group(m);
        if (g != null) {
          groups.put(g.name(), g);
        }
      }
    }
    return groups;
  }

  /** The users of the {@code users} member (null when absent), by name. */
  Map<String, Bundle.User> users(Json.@Nullable JObject members, Map<String, Bundle.Group> groups) {
    Map<String, Bundle.User> users = new LinkedHashMap<>();
    Map<String, String> apiKeyIds = new HashMap<>();
    if (members != null) {
      for (Json.Member m : members.members()) {
        Bundle.User u = user(m, groups, apiKeyIds);
        if (u != null) {
          users.put(u.name(), u);
        }
      }
    }
    return users;
  }

  /** The roles of the {@code roles} member (null when absent), by name. */
  Map<String, Bundle.Role> roles(Json.@Nullable JObject members) {
    Map<String, Bundle.Role> roles = new LinkedHashMap<>();
    if (members != null) {
      for (Json.Member m : members.members()) {
        Bundle.Role r = role(m);
        if (r != null) {
          roles.put(r.name(), r);
        }
      }
    }
    return roles;
  }

  private Bundle.@Nullable Group group(Json.Member m) {
    String path = "/groups/" + ReadCursor.esc(m.name());
    Json.JObject o = entity(m, path, quotas.groupNameChars(), "group", GROUP);
    if (o == null) {
      return null;
    }
    String owner = "group `" + m.name() + "`";
    List<String> attached = attached(o, path, quotas.managedPoliciesPerGroup(), owner);
    List<Bundle.Policy> inline =
        inline(o.get("inlinePolicies"), path + "/inlinePolicies", quotas.groupInlineChars(), owner);
    return new Bundle.Group(m.name(), attached, inline);
  }

  private Bundle.@Nullable User user(
      Json.Member m, Map<String, Bundle.Group> groups, Map<String, String> apiKeyIds) {
    String path = "/users/" + ReadCursor.esc(m.name());
    Json.JObject o = entity(m, path, quotas.userNameChars(), "user", USER);
    if (o == null) {
      return null;
    }
    List<String> userGroups = references.names(o.get("groups"), path + "/groups", groups, "group");
    if (userGroups.size() > quotas.groupsPerUser()) {
      c.error(
          "quota",
          path + "/groups",
          o.get("groups"),
          "user `"
              + m.name()
              + "` is in "
              + ReadCursor.count(userGroups.size(), "group", "groups")
              + ", more than the quota of "
              + quotas.groupsPerUser());
    }
    String owner = "user `" + m.name() + "`";
    List<String> attached = attached(o, path, quotas.managedPoliciesPerUser(), owner);
    List<Bundle.Policy> inline =
        inline(o.get("inlinePolicies"), path + "/inlinePolicies", quotas.userInlineChars(), owner);
    Map<String, String> tags = tags(o.get("tags"), path + "/tags");
    String boundary = boundary(o, path);
    List<Bundle.ApiKey> keys =
        apiKeys.read(o.get("apiKeys"), path + "/apiKeys", m.name(), apiKeyIds);
    return new Bundle.User(m.name(), userGroups, attached, inline, tags, boundary, keys);
  }

  private Bundle.@Nullable Role role(Json.Member m) {
    String path = "/roles/" + ReadCursor.esc(m.name());
    Json.JObject o = entity(m, path, quotas.roleNameChars(), "role", ROLE);
    if (o == null) {
      return null;
    }
    String owner = "role `" + m.name() + "`";
    List<String> attached = attached(o, path, quotas.managedPoliciesPerRole(), owner);
    List<Bundle.Policy> inline =
        inline(o.get("inlinePolicies"), path + "/inlinePolicies", quotas.roleInlineChars(), owner);
    Map<String, String> tags = tags(o.get("tags"), path + "/tags");
    String boundary = boundary(o, path);
    int maxSession = 3600;
    Json ms = o.get("maxSessionDuration");
    if (ms != null) {
      String t = Json.scalarText(ms);
      Integer v = t != null && t.matches("[0-9]{1,6}") ? Integer.valueOf(t) : null;
      if (v == null || v < 900 || v > 43200) {
        c.error(
            "role",
            path + "/maxSessionDuration",
            ms,
            "expected seconds from 900 to 43200, found "
                + (t == null ? ms.typeName() : "`" + t + "`"));
      } else {
        maxSession = v;
      }
    }
    return new Bundle.Role(
        m.name(), attached, inline, tags, boundary, maxSession, trustPolicy(m.name(), o, path));
  }

  /**
   * A role's trust policy (docs/bundle-format.md, "Trust policies"): required, validated as {@link
   * TrustPolicies} says, at most {@code trustPolicyChars}.
   */
  private Bundle.@Nullable Policy trustPolicy(String role, Json.JObject o, String path) {
    Json tp = o.get("trustPolicy");
    if (tp == null) {
      c.error(
          "missing-member",
          path,
          o.line(),
          o.column(),
          "role `" + role + "` needs a `trustPolicy` saying who may assume it",
          "e.g. {\"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"group/Admins\"}, \"Action\": \"sts:AssumeRole\"}}");
      return null;
    }
    Bundle.Policy trust = policies.document(role + "-trust", tp, path + "/trustPolicy", true);
    int size = Canonical.size(tp);
    if (trust != null && size > quotas.trustPolicyChars()) {
      c.error(
          "quota",
          path + "/trustPolicy",
          tp,
          "the trust policy has "
              + ReadCursor.count(size, "character", "characters")
              + ", more than the quota of "
              + quotas.trustPolicyChars());
    }
    return trust;
  }

  /**
   * A named user, group or role object: its name checked, its members known; null when not an
   * object.
   */
  private Json.@Nullable JObject entity(
      Json.Member m, String path, int nameMax, String kind, List<String> members) {
    c.checkName(m.name(), path, ReadCursor.at(m), nameMax, kind);
    if (!(m.value() instanceof Json.JObject o)) {
      c.error(
          "type", path, m.value(), "expected a " + kind + " object, found " + m.value().typeName());
      return null;
    }
    c.checkMembers(o, path, members, "a " + kind);
    return o;
  }

  /** The managed policies attached to a principal, within the quota. */
  private List<String> attached(Json.JObject o, String path, int max, String owner) {
    List<String> attached =
        references.names(o.get("policies"), path + "/policies", policies.policies(), "policy");
    if (attached.size() > max) {
      c.error(
          "quota",
          path + "/policies",
          o.get("policies"),
          owner
              + " has "
              + ReadCursor.count(attached.size(), "managed policy", "managed policies")
              + ", more than the quota of "
              + max);
    }
    return attached;
  }

  /** The permissions boundary: a managed policy name (built-ins included), or null. */
  private @Nullable String boundary(Json.JObject o, String path) {
    Json b = o.get("permissionsBoundary");
    if (b == null) {
      return null;
    }
    if (!(b instanceof Json.JString s)) {
      c.error(
          "type",
          path + "/permissionsBoundary",
          b,
          "expected the name of a managed policy, found " + b.typeName());
      return null;
    }
    Map<String, Bundle.ManagedPolicy> known = policies.policies();
    if (policies.isDeclared(s.value()) && !known.containsKey(s.value())) {
      return null; // defined but invalid: its own errors say why
    }
    if (!known.containsKey(s.value()) && !BuiltInPolicies.NAMES.contains(s.value())) {
      c.error(
          "unknown-reference",
          path + "/permissionsBoundary",
          b.line(),
          b.column(),
          "unknown managed policy `" + s.value() + "`",
          ReadCursor.hint(s.value(), known.keySet()));
      return null;
    }
    return s.value();
  }

  /** The valid inline policies of {@code j} (name to document), together within {@code quota}. */
  private List<Bundle.Policy> inline(@Nullable Json j, String path, int quota, String owner) {
    List<Bundle.Policy> out = new ArrayList<>();
    if (j == null) {
      return out;
    }
    if (!(j instanceof Json.JObject o)) {
      c.error(
          "type", path, j, "expected an object of named policy documents, found " + j.typeName());
      return out;
    }
    int total = 0;
    for (Json.Member m : o.members()) {
      String p = path + "/" + ReadCursor.esc(m.name());
      c.checkName(m.name(), p, ReadCursor.at(m), 128, "policy");
      Bundle.Policy doc = policies.document(m.name(), m.value(), p, false);
      total += Canonical.size(m.value());
      if (doc != null) {
        out.add(doc);
      }
    }
    if (total > quota) {
      c.error(
          "quota",
          path,
          j,
          owner
              + " has "
              + ReadCursor.count(total, "character", "characters")
              + " of inline policies, more than the quota of "
              + quota);
    }
    return out;
  }

  /** The tags of {@code j} (key to string), within the tag quotas; keys are case-insensitive. */
  private Map<String, String> tags(@Nullable Json j, String path) {
    Map<String, String> out = new LinkedHashMap<>();
    if (j == null) {
      return out;
    }
    if (!(j instanceof Json.JObject o)) {
      c.error("type", path, j, "expected an object of tag keys to values, found " + j.typeName());
      return out;
    }
    if (o.members().size() > quotas.tagsPerPrincipal()) {
      c.error(
          "quota",
          path,
          j,
          ReadCursor.count(o.members().size(), "tag", "tags")
              + ", more than the quota of "
              + quotas.tagsPerPrincipal());
    }
    Set<String> folded = new HashSet<>();
    for (Json.Member m : o.members()) {
      String p = path + "/" + ReadCursor.esc(m.name());
      if (!(m.value() instanceof Json.JString sv)) {
        c.error("type", p, m.value(), "expected a tag value string, found " + m.value().typeName());
        continue;
      }
      String v = sv.value();
      if (m.name().isEmpty() || m.name().length() > quotas.tagKeyChars()) {
        c.error(
            "quota",
            p,
            ReadCursor.at(m),
            "a tag key has 1 to "
                + ReadCursor.count(quotas.tagKeyChars(), "character", "characters"));
      }
      if (v.length() > quotas.tagValueChars()) {
        c.error(
            "quota",
            p,
            m.value(),
            "a tag value has at most "
                + ReadCursor.count(quotas.tagValueChars(), "character", "characters"));
      }
      if (!folded.add(m.name().toLowerCase(Locale.ROOT))) {
        c.error(
            "duplicate-name",
            p,
            ReadCursor.at(m),
            "tag keys are case-insensitive; `" + m.name() + "` is given twice");
      }
      out.put(m.name(), v);
    }
    return out;
  }
}
