package io.iamgate.bundle;

import io.iamgate.json.Json;
import io.iamgate.json.ParseResult;
import io.iamgate.policy.parse.PolicyParser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and validates a whole bundle (docs/bundle-format.md). Every problem is reported with its
 * file, JSON Pointer path, line and column: unknown members, malformed names, references to unknown
 * groups, policies and roles, duplicates, IAM's size quotas, and every error of every embedded
 * policy document (docs/policy-language.md). A bundle with any error is not returned. Thread-safe.
 *
 * <p>This class reads the top level and puts the sections together; each section has its reader:
 * {@link QuotasReader}, {@link PoliciesReader}, {@link PrincipalsReader}, {@link ReferenceChecks}
 * (guardrails), {@link IdentityReader}, {@link TrustReferences} and {@link RoutesReader}, all
 * reporting through one {@link ReadCursor}. Diagnostics are sorted by file, line and column; at one
 * position they stay in the order the sections are read.
 */
public final class BundleReader {
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
          "quotas",
          "analyzer");

  private BundleReader() {}

  /**
   * One file of a bundle as a positioned tree, named as diagnostics name it.
   *
   * @param file the name diagnostics use for the file
   * @param path the file's path inside the bundle ({@code bundle.yaml}, {@code policies/X.json})
   * @param root the file's tree
   */
  public record Source(String file, String path, Json root) {}

  /**
   * The files of a bundle as positioned trees, the main file first, for tools that point into a
   * bundle (the analyzer); a file that cannot be read is left out. Call it on a bundle that {@link
   * #read} accepted.
   */
  public static List<Source> sources(BundleFiles files) {
    ReadCursor c = new ReadCursor(files);
    List<Source> out = new java.util.ArrayList<>();
    for (BundleFiles.File f : files.files()) {
      Json root = c.parse(f);
      String file = c.file();
      if (root != null && file != null) {
        out.add(new Source(file, f.path(), root));
      }
    }
    return out;
  }

  /**
   * Reads files into a validated bundle, or the diagnostics that say why not. The first file is the
   * main one ({@code bundle.json}, {@code .yaml} or {@code .yml}); the others are {@code
   * policies/<Name>.json} (or YAML) managed policies. Never throws for bad input: an empty bundle,
   * a syntax error or any validation error is a diagnostic of a result without a value. Warnings
   * (such as a document without {@code Version}) do not stop a bundle from loading.
   */
  public static ParseResult<Bundle> read(BundleFiles files) {
    return read(files, PolicyParser.Options.STRICT);
  }

  /** Like {@link #read(BundleFiles)}, passing parser options to every embedded document. */
  public static ParseResult<Bundle> read(BundleFiles files, PolicyParser.Options options) {
    ReadCursor c = new ReadCursor(files);
    if (files.files().isEmpty()) {
      c.file(files.source());
      c.error("bundle-empty", "", 0, 0, "the bundle holds no files", null);
      return c.result(null);
    }
    Json root = c.parse(files.files().get(0));
    String mainFile = c.file();
    if (root == null) {
      return c.result(null);
    }
    if (!(root instanceof Json.JObject top)) {
      c.error("type", "", root, "expected a bundle object, found " + root.typeName());
      return c.result(null);
    }
    c.checkMembers(top, "", TOP, "a bundle");
    StringBuilder hashInput = new StringBuilder(Canonical.text(top));

    String format = c.string(top, "", "format", false);
    if (format != null && !format.equals("iamgate-bundle/1")) {
      c.error(
          "bundle-format",
          "/format",
          top.get("format"),
          "expected `iamgate-bundle/1`, found `" + format + "`");
    }
    String partition = ReadCursor.defaultString(c.string(top, "", "partition", false), "app");
    String account = ReadCursor.defaultString(c.string(top, "", "account", false), "000000000000");
    Quotas quotas = new QuotasReader(c).read(top.get("quotas"));

    // managed policies: inline in the main file, then policies/<Name>.json files
    PoliciesReader policies = new PoliciesReader(c, options, quotas);
    policies.readMember(top);
    policies.readFiles(files.files().subList(1, files.files().size()), hashInput);
    c.file(mainFile);

    ReferenceChecks references = new ReferenceChecks(c, policies);
    PrincipalsReader principals = new PrincipalsReader(c, quotas, policies, references);
    Map<String, Bundle.Group> groups = principals.groups(c.object(top, "", "groups"));
    Map<String, Bundle.User> users = principals.users(c.object(top, "", "users"), groups);
    Map<String, Bundle.Role> roles = principals.roles(c.object(top, "", "roles"));
    List<String> guardrails = references.guardrails(top.get("guardrails"), quotas);
    Bundle.IdentityMapping identity =
        new IdentityReader(c).read(top.get("identity"), groups, roles);
    if (identity != null) {
      new TrustReferences(c, users, groups, roles, identity.issuers(), partition, account)
          .check(top.get("roles") instanceof Json.JObject r ? r : null);
    }
    Set<String> services = new TreeSet<>();
    List<Bundle.Route> routes = new RoutesReader(c).read(top.get("routes"), services);
    Bundle.AnalyzerSettings analyzer =
        new AnalyzerReader(c).read(top.get("analyzer"), users, groups, roles);

    // built-ins, made from the services the bundle names
    policies.addBuiltIns(services, users.values(), groups.values(), roles.values());
    if (identity == null || c.hasErrors()) {
      return c.result(null); // IdentityReader reported an error whenever it returned null
    }
    return c.result(
        new Bundle(
            Canonical.sha256(hashInput.toString()),
            files.source(),
            partition,
            account,
            policies.policies(),
            users,
            groups,
            roles,
            guardrails,
            identity,
            routes,
            quotas,
            analyzer));
  }
}
