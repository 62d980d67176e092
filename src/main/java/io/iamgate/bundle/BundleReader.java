package io.iamgate.bundle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.iamgate.json.Diagnostic;
import io.iamgate.json.Json;
import io.iamgate.json.JsonReader;
import io.iamgate.json.ParseResult;
import io.iamgate.json.Severity;
import io.iamgate.policy.Arn;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.Statement;
import io.iamgate.policy.parse.Hints;
import io.iamgate.policy.parse.PolicyParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads and validates a whole bundle. Every problem is reported with its file, JSON Pointer path,
 * line and column: unknown members, malformed names, references to unknown groups, policies and
 * roles, duplicates, IAM's size quotas, and every error of every embedded policy document. A bundle
 * with any error is not returned. Thread-safe.
 */
public final class BundleReader {
  private static final JsonFactory JSON = new JsonFactory();

  /** Created on first use: a JSON bundle never loads the YAML parser (~50 ms of a cold start). */
  private static final class Yaml {
    static final JsonFactory FACTORY = new YAMLFactory();
  }

  private static final Pattern IAM_NAME = Pattern.compile("[A-Za-z0-9+=,.@_-]+");
  private static final Pattern METHOD =
      Pattern.compile("ANY|GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS");
  private static final List<String> TOP =
      List.of(
          "format",
          "partition",
          "account",
          "policies",
          "groups",
          "users",
          "roles",
          "guardrails",
          "identity",
          "routes",
          "quotas");
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
  private static final List<String> IDENTITY =
      List.of(
          "userClaim",
          "groupsClaim",
          "roleRules",
          "allowRoleRequests",
          "issuers",
          "apiKeyHeader",
          "roleHeader");
  private static final List<String> ISSUER =
      List.of("issuer", "audiences", "clientIds", "tokenUse", "algorithms", "jwks", "jwksUri");
  private static final List<String> ALGORITHMS =
      List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");
  private static final List<String> ROUTE = List.of("method", "path", "action", "resource");

  private BundleReader() {}

  /** Reads files into a validated bundle, or the diagnostics that say why not. */
  public static ParseResult<Bundle> read(BundleFiles files) {
    return read(files, PolicyParser.Options.STRICT);
  }

  /** Like {@link #read(BundleFiles)}, passing parser options to every embedded document. */
  public static ParseResult<Bundle> read(BundleFiles files, PolicyParser.Options options) {
    return new Run(files, options).run();
  }

  private static final class Run {
    private final BundleFiles files;
    private final PolicyParser.Options options;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    /** The file being read, for diagnostics. */
    private @Nullable String file;

    Run(BundleFiles files, PolicyParser.Options options) {
      this.files = files;
      this.options = options;
    }

    private void error(
        String code, String path, int line, int col, String message, @Nullable String hint) {
      diagnostics.add(new Diagnostic(code, Severity.ERROR, file, path, line, col, message, hint));
    }

    /** An error at {@code at}; at line and column 0 (unknown) when {@code at} is null. */
    private void error(String code, String path, @Nullable Json at, String message) {
      error(code, path, at, message, null);
    }

    /** An error at {@code at}; at line and column 0 (unknown) when {@code at} is null. */
    private void error(
        String code, String path, @Nullable Json at, String message, @Nullable String hint) {
      error(code, path, at == null ? 0 : at.line(), at == null ? 0 : at.column(), message, hint);
    }

    private void warning(String code, String path, Json at, String message) {
      diagnostics.add(
          new Diagnostic(
              code, Severity.WARNING, file, path, at.line(), at.column(), message, null));
    }

    private @Nullable Json parse(BundleFiles.File f) {
      file =
          files.files().size() == 1
                  && !files.source().equals(f.path())
                  && !files.source().endsWith(f.path())
              ? files.source()
              : join(files.source(), f.path());
      JsonFactory factory = f.path().endsWith(".json") ? JSON : Yaml.FACTORY;
      ParseResult<Json> r = JsonReader.read(factory, f.text(), file, 0);
      diagnostics.addAll(r.diagnostics());
      return r.value();
    }

    private String join(String source, String path) {
      return source.endsWith(path) ? source : source + "/" + path;
    }

    ParseResult<Bundle> run() {
      if (files.files().isEmpty()) {
        file = files.source();
        error("bundle-empty", "", 0, 0, "the bundle holds no files", null);
        return result(null);
      }
      Json root = parse(files.files().get(0));
      String mainFile = file;
      if (root == null) {
        return result(null);
      }
      if (!(root instanceof Json.JObject top)) {
        error("type", "", root, "expected a bundle object, found " + root.typeName());
        return result(null);
      }
      checkMembers(top, "", TOP, "a bundle");
      StringBuilder hashInput = new StringBuilder(Canonical.text(top));

      String format = string(top, "", "format", false);
      if (format != null && !format.equals("iamgate-bundle/1")) {
        error(
            "bundle-format",
            "/format",
            top.get("format"),
            "expected `iamgate-bundle/1`, found `" + format + "`");
      }
      String partition = defaultString(string(top, "", "partition", false), "app");
      String account = defaultString(string(top, "", "account", false), "000000000000");
      Quotas quotas = quotas(top.get("quotas"));

      // managed policies: inline in the main file, then policies/<Name>.json files
      Map<String, Bundle.ManagedPolicy> policies = new LinkedHashMap<>();
      Map<String, String> policyOrigin = new HashMap<>();
      Json.JObject pobj = object(top, "", "policies");
      if (pobj != null) {
        for (Json.Member m : pobj.members()) {
          managed(
              m.name(), m.value(), "/policies/" + esc(m.name()), m, quotas, policies, policyOrigin);
        }
      }
      for (BundleFiles.File f : files.files().subList(1, files.files().size())) {
        Json doc = parse(f);
        String name = f.path().substring("policies/".length(), f.path().lastIndexOf('.'));
        if (doc != null) {
          hashInput.append('\n').append(name).append('\n').append(Canonical.text(doc));
          managed(name, doc, "", doc, quotas, policies, policyOrigin);
        }
      }
      file = mainFile;
      Set<String> services = new TreeSet<>();

      Map<String, Bundle.Group> groups = new LinkedHashMap<>();
      Json.JObject gobj = object(top, "", "groups");
      if (gobj != null) {
        for (Json.Member m : gobj.members()) {
          Bundle.Group g = group(m, quotas, policies);
          if (g != null) {
            groups.put(g.name(), g);
          }
        }
      }
      Map<String, Bundle.User> users = new LinkedHashMap<>();
      Map<String, String> apiKeyIds = new HashMap<>();
      Json.JObject uobj = object(top, "", "users");
      if (uobj != null) {
        for (Json.Member m : uobj.members()) {
          Bundle.User u = user(m, quotas, policies, groups, apiKeyIds);
          if (u != null) {
            users.put(u.name(), u);
          }
        }
      }
      Map<String, Bundle.Role> roles = new LinkedHashMap<>();
      Json.JObject robj = object(top, "", "roles");
      if (robj != null) {
        for (Json.Member m : robj.members()) {
          Bundle.Role r = role(m, quotas, policies);
          if (r != null) {
            roles.put(r.name(), r);
          }
        }
      }
      List<String> guardrails = new ArrayList<>();
      Json g = top.get("guardrails");
      if (g != null) {
        guardrails = references(g, "/guardrails", policies, "policy");
        if (guardrails.size() > quotas.guardrailsPerLevel()) {
          error(
              "quota",
              "/guardrails",
              g,
              "the guardrail level has "
                  + guardrails.size()
                  + " policies, more than the quota of "
                  + quotas.guardrailsPerLevel());
        }
        for (String name : guardrails) {
          Bundle.ManagedPolicy mp = policies.get(name);
          if (mp != null && !mp.builtIn()) {
            int size = sizes.getOrDefault(name, 0);
            if (size > quotas.guardrailChars()) {
              error(
                  "quota",
                  "/guardrails",
                  g,
                  "guardrail policy `"
                      + name
                      + "` has "
                      + size
                      + " characters, more than the quota of "
                      + quotas.guardrailChars());
            }
          }
        }
      }
      Bundle.IdentityMapping identity = identity(top.get("identity"), groups, roles);
      List<Bundle.Route> routes = routes(top.get("routes"), services);

      // built-ins, made from the services the bundle names
      for (Bundle.ManagedPolicy mp : policies.values()) {
        collectServices(mp.policy().document(), services);
      }
      for (Bundle.User u : users.values()) {
        u.inlinePolicies().forEach(p -> collectServices(p.document(), services));
      }
      for (Bundle.Group gr : groups.values()) {
        gr.inlinePolicies().forEach(p -> collectServices(p.document(), services));
      }
      for (Bundle.Role r : roles.values()) {
        r.inlinePolicies().forEach(p -> collectServices(p.document(), services));
      }
      for (Bundle.ManagedPolicy b : BuiltInPolicies.all(services)) {
        policies.putIfAbsent(b.name(), b);
      }
      if (identity == null || diagnostics.stream().anyMatch(Diagnostic::isError)) {
        return result(null); // identity() reported an error whenever it returned null
      }
      return result(
          new Bundle(
              Canonical.sha256(hashInput.toString()),
              files.source(),
              partition,
              account,
              policies,
              users,
              groups,
              roles,
              guardrails,
              identity,
              routes,
              quotas));
    }

    private final Map<String, Integer> sizes = new HashMap<>();

    /**
     * Every managed policy name defined, valid or not: an invalid one is reported once, where it
     * is.
     */
    private final Set<String> declaredPolicies = new HashSet<>();

    private ParseResult<Bundle> result(@Nullable Bundle b) {
      diagnostics.sort(
          Comparator.comparing((Diagnostic d) -> d.file() == null ? "" : d.file())
              .thenComparingInt(Diagnostic::line)
              .thenComparingInt(Diagnostic::column));
      return new ParseResult<>(b, diagnostics);
    }

    private void managed(
        String name,
        Json doc,
        String path,
        Object at,
        Quotas quotas,
        Map<String, Bundle.ManagedPolicy> policies,
        Map<String, String> origin) {
      Json pos =
          at instanceof Json.Member m ? new Json.JString(m.line(), m.column(), name) : (Json) at;
      checkName(name, path, pos, quotas.policyNameChars(), "policy");
      if (BuiltInPolicies.NAMES.contains(name)) {
        error(
            "duplicate-name",
            path,
            pos.line(),
            pos.column(),
            "`" + name + "` is the name of a built-in policy",
            "choose another name");
        return;
      }
      if (origin.containsKey(name)) {
        error(
            "duplicate-name",
            path,
            pos.line(),
            pos.column(),
            "managed policy `" + name + "` is defined twice (also in " + origin.get(name) + ")",
            null);
        return;
      }
      origin.put(name, file + (path.isEmpty() ? "" : " at " + path));
      declaredPolicies.add(name);
      Bundle.Policy p = document(name, doc, path, false);
      if (p != null) {
        int size = Canonical.size(doc);
        sizes.put(name, size);
        if (size > quotas.managedPolicyChars()) {
          error(
              "quota",
              path,
              doc,
              "managed policy `"
                  + name
                  + "` has "
                  + size
                  + " characters, more than the quota of "
                  + quotas.managedPolicyChars());
        }
        policies.put(name, new Bundle.ManagedPolicy(p, false));
      }
    }

    private Bundle.@Nullable Policy document(String name, Json doc, String path, boolean trust) {
      Json j = doc;
      if (trust) {
        j = TrustPolicies.rewrite(doc, file, path, diagnostics);
      }
      ParseResult<PolicyDocument> r = PolicyParser.parse(j, file, path, options);
      for (Diagnostic d : r.diagnostics()) {
        if (!trust || !d.code().equals("principal-not-allowed")) {
          diagnostics.add(d);
        }
      }
      PolicyDocument parsed = r.value();
      return parsed != null
          ? new Bundle.Policy(name, parsed, Canonical.sha256(Canonical.text(doc)))
          : null;
    }

    private Bundle.@Nullable Group group(
        Json.Member m, Quotas quotas, Map<String, Bundle.ManagedPolicy> policies) {
      String path = "/groups/" + esc(m.name());
      Json.JObject o = entity(m, path, quotas.groupNameChars(), "group", GROUP);
      if (o == null) {
        return null;
      }
      List<String> attached =
          attached(o, path, policies, quotas.managedPoliciesPerGroup(), "group `" + m.name() + "`");
      List<Bundle.Policy> inline =
          inline(
              o.get("inlinePolicies"),
              path + "/inlinePolicies",
              quotas.groupInlineChars(),
              "group `" + m.name() + "`");
      return new Bundle.Group(m.name(), attached, inline);
    }

    private Bundle.@Nullable User user(
        Json.Member m,
        Quotas quotas,
        Map<String, Bundle.ManagedPolicy> policies,
        Map<String, Bundle.Group> groups,
        Map<String, String> apiKeyIds) {
      String path = "/users/" + esc(m.name());
      Json.JObject o = entity(m, path, quotas.userNameChars(), "user", USER);
      if (o == null) {
        return null;
      }
      List<String> userGroups = references(o.get("groups"), path + "/groups", groups, "group");
      if (userGroups.size() > quotas.groupsPerUser()) {
        error(
            "quota",
            path + "/groups",
            o.get("groups"),
            "user `"
                + m.name()
                + "` is in "
                + userGroups.size()
                + " groups, more than the quota of "
                + quotas.groupsPerUser());
      }
      List<String> attached =
          attached(o, path, policies, quotas.managedPoliciesPerUser(), "user `" + m.name() + "`");
      List<Bundle.Policy> inline =
          inline(
              o.get("inlinePolicies"),
              path + "/inlinePolicies",
              quotas.userInlineChars(),
              "user `" + m.name() + "`");
      Map<String, String> tags = tags(o.get("tags"), path + "/tags", quotas);
      String boundary = boundary(o, path, policies);
      List<Bundle.ApiKey> keys = new ArrayList<>();
      Json k = o.get("apiKeys");
      if (k != null) {
        if (!(k instanceof Json.JArray arr)) {
          error(
              "type", path + "/apiKeys", k, "expected an array of API keys, found " + k.typeName());
        } else {
          for (int i = 0; i < arr.items().size(); i++) {
            Bundle.ApiKey key =
                apiKey(arr.items().get(i), path + "/apiKeys/" + i, m.name(), apiKeyIds);
            if (key != null) {
              keys.add(key);
            }
          }
        }
      }
      return new Bundle.User(m.name(), userGroups, attached, inline, tags, boundary, keys);
    }

    private Bundle.@Nullable ApiKey apiKey(
        Json j, String path, String user, Map<String, String> ids) {
      if (!(j instanceof Json.JObject o)) {
        error(
            "type",
            path,
            j,
            "expected an API key object {\"id\", \"hash\", \"created\"}, found " + j.typeName());
        return null;
      }
      checkMembers(o, path, List.of("id", "hash", "created"), "an API key");
      String id = string(o, path, "id", true);
      String hash = string(o, path, "hash", true);
      String created = string(o, path, "created", true);
      boolean ok = id != null && hash != null && created != null;
      if (id != null && !ApiKeys.isValidId(id)) {
        error(
            "api-key",
            path + "/id",
            o.get("id"),
            "an API key id may only contain letters, digits, `_` and `-`, found `" + id + "`");
        ok = false;
      } else if (id != null && ids.putIfAbsent(id, user) != null) {
        error(
            "duplicate-name",
            path + "/id",
            o.get("id"),
            "API key id `" + id + "` is already used by user `" + ids.get(id) + "`");
        ok = false;
      }
      if (hash != null && !ApiKeys.isValidHash(hash)) {
        error(
            "api-key",
            path + "/hash",
            o.get("hash"),
            "expected `sha256$<salt base64>$<hash base64>`; keys are stored only as salted hashes (`iamgate hash-key` makes one)");
        ok = false;
      }
      Instant when = null;
      if (created != null) {
        when = io.iamgate.policy.PolicyDates.parse(created);
        if (when == null) {
          error(
              "api-key",
              path + "/created",
              o.get("created"),
              "expected a date such as `2026-01-31T12:00:00Z`, found `" + created + "`");
          ok = false;
        }
      }
      // ok implies that id, hash and when are set
      return ok && id != null && hash != null && when != null
          ? new Bundle.ApiKey(id, hash, when)
          : null;
    }

    private Bundle.@Nullable Role role(
        Json.Member m, Quotas quotas, Map<String, Bundle.ManagedPolicy> policies) {
      String path = "/roles/" + esc(m.name());
      Json.JObject o = entity(m, path, quotas.roleNameChars(), "role", ROLE);
      if (o == null) {
        return null;
      }
      List<String> attached =
          attached(o, path, policies, quotas.managedPoliciesPerRole(), "role `" + m.name() + "`");
      List<Bundle.Policy> inline =
          inline(
              o.get("inlinePolicies"),
              path + "/inlinePolicies",
              quotas.roleInlineChars(),
              "role `" + m.name() + "`");
      Map<String, String> tags = tags(o.get("tags"), path + "/tags", quotas);
      String boundary = boundary(o, path, policies);
      int maxSession = 3600;
      Json ms = o.get("maxSessionDuration");
      if (ms != null) {
        String t = Json.scalarText(ms);
        Integer v = t != null && t.matches("[0-9]{1,6}") ? Integer.valueOf(t) : null;
        if (v == null || v < 900 || v > 43200) {
          error(
              "role",
              path + "/maxSessionDuration",
              ms,
              "expected seconds from 900 to 43200, found "
                  + (t == null ? ms.typeName() : "`" + t + "`"));
        } else {
          maxSession = v;
        }
      }
      Json tp = o.get("trustPolicy");
      Bundle.Policy trust = null;
      if (tp == null) {
        error(
            "missing-member",
            path,
            o.line(),
            o.column(),
            "role `" + m.name() + "` needs a `trustPolicy` saying who may assume it",
            "e.g. {\"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"group/Admins\"}, \"Action\": \"sts:AssumeRole\"}}");
      } else {
        trust = document(m.name() + "-trust", tp, path + "/trustPolicy", true);
        int size = Canonical.size(tp);
        if (trust != null && size > quotas.trustPolicyChars()) {
          error(
              "quota",
              path + "/trustPolicy",
              tp,
              "the trust policy has "
                  + size
                  + " characters, more than the quota of "
                  + quotas.trustPolicyChars());
        }
      }
      return new Bundle.Role(m.name(), attached, inline, tags, boundary, maxSession, trust);
    }

    /**
     * A named user, group or role object: its name checked, its members known; null when not an
     * object.
     */
    private Json.@Nullable JObject entity(
        Json.Member m, String path, int nameMax, String kind, List<String> members) {
      checkName(m.name(), path, at(m), nameMax, kind);
      if (!(m.value() instanceof Json.JObject o)) {
        error(
            "type",
            path,
            m.value(),
            "expected a " + kind + " object, found " + m.value().typeName());
        return null;
      }
      checkMembers(o, path, members, "a " + kind);
      return o;
    }

    /** The managed policies attached to an entity, within the quota. */
    private List<String> attached(
        Json.JObject o,
        String path,
        Map<String, Bundle.ManagedPolicy> policies,
        int max,
        String owner) {
      List<String> attached = references(o.get("policies"), path + "/policies", policies, "policy");
      if (attached.size() > max) {
        error(
            "quota",
            path + "/policies",
            o.get("policies"),
            owner + " has " + attached.size() + " managed policies, more than the quota of " + max);
      }
      return attached;
    }

    private @Nullable String boundary(
        Json.JObject o, String path, Map<String, Bundle.ManagedPolicy> policies) {
      Json b = o.get("permissionsBoundary");
      if (b == null) {
        return null;
      }
      if (!(b instanceof Json.JString s)) {
        error(
            "type",
            path + "/permissionsBoundary",
            b,
            "expected the name of a managed policy, found " + b.typeName());
        return null;
      }
      if (declaredPolicies.contains(s.value()) && !policies.containsKey(s.value())) {
        return null; // defined but invalid: its own errors say why
      }
      if (!policies.containsKey(s.value()) && !BuiltInPolicies.NAMES.contains(s.value())) {
        error(
            "unknown-reference",
            path + "/permissionsBoundary",
            b.line(),
            b.column(),
            "unknown managed policy `" + s.value() + "`",
            hint(s.value(), policies.keySet()));
        return null;
      }
      return s.value();
    }

    private List<Bundle.Policy> inline(@Nullable Json j, String path, int quota, String owner) {
      List<Bundle.Policy> out = new ArrayList<>();
      if (j == null) {
        return out;
      }
      if (!(j instanceof Json.JObject o)) {
        error(
            "type", path, j, "expected an object of named policy documents, found " + j.typeName());
        return out;
      }
      int total = 0;
      for (Json.Member m : o.members()) {
        String p = path + "/" + esc(m.name());
        checkName(m.name(), p, at(m), 128, "policy");
        Bundle.Policy doc = document(m.name(), m.value(), p, false);
        total += Canonical.size(m.value());
        if (doc != null) {
          out.add(doc);
        }
      }
      if (total > quota) {
        error(
            "quota",
            path,
            j,
            owner
                + " has "
                + total
                + " characters of inline policies, more than the quota of "
                + quota);
      }
      return out;
    }

    private Map<String, String> tags(@Nullable Json j, String path, Quotas quotas) {
      Map<String, String> out = new LinkedHashMap<>();
      if (j == null) {
        return out;
      }
      if (!(j instanceof Json.JObject o)) {
        error("type", path, j, "expected an object of tag keys to values, found " + j.typeName());
        return out;
      }
      if (o.members().size() > quotas.tagsPerPrincipal()) {
        error(
            "quota",
            path,
            j,
            o.members().size() + " tags, more than the quota of " + quotas.tagsPerPrincipal());
      }
      Set<String> folded = new HashSet<>();
      for (Json.Member m : o.members()) {
        String p = path + "/" + esc(m.name());
        if (!(m.value() instanceof Json.JString sv)) {
          error("type", p, m.value(), "expected a tag value string, found " + m.value().typeName());
          continue;
        }
        String v = sv.value();
        if (m.name().isEmpty() || m.name().length() > quotas.tagKeyChars()) {
          error("quota", p, at(m), "a tag key has 1 to " + quotas.tagKeyChars() + " characters");
        }
        if (v.length() > quotas.tagValueChars()) {
          error(
              "quota",
              p,
              m.value(),
              "a tag value has at most " + quotas.tagValueChars() + " characters");
        }
        if (!folded.add(m.name().toLowerCase(java.util.Locale.ROOT))) {
          error(
              "duplicate-name",
              p,
              at(m),
              "tag keys are case-insensitive; `" + m.name() + "` is given twice");
        }
        out.put(m.name(), v);
      }
      return out;
    }

    private Bundle.@Nullable IdentityMapping identity(
        @Nullable Json j, Map<String, Bundle.Group> groups, Map<String, Bundle.Role> roles) {
      if (j == null) {
        return new Bundle.IdentityMapping(
            "sub", "cognito:groups", List.of(), false, List.of(), "x-api-key", "x-iamgate-role");
      }
      if (!(j instanceof Json.JObject o)) {
        error("type", "/identity", j, "expected an identity mapping object, found " + j.typeName());
        return null;
      }
      checkMembers(o, "/identity", IDENTITY, "the identity mapping");
      String userClaim = defaultString(string(o, "/identity", "userClaim", false), "sub");
      String groupsClaim = string(o, "/identity", "groupsClaim", false);
      boolean allow = false;
      Json a = o.get("allowRoleRequests");
      if (a != null) {
        if (a instanceof Json.JBool b) {
          allow = b.value();
        } else {
          error(
              "type",
              "/identity/allowRoleRequests",
              a,
              "expected true or false, found " + a.typeName());
        }
      }
      List<Bundle.RoleRule> rules = new ArrayList<>();
      Json r = o.get("roleRules");
      if (r != null) {
        if (!(r instanceof Json.JArray arr)) {
          error(
              "type",
              "/identity/roleRules",
              r,
              "expected an array of rules, found " + r.typeName());
        } else {
          for (int i = 0; i < arr.items().size(); i++) {
            String p = "/identity/roleRules/" + i;
            Json item = arr.items().get(i);
            if (!(item instanceof Json.JObject ro)) {
              error("type", p, item, "expected a rule object, found " + item.typeName());
              continue;
            }
            checkMembers(ro, p, List.of("claim", "equals", "group", "role"), "a role rule");
            String claim = string(ro, p, "claim", false);
            String value = string(ro, p, "equals", false);
            String group = string(ro, p, "group", false);
            String role = string(ro, p, "role", true);
            if ((claim == null) == (group == null)) {
              error(
                  "role-rule", p, item, "a role rule has either `claim` with `equals`, or `group`");
              continue;
            }
            if (claim != null && value == null) {
              error("role-rule", p, item, "a claim rule needs `equals`");
              continue;
            }
            if (group != null && !groups.containsKey(group)) {
              error(
                  "unknown-reference",
                  p + "/group",
                  ro.get("group"),
                  "unknown group `" + group + "`",
                  hint(group, groups.keySet()));
            }
            if (role != null && !roles.containsKey(role)) {
              error(
                  "unknown-reference",
                  p + "/role",
                  ro.get("role"),
                  "unknown role `" + role + "`",
                  hint(role, roles.keySet()));
            }
            if (role != null) { // a rule without a role was reported as an error
              rules.add(new Bundle.RoleRule(claim, value, group, role));
            }
          }
        }
      }
      List<Bundle.Issuer> issuers = new ArrayList<>();
      Json is = o.get("issuers");
      if (is != null) {
        if (!(is instanceof Json.JArray arr)) {
          error(
              "type",
              "/identity/issuers",
              is,
              "expected an array of token issuers, found " + is.typeName());
        } else {
          Set<String> seen = new HashSet<>();
          for (int i = 0; i < arr.items().size(); i++) {
            Bundle.Issuer iss = issuer(arr.items().get(i), "/identity/issuers/" + i);
            if (iss != null && !seen.add(iss.issuer())) {
              error(
                  "duplicate-name",
                  "/identity/issuers/" + i,
                  arr.items().get(i),
                  "issuer `" + iss.issuer() + "` is listed twice");
            } else if (iss != null) {
              issuers.add(iss);
            }
          }
        }
      }
      String apiKeyHeader =
          defaultString(string(o, "/identity", "apiKeyHeader", false), "x-api-key")
              .toLowerCase(java.util.Locale.ROOT);
      String roleHeader =
          defaultString(string(o, "/identity", "roleHeader", false), "x-iamgate-role")
              .toLowerCase(java.util.Locale.ROOT);
      return new Bundle.IdentityMapping(
          userClaim, groupsClaim, rules, allow, issuers, apiKeyHeader, roleHeader);
    }

    private Bundle.@Nullable Issuer issuer(Json j, String p) {
      if (!(j instanceof Json.JObject o)) {
        error("type", p, j, "expected an issuer object, found " + j.typeName());
        return null;
      }
      checkMembers(o, p, ISSUER, "an issuer");
      String iss = string(o, p, "issuer", true);
      List<String> audiences = stringArray(o.get("audiences"), p + "/audiences");
      List<String> clientIds = stringArray(o.get("clientIds"), p + "/clientIds");
      String tokenUse = string(o, p, "tokenUse", false);
      if (tokenUse != null && !tokenUse.equals("access") && !tokenUse.equals("id")) {
        error(
            "issuer",
            p + "/tokenUse",
            o.get("tokenUse"),
            "expected `access` or `id`, found `" + tokenUse + "`");
      }
      List<String> algorithms =
          o.get("algorithms") == null
              ? List.of("RS256", "ES256")
              : stringArray(o.get("algorithms"), p + "/algorithms");
      for (String a : algorithms) {
        if (!ALGORITHMS.contains(a)) {
          error(
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
        } else {
          error("issuer", p + "/jwks", jk, "expected a JWK set {\"keys\": [{\"kty\": ...}, ...]}");
        }
      }
      String jwksUri = string(o, p, "jwksUri", false);
      if (jwksUri != null
          && !jwksUri.startsWith("https://")
          && !jwksUri.startsWith("http://localhost")
          && !jwksUri.startsWith("http://127.0.0.1")) {
        error(
            "issuer",
            p + "/jwksUri",
            o.get("jwksUri"),
            "a JWKS URL must use https (or be on localhost), found `" + jwksUri + "`");
      }
      if (jwks == null && jwksUri == null && jk == null) {
        error(
            "missing-member",
            p,
            o.line(),
            o.column(),
            "an issuer needs `jwks` (embedded keys) or `jwksUri`",
            null);
      }
      if (audiences.isEmpty() && clientIds.isEmpty()) {
        error(
            "issuer",
            p,
            o,
            "an issuer needs `audiences` or `clientIds`: tokens minted for other applications must be refused");
      }
      return iss == null
          ? null
          : new Bundle.Issuer(iss, audiences, clientIds, tokenUse, algorithms, jwks, jwksUri);
    }

    private List<String> stringArray(@Nullable Json j, String path) {
      List<String> out = new ArrayList<>();
      if (j == null) {
        return out;
      }
      if (!(j instanceof Json.JArray arr)) {
        error("type", path, j, "expected an array of strings, found " + j.typeName());
        return out;
      }
      for (int i = 0; i < arr.items().size(); i++) {
        if (arr.items().get(i) instanceof Json.JString s) {
          out.add(s.value());
        } else {
          error(
              "type",
              path + "/" + i,
              arr.items().get(i),
              "expected a string, found " + arr.items().get(i).typeName());
        }
      }
      return out;
    }

    private List<Bundle.Route> routes(@Nullable Json j, Set<String> services) {
      List<Bundle.Route> out = new ArrayList<>();
      if (j == null) {
        return out;
      }
      if (!(j instanceof Json.JArray arr)) {
        error("type", "/routes", j, "expected an array of routes, found " + j.typeName());
        return out;
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < arr.items().size(); i++) {
        String p = "/routes/" + i;
        Json item = arr.items().get(i);
        if (!(item instanceof Json.JObject o)) {
          error("type", p, item, "expected a route object, found " + item.typeName());
          continue;
        }
        checkMembers(o, p, ROUTE, "a route");
        String method = string(o, p, "method", true);
        String path = string(o, p, "path", true);
        String action = string(o, p, "action", true);
        String resource = string(o, p, "resource", true);
        boolean ok = method != null && path != null && action != null && resource != null;
        if (method != null && !METHOD.matcher(method).matches()) {
          error(
              "route",
              p + "/method",
              o.get("method"),
              "expected an HTTP method or `ANY`, found `" + method + "`");
          ok = false;
        }
        if (path != null) {
          String problem = RouteTable.pathProblem(path);
          if (problem != null) {
            error("route", p + "/path", o.get("path"), problem);
            ok = false;
          }
        }
        if (action != null) {
          int colon = action.indexOf(':');
          if (colon <= 0
              || colon != action.lastIndexOf(':')
              || colon == action.length() - 1
              || action.contains("*")
              || action.contains("?")) {
            error(
                "route",
                p + "/action",
                o.get("action"),
                "expected an action such as `orders:GetOrder`, found `" + action + "`");
            ok = false;
          } else {
            services.add(action.substring(0, colon));
          }
        }
        if (resource != null && !resource.equals("*") && !resource.startsWith("arn:")) {
          error(
              "route",
              p + "/resource",
              o.get("resource"),
              "expected `*` or an ARN template, found `" + resource + "`");
          ok = false;
        }
        if (ok && path != null && !seen.add(method + " " + RouteTable.shape(path))) {
          error(
              "duplicate-name",
              p,
              item,
              "another route already maps `" + method + " " + path + "`");
          ok = false;
        }
        // ok implies that all four are set
        if (ok && method != null && path != null && action != null && resource != null) {
          out.add(new Bundle.Route(method, path, action, resource));
        }
      }
      return out;
    }

    private Quotas quotas(@Nullable Json j) {
      if (j == null) {
        return Quotas.AWS;
      }
      if (!(j instanceof Json.JObject o)) {
        error("type", "/quotas", j, "expected an object of quota overrides, found " + j.typeName());
        return Quotas.AWS;
      }
      int[] values = Quotas.AWS.values();
      List<String> names = List.of(Quotas.NAMES);
      checkMembers(o, "/quotas", names, "the quotas");
      for (Json.Member m : o.members()) {
        int idx = names.indexOf(m.name());
        if (idx < 0) {
          continue;
        }
        String t = Json.scalarText(m.value());
        if (!(m.value() instanceof Json.JNumber) || t == null || !t.matches("[0-9]{1,9}")) {
          error("type", "/quotas/" + m.name(), m.value(), "expected a positive whole number");
        } else {
          values[idx] = Integer.parseInt(t);
        }
      }
      return Quotas.of(values);
    }

    private List<String> references(
        @Nullable Json j, String path, Map<String, ?> known, String what) {
      List<String> out = new ArrayList<>();
      if (j == null) {
        return out;
      }
      if (!(j instanceof Json.JArray arr)) {
        error("type", path, j, "expected an array of " + what + " names, found " + j.typeName());
        return out;
      }
      Set<String> seen = new LinkedHashSet<>();
      for (int i = 0; i < arr.items().size(); i++) {
        Json item = arr.items().get(i);
        String p = path + "/" + i;
        if (!(item instanceof Json.JString s)) {
          error("type", p, item, "expected a " + what + " name, found " + item.typeName());
          continue;
        }
        if (!seen.add(s.value())) {
          error("duplicate-name", p, item, what + " `" + s.value() + "` is listed twice");
          continue;
        }
        if (what.equals("policy")
            && declaredPolicies.contains(s.value())
            && !known.containsKey(s.value())) {
          continue; // defined but invalid: its own errors say why
        }
        if (!known.containsKey(s.value())
            && !(what.equals("policy") && BuiltInPolicies.NAMES.contains(s.value()))) {
          error(
              "unknown-reference",
              p,
              item.line(),
              item.column(),
              "unknown " + what + " `" + s.value() + "`",
              hint(s.value(), known.keySet()));
          continue;
        }
        out.add(s.value());
      }
      return out;
    }

    private void checkName(String name, String path, Json at, int max, String what) {
      if (name.isEmpty() || name.length() > max || !IAM_NAME.matcher(name).matches()) {
        error(
            "name",
            path,
            at,
            "a "
                + what
                + " name has 1 to "
                + max
                + " characters from letters, digits and `+=,.@_-`, found `"
                + name
                + "`");
      }
    }

    private void checkMembers(Json.JObject o, String path, List<String> allowed, String what) {
      for (Json.Member m : o.members()) {
        if (!allowed.contains(m.name())) {
          error(
              "unknown-member",
              path + "/" + esc(m.name()),
              m.line(),
              m.column(),
              "unknown member `" + m.name() + "` in " + what,
              hint(m.name(), allowed));
        }
      }
    }

    private Json.@Nullable JObject object(Json.JObject o, String path, String name) {
      Json j = o.get(name);
      if (j == null) {
        return null;
      }
      if (!(j instanceof Json.JObject obj)) {
        error(
            "type",
            path + "/" + name,
            j,
            "expected `" + name + "` to be an object, found " + j.typeName());
        return null;
      }
      return obj;
    }

    private @Nullable String string(Json.JObject o, String path, String name, boolean required) {
      Json j = o.get(name);
      if (j == null) {
        if (required) {
          error(
              "missing-member",
              path,
              o.line(),
              o.column(),
              "`" + name + "` is required here",
              null);
        }
        return null;
      }
      if (!(j instanceof Json.JString s)) {
        error(
            "type",
            path + "/" + name,
            j,
            "expected `" + name + "` to be a string, found " + j.typeName());
        return null;
      }
      return s.value();
    }

    private static String defaultString(@Nullable String v, String d) {
      return v == null ? d : v;
    }

    private static Json at(Json.Member m) {
      return new Json.JString(m.line(), m.column(), m.name());
    }

    private static String esc(String name) {
      return name.replace("~", "~0").replace("/", "~1");
    }

    private static @Nullable String hint(String input, java.util.Collection<String> candidates) {
      return Hints.didYouMean(input, candidates);
    }

    private static void collectServices(PolicyDocument d, Set<String> services) {
      for (Statement s : d.statements()) {
        if (s.action().negated()) {
          continue;
        }
        for (String a : s.action().patterns()) {
          int colon = a.indexOf(':');
          if (colon > 0 && !Arn.isAllStars(a) && !a.startsWith("sts:")) {
            services.add(a.substring(0, colon));
          }
        }
      }
    }
  }
}
