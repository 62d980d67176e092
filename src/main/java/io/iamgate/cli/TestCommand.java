package io.iamgate.cli;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleFiles;
import io.iamgate.bundle.BundleReader;
import io.iamgate.bundle.RouteTable;
import io.iamgate.compile.StatementRef;
import io.iamgate.eval.Decision;
import io.iamgate.eval.NearMiss;
import io.iamgate.facade.Authorization;
import io.iamgate.facade.IamGate;
import io.iamgate.identity.Claims;
import io.iamgate.identity.Directory;
import io.iamgate.identity.IdentityMapper;
import io.iamgate.identity.Principal;
import io.iamgate.json.Diagnostic;
import io.iamgate.json.ParseResult;
import io.iamgate.json.Severity;
import io.iamgate.store.PolicyCaches;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code test PATH...}: runs policy tests (expected decisions of principals' requests) against a
 * bundle, deciding each through {@link IamGate#decide} as {@code simulate} does.
 */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = {
      "Run policy tests: each names a principal, a request and the decision it expects.",
      "",
      "  iamgate test --bundle bundle.yaml tests/",
      "Directories are searched for *.test.yaml, *.test.yml and *.test.json files.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every test passed",
      "1:a test failed",
      "2:a test file or the bundle is invalid or unreadable, or a usage error"
    })
final class TestCommand implements Callable<Integer> {
  static final int FAILED = 1;
  static final int INVALID = 2;

  @Spec @Nullable CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "test files, or directories holding *.test.yaml/*.test.yml/*.test.json files")
  @Nullable List<String> paths;

  @Option(
      names = "--bundle",
      paramLabel = "PATH",
      description = "the bundle of test files that do not name one with `bundle:`")
  @Nullable String bundle;

  @Option(
      names = "--junit",
      paramLabel = "FILE",
      description = "also write the results as JUnit XML to FILE")
  @Nullable String junit;

  @Option(
      names = "--coverage",
      description = "report the statements no test made decide and the routes no test called")
  boolean coverage;

  @Option(names = "--json", description = "print the results as one JSON object")
  boolean json;

  /** One loaded bundle with what the tests touched. */
  static final class Loaded {
    final String name;
    final Directory directory;
    final Set<String> decided = new HashSet<>();
    final Set<Bundle.Route> called = new HashSet<>();

    Loaded(String name, Bundle bundle) {
      this.name = name;
      this.directory = new Directory(bundle, PolicyCaches.defaults());
    }
  }

  /** The outcome of one test. */
  record Result(
      TestFiles.Case test,
      Decision decision,
      String reason,
      List<StatementRef> statements,
      boolean passed,
      @Nullable String failure) {}

  /** A statement no test made decide, or a route no test called. */
  record Uncovered(String bundle, List<String> statements, List<String> routes) {}

  private CommandSpec spec() {
    return Objects.requireNonNull(spec, "picocli injects the @Spec field");
  }

  @Override
  public Integer call() {
    PrintWriter out = spec().commandLine().getOut();
    PrintWriter err = spec().commandLine().getErr();
    List<Diagnostic> errors = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (String p : Objects.requireNonNull(paths, "picocli requires a PATH")) {
      discover(p, files, errors);
    }
    String junitTarget = junit;
    if (junitTarget != null && files.stream().anyMatch(f -> sameFile(f, Path.of(junitTarget)))) {
      err.println(
          "iamgate: --junit `"
              + junitTarget
              + "` is one of the test files; writing the report would overwrite it");
      return INVALID;
    }
    List<TestFiles.TestFile> read = new ArrayList<>();
    for (Path f : files) {
      ParseResult<TestFiles.TestFile> r = TestFiles.read(f);
      errors.addAll(r.errors());
      if (r.value() != null) {
        read.add(r.value());
      }
    }
    Map<String, Loaded> bundles = new LinkedHashMap<>();
    Map<TestFiles.TestFile, Loaded> bundleOf = new LinkedHashMap<>();
    for (TestFiles.TestFile tf : read) {
      Loaded b = bundleFor(tf, bundles, errors);
      if (b != null) {
        bundleOf.put(tf, b);
        for (TestFiles.Case c : tf.cases()) {
          checkPrincipals(c, b.directory.bundle(), errors);
        }
      }
    }
    if (junitTarget != null) {
      Path target = Path.of(junitTarget).toAbsolutePath().normalize();
      for (String loadedFrom : bundles.keySet()) {
        Path source = Path.of(loadedFrom);
        if (target.startsWith(source) || sameFile(source, target)) {
          err.println(
              "iamgate: --junit `"
                  + junitTarget
                  + "` is (inside) the bundle `"
                  + loadedFrom
                  + "`; writing the report would overwrite it");
          return INVALID;
        }
      }
    }
    if (!errors.isEmpty()) {
      if (json) {
        out.println(JsonOutput.object(g -> JsonOutput.diagnostics(g, errors)));
      } else {
        errors.forEach(d -> err.println(d.format()));
      }
      return INVALID;
    }
    List<Result> results = new ArrayList<>();
    bundleOf.forEach(
        (tf, b) -> {
          for (TestFiles.Case c : tf.cases()) {
            results.add(run(c, b));
          }
        });
    long passed = results.stream().filter(Result::passed).count();
    long failed = results.size() - passed;
    List<Uncovered> uncovered =
        coverage ? bundles.values().stream().map(TestCommand::uncovered).toList() : List.of();
    if (json) {
      out.println(TestReports.json(results, passed, failed, coverage ? uncovered : null));
    } else {
      for (Result r : results) {
        out.println(
            r.passed()
                ? "PASS " + r.test().name()
                : "FAIL " + r.test().name() + " (" + r.test().where().at() + "): " + r.failure());
      }
      out.println(passed + " passed, " + failed + " failed");
      if (coverage) {
        TestReports.coverage(out, uncovered);
      }
    }
    String junitFile = junit;
    if (junitFile != null) {
      try {
        TestReports.junit(Path.of(junitFile), results);
      } catch (IOException e) {
        err.println("iamgate: cannot write `" + junitFile + "`: " + Inputs.describe(e));
        return INVALID;
      }
    }
    return failed == 0 ? 0 : FAILED;
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  /** The test files a command-line path names: the file, or a directory's test files. */
  private static void discover(String p, List<Path> files, List<Diagnostic> errors) {
    Path path = Path.of(p);
    if (!Files.exists(path)) {
      errors.add(problem(p, "no such file or directory"));
      return;
    }
    if (!Files.isDirectory(path)) {
      files.add(path);
      return;
    }
    try (Stream<Path> s = Files.walk(path)) {
      List<Path> found =
          s.filter(Files::isRegularFile)
              .filter(
                  f -> {
                    String n = f.getFileName().toString();
                    return n.endsWith(".test.yaml")
                        || n.endsWith(".test.yml")
                        || n.endsWith(".test.json");
                  })
              .sorted()
              .toList();
      if (found.isEmpty()) {
        errors.add(
            problem(p, "the directory holds no *.test.yaml, *.test.yml or *.test.json file"));
      }
      files.addAll(found);
    } catch (IOException e) {
      errors.add(problem(p, Inputs.describe(e)));
    }
  }

  private static Diagnostic problem(String file, String message) {
    return new Diagnostic("unreadable", Severity.ERROR, file, "", 0, 0, message, null);
  }

  /** The bundle of a test file: its own {@code bundle:}, else {@code --bundle}; read once. */
  private @Nullable Loaded bundleFor(
      TestFiles.TestFile tf, Map<String, Loaded> bundles, List<Diagnostic> errors) {
    Path path = tf.bundle();
    String name;
    if (path != null) {
      name = path.toString();
      Path cwd = Path.of("").toAbsolutePath();
      if (path.isAbsolute() && path.startsWith(cwd)) {
        name = cwd.relativize(path).toString();
      }
    } else if (bundle != null) {
      name = bundle;
      path = Path.of(bundle);
    } else {
      errors.add(
          new Diagnostic(
              "no-bundle",
              Severity.ERROR,
              tf.file(),
              "",
              1,
              1,
              "the file names no `bundle` and no --bundle was given",
              "add `bundle: path/to/bundle.yaml` (relative to the test file) or pass --bundle"));
      return null;
    }
    Loaded known = bundles.get(path.toAbsolutePath().normalize().toString());
    if (known != null) {
      return known;
    }
    ParseResult<Bundle> parsed;
    try {
      parsed = BundleReader.read(BundleFiles.read(path));
    } catch (IOException e) {
      TestFiles.Where w = tf.bundleWhere();
      errors.add(
          w == null
              ? problem(name, Inputs.describe(e))
              : w.error("bundle", Inputs.cannotRead(name, Inputs.describe(e)), null));
      return null;
    }
    Bundle b = parsed.value();
    if (b == null) {
      errors.addAll(parsed.errors());
      return null;
    }
    Loaded loaded = new Loaded(name, b);
    bundles.put(path.toAbsolutePath().normalize().toString(), loaded);
    return loaded;
  }

  /** A test about a user or role the bundle does not have is an invalid test. */
  private static void checkPrincipals(TestFiles.Case c, Bundle b, List<Diagnostic> errors) {
    TestFiles.Asker a = c.principal();
    String user = a.user();
    String role = a.role();
    Principal p =
        user != null ? Principal.user(user) : Principal.role(Objects.requireNonNull(role), null);
    String unknown = SimulateCommand.unknownPrincipal(b, p);
    if (unknown != null) {
      errors.add(a.where().error("unknown-principal", unknown, null));
    }
    String caller = a.callerUser();
    TestFiles.Where cw = a.callerWhere();
    if (caller != null && cw != null) {
      String unknownCaller = SimulateCommand.unknownPrincipal(b, Principal.user(caller));
      if (unknownCaller != null) {
        errors.add(cw.error("unknown-principal", unknownCaller, null));
      }
    }
  }

  /** Decides one test through the engine entry {@code simulate} uses. */
  static Result run(TestFiles.Case c, Loaded b) {
    Directory dir = b.directory;
    TestFiles.Asker a = c.principal();
    Map<String, Object> claims = a.claims();
    Map<String, Object> context = new LinkedHashMap<>();
    if (claims != null) {
      context.putAll(Claims.toContext(claims));
    }
    context.putAll(c.context());

    Principal principal;
    String user = a.user();
    if (user != null) {
      principal = Principal.user(user);
    } else {
      String role = Objects.requireNonNull(a.role(), "the reader requires a user or a role");
      IdentityMapper.Result assumed = assume(c, role, dir.identityMapper());
      Principal p = assumed.principal();
      if (p == null) {
        return judge(
            c,
            Decision.IMPLICIT_DENY,
            Objects.requireNonNullElse(assumed.problem(), "the role cannot be assumed"),
            List.of(),
            List.of());
      }
      principal = p;
    }

    TestFiles.Ask ask = c.request();
    String action = ask.action();
    String resource = ask.resource();
    String method = ask.method();
    String path = ask.path();
    if (method != null && path != null) {
      Map<String, String> variables = new LinkedHashMap<>();
      context.forEach(
          (k, v) -> {
            if (v instanceof String s) {
              variables.put(k, s);
            }
          });
      RouteTable.Match m = dir.routes().match(method, path, "", variables);
      Bundle.Route route = m.route();
      if (route == null) {
        return judge(
            c,
            Decision.IMPLICIT_DENY,
            "no route of the bundle matches " + method + " " + path,
            List.of(),
            List.of());
      }
      b.called.add(route);
      if (m.resource() == null) {
        return judge(
            c,
            Decision.IMPLICIT_DENY,
            "route "
                + route.method()
                + " "
                + route.path()
                + ": its resource `"
                + route.resource()
                + "` has a variable with no value (give it in `context`)",
            List.of(),
            List.of());
      }
      action = m.action();
      resource = m.resource();
      // the keys the authorizer derives from the request itself (docs/authorizer.md, "Context
      // keys")
      context.put("request:method", method);
      m.pathParameters().forEach((k, v) -> context.put("request:path/" + k, v));
    }
    Authorization result =
        IamGate.decide(
            dir,
            principal,
            Objects.requireNonNull(action, "a request has an action or a route"),
            Objects.requireNonNull(resource, "a request has a resource or a route"),
            context,
            true);
    for (StatementRef ref : result.statements()) {
      if (ref.documentName() != null) {
        b.decided.add(ref.documentName() + "#" + ref.statementIndex());
      }
    }
    return judge(c, result.decision(), result.reason(), result.statements(), result.nearMisses());
  }

  /**
   * The role of a role test as its caller assumes it: through the trust policy (a bundle user's
   * {@code sts:AssumeRole}, or the claims' {@code sts:AssumeRoleWithWebIdentity} from their {@code
   * iss}), or directly with {@code trust: false}.
   */
  private static IdentityMapper.Result assume(
      TestFiles.Case c, String role, IdentityMapper mapper) {
    TestFiles.Asker a = c.principal();
    String caller = a.callerUser();
    Map<String, Object> claims = a.claims();
    if (!c.trust()) {
      String session =
          caller != null
              ? caller
              : claims != null && claims.get("sub") instanceof String sub ? sub : "iamgate-test";
      return new IdentityMapper.Result(
          new Principal(
              Principal.Kind.ROLE, role, session, List.of(), claims == null ? Map.of() : claims),
          null);
    }
    if (caller != null) {
      return mapper.userAssumesRole(caller, role);
    }
    Map<String, Object> cl =
        Objects.requireNonNull(claims, "the reader requires a caller or claims");
    String issuer = cl.get("iss") instanceof String iss ? iss : null;
    return mapper.claimsAssumeRole(cl, issuer, role);
  }

  private static Result judge(
      TestFiles.Case c,
      Decision decision,
      String reason,
      List<StatementRef> statements,
      List<NearMiss> nearMisses) {
    if (!c.expect().matches(decision)) {
      return new Result(
          c,
          decision,
          reason,
          statements,
          false,
          "expected "
              + c.expect().text
              + ", got "
              + decision.text()
              + ": "
              + reason
              + nearMissText(nearMisses));
    }
    String sid = c.statement();
    if (sid != null && statements.stream().noneMatch(s -> sid.equals(s.sid()))) {
      return new Result(
          c,
          decision,
          reason,
          statements,
          false,
          decision.text() + " as expected, but not by statement `" + sid + "`: " + reason);
    }
    return new Result(c, decision, reason, statements, true, null);
  }

  /** {@code ; near misses: A; B} for a failure's explanation, or nothing when there are none. */
  private static String nearMissText(List<NearMiss> nearMisses) {
    return nearMisses.isEmpty()
        ? ""
        : "; near misses: "
            + String.join(
                "; ",
                nearMisses.stream().map(m -> io.iamgate.audit.Masking.mask(m.toString())).toList());
  }

  /** Every statement of the bundle's policies no test made decide, and every route not called. */
  static Uncovered uncovered(Loaded b) {
    Bundle bundle = b.directory.bundle();
    Map<String, Bundle.Policy> policies = new java.util.TreeMap<>();
    Set<String> referenced = new HashSet<>(bundle.guardrails());
    for (Bundle.User u : bundle.users().values()) {
      referenced.addAll(u.policies());
      if (u.permissionsBoundary() != null) {
        referenced.add(u.permissionsBoundary());
      }
      u.inlinePolicies().forEach(p -> policies.put(p.name(), p));
    }
    for (Bundle.Group g : bundle.groups().values()) {
      referenced.addAll(g.policies());
      g.inlinePolicies().forEach(p -> policies.put(p.name(), p));
    }
    for (Bundle.Role r : bundle.roles().values()) {
      referenced.addAll(r.policies());
      if (r.permissionsBoundary() != null) {
        referenced.add(r.permissionsBoundary());
      }
      r.inlinePolicies().forEach(p -> policies.put(p.name(), p));
    }
    bundle
        .policies()
        .forEach(
            (name, mp) -> {
              if (!mp.builtIn() || referenced.contains(name)) {
                policies.put(name, mp.policy());
              }
            });
    List<String> statements = new ArrayList<>();
    policies.forEach(
        (name, p) -> {
          var list = p.document().statements();
          for (int i = 0; i < list.size(); i++) {
            if (!b.decided.contains(name + "#" + i)) {
              String sid = list.get(i).sid();
              statements.add(
                  name
                      + "/Statement/"
                      + i
                      + (sid == null || sid.isEmpty() ? "" : " (Sid " + sid + ")"));
            }
          }
        });
    List<String> routes = new ArrayList<>();
    for (Bundle.Route r : bundle.routes()) {
      if (!b.called.contains(r)) {
        routes.add(r.method() + " " + r.path());
      }
    }
    return new Uncovered(b.name, statements, routes);
  }
}
