package io.iamgate.bundle;

import io.iamgate.json.Diagnostic;
import io.iamgate.json.Json;
import io.iamgate.json.ParseResult;
import io.iamgate.policy.Arn;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.Statement;
import io.iamgate.policy.parse.PolicyParser;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the managed policies (docs/bundle-format.md, "Managed policies"): the {@code policies}
 * member of the main file, then one {@code policies/<Name>.json} file each, then the built-ins.
 * Also parses every other document of the bundle (inline and trust policies), so that all of them
 * are validated the same way, by docs/policy-language.md.
 *
 * <p>Errors: a malformed or built-in name, a policy defined twice, a document that does not
 * validate (its own diagnostics), a document over {@code managedPolicyChars}.
 */
final class PoliciesReader {
  private final ReadCursor c;
  private final PolicyParser.Options options;
  private final Quotas quotas;
  private final Map<String, Bundle.ManagedPolicy> policies = new LinkedHashMap<>();

  /** Where each managed policy was defined, for the "defined twice" error. */
  private final Map<String, String> origin = new HashMap<>();

  /** The size of each valid managed policy, for the guardrail quota. */
  private final Map<String, Integer> sizes = new HashMap<>();

  /**
   * Every managed policy name defined, valid or not: an invalid one is reported once, where it is.
   */
  private final Set<String> declared = new HashSet<>();

  PoliciesReader(ReadCursor c, PolicyParser.Options options, Quotas quotas) {
    this.c = c;
    this.options = options;
    this.quotas = quotas;
  }

  /** The valid managed policies by name, in bundle order; the built-ins once added. */
  Map<String, Bundle.ManagedPolicy> policies() {
    return policies;
  }

  /** Whether {@code name} is defined in the bundle, even if its document is invalid. */
  boolean isDeclared(String name) {
    return declared.contains(name);
  }

  /** The size of a valid managed policy, 0 for an unknown one. */
  int size(String name) {
    return sizes.getOrDefault(name, 0);
  }

  /** Reads the {@code policies} member of the main file. */
  void readMember(Json.JObject top) {
    Json.JObject pobj = c.object(top, "", "policies");
    if (pobj != null) {
      for (Json.Member m : pobj.members()) {
        managed(m.name(), m.value(), "/policies/" + ReadCursor.esc(m.name()), m);
      }
    }
  }

  /**
   * Reads {@code policies/<Name>.json} (or YAML) files, each one managed policy, appending each
   * name and canonical text to {@code hashInput}. Leaves the cursor in the last file.
   */
  void readFiles(List<BundleFiles.File> files, StringBuilder hashInput) {
    for (BundleFiles.File f : files) {
      Json doc = c.parse(f);
      String name = f.path().substring("policies/".length(), f.path().lastIndexOf('.'));
      if (doc != null) {
        hashInput.append('\n').append(name).append('\n').append(Canonical.text(doc));
        managed(name, doc, "", doc);
      }
    }
  }

  private void managed(String name, Json doc, String path, Object at) {
    Json pos =
        at instanceof Json.Member m ? new Json.JString(m.line(), m.column(), name) : (Json) at;
    c.checkName(name, path, pos, quotas.policyNameChars(), "policy");
    if (BuiltInPolicies.NAMES.contains(name)) {
      c.error(
          "duplicate-name",
          path,
          pos.line(),
          pos.column(),
          "`" + name + "` is the name of a built-in policy",
          "choose another name");
      return;
    }
    if (origin.containsKey(name)) {
      c.error(
          "duplicate-name",
          path,
          pos.line(),
          pos.column(),
          "managed policy `" + name + "` is defined twice (also in " + origin.get(name) + ")",
          null);
      return;
    }
    origin.put(name, c.file() + (path.isEmpty() ? "" : " at " + path));
    declared.add(name);
    Bundle.Policy p = document(name, doc, path, false);
    if (p != null) {
      int size = Canonical.size(doc);
      sizes.put(name, size);
      if (size > quotas.managedPolicyChars()) {
        c.error(
            "quota",
            path,
            doc,
            "managed policy `"
                + name
                + "` has "
                + ReadCursor.count(size, "character", "characters")
                + ", more than the quota of "
                + quotas.managedPolicyChars());
      }
      policies.put(name, new Bundle.ManagedPolicy(p, false));
    }
  }

  /**
   * Parses one policy document of the bundle at {@code path} in the current file; null when it is
   * invalid (its errors reported). A {@code trust} policy is first rewritten by {@link
   * TrustPolicies}, which reports its principal errors.
   */
  Bundle.@Nullable Policy document(String name, Json doc, String path, boolean trust) {
    Json j = doc;
    if (trust) {
      j = TrustPolicies.rewrite(doc, c.file(), path, c.diagnostics());
    }
    ParseResult<PolicyDocument> r = PolicyParser.parse(j, c.file(), path, options);
    for (Diagnostic d : r.diagnostics()) {
      if (!trust || !d.code().equals("principal-not-allowed")) {
        c.diagnostics().add(d);
      }
    }
    PolicyDocument parsed = r.value();
    return parsed != null
        ? new Bundle.Policy(name, parsed, Canonical.sha256(Canonical.text(doc)))
        : null;
  }

  /**
   * Adds the built-in policies that the bundle does not define (it cannot: that is an error), made
   * for the services the bundle names: {@code services} (from routes) and those of every policy.
   */
  void addBuiltIns(
      Set<String> services,
      Collection<Bundle.User> users,
      Collection<Bundle.Group> groups,
      Collection<Bundle.Role> roles) {
    for (Bundle.ManagedPolicy mp : policies.values()) {
      collectServices(mp.policy().document(), services);
    }
    for (Bundle.User u : users) {
      u.inlinePolicies().forEach(p -> collectServices(p.document(), services));
    }
    for (Bundle.Group g : groups) {
      g.inlinePolicies().forEach(p -> collectServices(p.document(), services));
    }
    for (Bundle.Role r : roles) {
      r.inlinePolicies().forEach(p -> collectServices(p.document(), services));
    }
    for (Bundle.ManagedPolicy b : BuiltInPolicies.all(services)) {
      policies.putIfAbsent(b.name(), b);
    }
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
