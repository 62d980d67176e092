package io.iamgate.bundle;

import io.iamgate.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code identity} member (docs/bundle-format.md, "Identity" and "Token issuers"): how a
 * verified caller becomes a principal. {@code userClaim}, {@code groupsClaim}, {@code
 * allowRoleRequests} and the two header names; {@code roleRules}, each either {@code claim} with
 * {@code equals} or {@code group}, and a {@code role}, both of which must be defined in the bundle;
 * {@code issuers}, each with an {@code issuer}, {@code audiences} or {@code clientIds}, accepted
 * algorithms and {@code jwks} or {@code jwksUri}. An unknown member of an issuer is reported with
 * the list of valid ones.
 */
final class IdentityReader {
  private static final List<String> IDENTITY =
      List.of(
          "userClaim",
          "groupsClaim",
          "roleRules",
          "allowRoleRequests",
          "issuers",
          "apiKeyHeader",
          "roleHeader");
  private static final List<String> ROLE_RULE = List.of("claim", "equals", "group", "role");
  private static final List<String> ISSUER =
      List.of("issuer", "audiences", "clientIds", "tokenUse", "algorithms", "jwks", "jwksUri");
  private static final List<String> ALGORITHMS =
      List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");

  private final ReadCursor c;

  IdentityReader(ReadCursor c) {
    this.c = c;
  }

  /**
   * The identity mapping of {@code j}, the {@code identity} member: the defaults when it is absent,
   * null (reported) when it is not an object. A role rule or issuer with an error is left out.
   */
  Bundle.@Nullable IdentityMapping read(
      @Nullable Json j, Map<String, Bundle.Group> groups, Map<String, Bundle.Role> roles) {
    if (j == null) {
      return new Bundle.IdentityMapping(
          "sub", "cognito:groups", List.of(), false, List.of(), "x-api-key", "x-iamgate-role");
    }
    if (!(j instanceof Json.JObject o)) {
      c.error("type", "/identity", j, "expected an identity mapping object, found " + j.typeName());
      return null;
    }
    c.checkMembers(o, "/identity", IDENTITY, "the identity mapping");
    String userClaim =
        ReadCursor.defaultString(c.string(o, "/identity", "userClaim", false), "sub");
    String groupsClaim = c.string(o, "/identity", "groupsClaim", false);
    boolean allow = false;
    Json a = o.get("allowRoleRequests");
    if (a != null) {
      if (a instanceof Json.JBool b) {
        allow = b.value();
      } else {
        c.error(
            "type",
            "/identity/allowRoleRequests",
            a,
            "expected true or false, found " + a.typeName());
      }
    }
    List<Bundle.RoleRule> rules = roleRules(o.get("roleRules"), groups, roles);
    List<Bundle.Issuer> issuers = issuers(o.get("issuers"));
    String apiKeyHeader =
        ReadCursor.defaultString(c.string(o, "/identity", "apiKeyHeader", false), "x-api-key")
            .toLowerCase(Locale.ROOT);
    String roleHeader =
        ReadCursor.defaultString(c.string(o, "/identity", "roleHeader", false), "x-iamgate-role")
            .toLowerCase(Locale.ROOT);
    return new Bundle.IdentityMapping(
        userClaim, groupsClaim, rules, allow, issuers, apiKeyHeader, roleHeader);
  }

  private List<Bundle.RoleRule> roleRules(
      @Nullable Json r, Map<String, Bundle.Group> groups, Map<String, Bundle.Role> roles) {
    List<Bundle.RoleRule> rules = new ArrayList<>();
    if (r == null) {
      return rules;
    }
    if (!(r instanceof Json.JArray arr)) {
      c.error(
          "type", "/identity/roleRules", r, "expected an array of rules, found " + r.typeName());
      return rules;
    }
    for (int i = 0; i < arr.items().size(); i++) {
      String p = "/identity/roleRules/" + i;
      Json item = arr.items().get(i);
      if (!(item instanceof Json.JObject ro)) {
        c.error("type", p, item, "expected a rule object, found " + item.typeName());
        continue;
      }
      c.checkMembers(ro, p, ROLE_RULE, "a role rule");
      String claim = c.string(ro, p, "claim", false);
      String value = c.string(ro, p, "equals", false);
      String group = c.string(ro, p, "group", false);
      String role = c.string(ro, p, "role", true);
      if ((claim == null) == (group == null)) {
        c.error("role-rule", p, item, "a role rule has either `claim` with `equals`, or `group`");
        continue;
      }
      if (claim != null && value == null) {
        c.error("role-rule", p, item, "a claim rule needs `equals`");
        continue;
      }
      if (group != null && !groups.containsKey(group)) {
        c.error(
            "unknown-reference",
            p + "/group",
            ro.get("group"),
            "unknown group `" + group + "`",
            ReadCursor.hint(group, groups.keySet()));
      }
      if (role != null && !roles.containsKey(role)) {
        c.error(
            "unknown-reference",
            p + "/role",
            ro.get("role"),
            "unknown role `" + role + "`",
            ReadCursor.hint(role, roles.keySet()));
      }
      if (role != null) { // a rule without a role was reported as an error
        rules.add(new Bundle.RoleRule(claim, value, group, role));
      }
    }
    return rules;
  }

  private List<Bundle.Issuer> issuers(@Nullable Json is) {
    List<Bundle.Issuer> issuers = new ArrayList<>();
    if (is == null) {
      return issuers;
    }
    if (!(is instanceof Json.JArray arr)) {
      c.error(
          "type",
          "/identity/issuers",
          is,
          "expected an array of token issuers, found " + is.typeName());
      return issuers;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < arr.items().size(); i++) {
      Bundle.Issuer iss = issuer(arr.items().get(i), "/identity/issuers/" + i);
      if (iss != null && !seen.add(iss.issuer())) {
        c.error(
            "duplicate-name",
            "/identity/issuers/" + i,
            arr.items().get(i),
            "issuer `" + iss.issuer() + "` is listed twice");
      } else if (iss != null) {
        issuers.add(iss);
      }
    }
    return issuers;
  }

  private Bundle.@Nullable Issuer issuer(Json j, String p) {
    if (!(j instanceof Json.JObject o)) {
      c.error("type", p, j, "expected an issuer object, found " + j.typeName());
      return null;
    }
    c.checkMembers(o, p, ISSUER, "an issuer", true);
    String iss = c.string(o, p, "issuer", true);
    List<String> audiences = c.stringArray(o.get("audiences"), p + "/audiences");
    List<String> clientIds = c.stringArray(o.get("clientIds"), p + "/clientIds");
    String tokenUse = c.string(o, p, "tokenUse", false);
    if (tokenUse != null && !tokenUse.equals("access") && !tokenUse.equals("id")) {
      c.error(
          "issuer",
          p + "/tokenUse",
          o.get("tokenUse"),
          "expected `access` or `id`, found `" + tokenUse + "`");
    }
    List<String> algorithms =
        o.get("algorithms") == null
            ? List.of("RS256", "ES256")
            : c.stringArray(o.get("algorithms"), p + "/algorithms");
    for (String a : algorithms) {
      if (!ALGORITHMS.contains(a)) {
        c.error(
            "issuer",
            p + "/algorithms",
            o.get("algorithms"),
            "algorithm `"
                + a
                + "` is not accepted; expected one of "
                + String.join(", ", ALGORITHMS)
                + " (`none` and HMAC are never accepted)");
      }
    }
    String jwks = null;
    Json jk = o.get("jwks");
    if (jk != null) {
      if (jk instanceof Json.JObject jo
          && jo.get("keys") instanceof Json.JArray keys
          && !keys.items().isEmpty()
          && keys.items().stream()
              .allMatch(
                  k -> k instanceof Json.JObject ko && ko.get("kty") instanceof Json.JString)) {
        jwks = Canonical.text(jk);
        for (int k = 0; k < keys.items().size(); k++) {
          Json key = keys.items().get(k);
          String problem = key instanceof Json.JObject ko ? IssuerKeys.problem(ko) : null;
          if (problem != null) {
            c.error(
                "issuer-key",
                p + "/jwks/keys/" + k,
                key,
                "issuer `" + (iss == null ? "?" : iss) + "`: " + problem);
          }
        }
      } else {
        c.error("issuer", p + "/jwks", jk, "expected a JWK set {\"keys\": [{\"kty\": ...}, ...]}");
      }
    }
    String jwksUri = c.string(o, p, "jwksUri", false);
    if (jwksUri != null
        && !jwksUri.startsWith("https://")
        && !jwksUri.startsWith("http://localhost")
        && !jwksUri.startsWith("http://127.0.0.1")) {
      c.error(
          "issuer",
          p + "/jwksUri",
          o.get("jwksUri"),
          "a JWKS URL must use https (or be on localhost), found `" + jwksUri + "`");
    }
    if (jwks == null && jwksUri == null && jk == null) {
      c.error(
          "missing-member",
          p,
          o.line(),
          o.column(),
          "an issuer needs `jwks` (embedded keys) or `jwksUri`",
          null);
    }
    if (audiences.isEmpty() && clientIds.isEmpty()) {
      c.error(
          "issuer",
          p,
          o,
          "an issuer needs `audiences` or `clientIds`: tokens minted for other applications must be refused");
    }
    return iss == null
        ? null
        : new Bundle.Issuer(iss, audiences, clientIds, tokenUse, algorithms, jwks, jwksUri);
  }
}
