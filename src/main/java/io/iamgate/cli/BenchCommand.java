package io.iamgate.cli;

import io.iamgate.batch.BatchCase;
import io.iamgate.compile.CompiledDocument;
import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.compile.NamedDocument;
import io.iamgate.compile.PolicyCompiler;
import io.iamgate.compile.PolicyType;
import io.iamgate.eval.Decision;
import io.iamgate.eval.Evaluator;
import io.iamgate.eval.Request;
import io.iamgate.eval.RequestContext;
import io.iamgate.json.Diagnostic;
import io.iamgate.json.Json;
import io.iamgate.json.JsonReader;
import io.iamgate.json.ParseResult;
import io.iamgate.policy.Effect;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.Statement;
import io.iamgate.policy.parse.PolicyParser;
import io.iamgate.workload.StandardWorkload;
import io.iamgate.workload.WorkloadRequest;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: decisions per second on a request stream, single-threaded after warm-up, measured
 * side by side with the "physical floor" (one HashMap lookup, one string compare and one prefix
 * compare per request over the same stream).
 *
 * <p>Each timed decision looks up the compiled set of the request's policy names in a HashMap
 * (compiling it on first sight, as the authorizer's cache does) and runs the evaluator. Requests
 * are rebuilt from their parsed input before every pass, outside the timed region, so the typed
 * context values (IP addresses, ...) are parsed inside the timed decision every pass, as they are
 * for a fresh request in the authorizer.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure decision speed on the standard seeded workload, or on a request stream in files.",
      "",
      "With no input, bench generates the standard workload in memory (seed 42: 200 roles,"
          + " 1,992 statements, 1,000 principals, 100,000 requests) with decisions computed by an"
          + " independent reference evaluator, and reports the engine's agreement with them.",
      "",
      "  iamgate bench",
      "  iamgate bench --policies roles.json --requests requests.jsonl \\",
      "      --expected expected.jsonl",
      ""
    })
final class BenchCommand implements Callable<Integer> {
  @Spec @Nullable CommandSpec spec;

  @Option(
      names = "--policies",
      paramLabel = "ROLES.json",
      description = "a JSON object of named policy documents")
  @Nullable String policiesFile;

  @Option(
      names = "--requests",
      paramLabel = "REQUESTS.jsonl",
      description = "one request per line: id, roles, action, resource, context")
  @Nullable String requestsFile;

  @Option(
      names = "--expected",
      paramLabel = "EXPECTED.jsonl",
      description = "expected decisions, one {\"id\",\"decision\"} per line")
  @Nullable String expectedFile;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "42",
      description =
          "seed of the generated standard workload (default: ${DEFAULT-VALUE}; not with --policies)")
  long seed;

  @Option(
      names = "--warmup-seconds",
      paramLabel = "N",
      defaultValue = "5",
      description = "warm-up time (default: ${DEFAULT-VALUE})")
  double warmupSeconds;

  @Option(
      names = "--seconds",
      paramLabel = "N",
      defaultValue = "10",
      description = "measurement time (default: ${DEFAULT-VALUE})")
  double seconds;

  @Option(names = "--json", description = "print exactly one JSON object on standard output")
  boolean json;

  /** The standard workload has `arn:app:*:...` resources; see {@link PolicyParser.Options}. */
  private static final PolicyParser.Options BENCH_OPTIONS = new PolicyParser.Options(true);

  /** Keeps results alive so the JIT cannot drop the measured work. */
  static volatile long sink;

  /** One parsed request line, from which fresh {@link Request}s are built. */
  private record Line(
      @Nullable String id,
      String key,
      List<String> roles,
      String action,
      String resource,
      Map<String, Object> context) {}

  /** The floor's rule per policy name: an action and a resource prefix. */
  private record FloorRule(String action, String resourcePrefix) {}

  /** The command's spec, which picocli injects before it runs the command. */
  private CommandSpec spec() {
    return Objects.requireNonNull(spec, "picocli injects the @Spec field");
  }

  @Override
  public Integer call() {
    PrintWriter err = spec().commandLine().getErr();
    try {
      return run();
    } catch (Inputs.InputException e) {
      err.println("iamgate: " + e.getMessage());
      return 1;
    } catch (BenchInputException e) {
      err.println("iamgate: " + e.getMessage());
      return 1;
    }
  }

  private static final class BenchInputException extends Exception {
    private static final long serialVersionUID = 1L;

    BenchInputException(String message) {
      super(message, null, false, false);
    }
  }

  private int run() throws Inputs.InputException, BenchInputException {
    PrintWriter out = spec().commandLine().getOut();
    PrintWriter err = spec().commandLine().getErr();
    Map<String, NamedDocument> documents;
    List<Line> lines;
    Map<String, Decision> expected;
    String policiesFile = this.policiesFile;
    String requestsFile = this.requestsFile;
    String expectedFile = this.expectedFile;
    if (policiesFile == null && requestsFile == null) {
      if (expectedFile != null) {
        throw new BenchInputException("--expected needs --policies and --requests");
      }
      if (!json) {
        err.printf(Locale.ROOT, "generating the standard workload (seed %d)...%n", seed);
      }
      StandardWorkload w =
          StandardWorkload.generate(
              new StandardWorkload.Options(
                  seed,
                  StandardWorkload.Options.DEFAULTS.roles(),
                  StandardWorkload.Options.DEFAULTS.principals(),
                  StandardWorkload.Options.DEFAULTS.requests()));
      documents = generatedPolicies(w);
      lines = generatedRequests(w);
      expected = generatedExpected(w);
    } else if (policiesFile == null || requestsFile == null) {
      throw new BenchInputException(
          "--policies and --requests go together (or give neither, for the standard workload)");
    } else {
      documents = loadPolicies(policiesFile);
      lines = loadRequests(requestsFile, policiesFile, documents);
      if (lines.isEmpty()) {
        throw new BenchInputException("`" + requestsFile + "` holds no requests");
      }
      expected = expectedFile == null ? Map.of() : loadExpected(expectedFile);
    }
    Map<String, CompiledDocument> compiled = new HashMap<>();
    documents.forEach((name, d) -> compiled.put(name, CompiledDocument.compile(d)));
    int n = lines.size();

    Map<String, FloorRule> floorRules = new HashMap<>();
    documents.forEach((name, d) -> floorRules.put(name, floorRule(d.document())));
    String[] floorKeys = new String[n];
    for (int i = 0; i < n; i++) {
      floorKeys[i] = new String(lines.get(i).roles().get(0));
    }

    Map<String, CompiledPolicySet> cache = new HashMap<>();
    Decision[] first = new Decision[n];
    Request[] requests = build(lines);
    for (int i = 0; i < n; i++) {
      first[i] = decide(cache, compiled, lines.get(i), requests[i]).decision();
    }
    int matched = 0;
    int total = 0;
    for (int i = 0; i < n; i++) {
      Decision e = expected.get(lines.get(i).id());
      if (e != null) {
        total++;
        if (e == first[i]) {
          matched++;
        }
      }
    }
    if (!json) {
      err.printf(
          Locale.ROOT,
          "warming up for %.1f s on %s (%s)...%n",
          warmupSeconds,
          Plural.count(n, "request"),
          Plural.count(cache.size(), "distinct policy set"));
    }
    long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
    do {
      requests = build(lines);
      timedPass(cache, compiled, lines, requests);
      floorPass(floorRules, floorKeys, lines);
    } while (System.nanoTime() < warmEnd);

    long engineNanos = 0;
    long engineCount = 0;
    long floorNanos = 0;
    long floorCount = 0;
    int maxSamples = 20_000_000;
    long[] samples = new long[(int) Math.min(maxSamples, (long) n * 64)];
    int sampleCount = 0;
    long end = System.nanoTime() + (long) (seconds * 1e9);
    int passes = 0;
    do {
      floorNanos += floorPass(floorRules, floorKeys, lines);
      floorCount += n;
      requests = build(lines);
      engineNanos += timedPass(cache, compiled, lines, requests);
      engineCount += n;
      if (sampleCount + n <= samples.length) {
        requests = build(lines);
        sampleCount = sampledPass(cache, compiled, lines, requests, samples, sampleCount);
      }
      passes++;
    } while (System.nanoTime() < end);

    long[] sorted = Arrays.copyOf(samples, sampleCount);
    Arrays.sort(sorted);
    double mean = (double) engineNanos / engineCount;
    double floorMean = (double) floorNanos / floorCount;
    long p50 = percentile(sorted, 0.50);
    long p99 = percentile(sorted, 0.99);
    double throughput = engineCount / (engineNanos / 1e9);
    if (json) {
      int m = matched;
      int t = total;
      long decisions = engineCount;
      out.println(
          JsonOutput.object(
              g -> {
                g.writeNumberField("requests", n);
                g.writeNumberField("throughputPerSec", round(throughput, 1));
                g.writeNumberField("meanNs", round(mean, 1));
                g.writeNumberField("p50Ns", p50);
                g.writeNumberField("p99Ns", p99);
                g.writeObjectFieldStart("agreement");
                g.writeNumberField("matched", m);
                g.writeNumberField("total", t);
                g.writeEndObject();
                g.writeNumberField("floorMeanNs", round(floorMean, 1));
                g.writeNumberField("meanToFloor", round(mean / floorMean, 2));
                g.writeNumberField("decisions", decisions);
                g.writeNumberField("policySets", cache.size());
              }));
    } else {
      out.printf(
          Locale.ROOT,
          "requests     %d per pass, %s, %s timed, %s%n",
          n,
          Plural.count(passes, "pass", "passes"),
          Plural.count(engineCount, "decision"),
          Plural.count(cache.size(), "policy set"));
      out.printf(Locale.ROOT, "throughput   %,.0f decisions/s (single thread)%n", throughput);
      out.printf(Locale.ROOT, "mean         %.1f ns%n", mean);
      out.printf(
          Locale.ROOT,
          "p50 / p99    %d ns / %d ns (per-decision timing, includes ~%d ns of clock reads)%n",
          p50,
          p99,
          clockOverhead());
      out.printf(
          Locale.ROOT,
          "floor        %.1f ns mean (HashMap lookup + string compare + prefix compare)%n",
          floorMean);
      out.printf(Locale.ROOT, "ratio        %.2f x the floor%n", mean / floorMean);
      if (total > 0) {
        out.printf(
            Locale.ROOT,
            "agreement    %d / %d (%.3f %%)%n",
            matched,
            total,
            100.0 * matched / total);
      }
    }
    return 0;
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  private static long percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int idx = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
  }

  private static long clockOverhead() {
    long start = System.nanoTime();
    long x = 0;
    for (int i = 0; i < 100_000; i++) {
      x += System.nanoTime();
    }
    sink = x;
    return (System.nanoTime() - start) / 100_000;
  }

  /**
   * The authorizer's path: the principal's compiled set from the cache (built on first sight from
   * documents compiled once and shared), then the evaluator.
   */
  private static io.iamgate.eval.Evaluation decide(
      Map<String, CompiledPolicySet> cache,
      Map<String, CompiledDocument> docs,
      Line line,
      Request r) {
    CompiledPolicySet set = cache.get(line.key());
    if (set == null) {
      List<CompiledDocument> identity = new ArrayList<>();
      for (String role : line.roles()) {
        identity.add(docs.get(role));
      }
      set = new CompiledPolicySet(PolicyCompiler.group(PolicyType.IDENTITY, identity), null, null);
      cache.put(line.key(), set);
    }
    return Evaluator.decide(set, r);
  }

  private static long timedPass(
      Map<String, CompiledPolicySet> cache,
      Map<String, CompiledDocument> docs,
      List<Line> lines,
      Request[] requests) {
    long acc = 0;
    long start = System.nanoTime();
    for (int i = 0; i < requests.length; i++) {
      acc += decide(cache, docs, lines.get(i), requests[i]).decision().ordinal();
    }
    long elapsed = System.nanoTime() - start;
    sink += acc;
    return elapsed;
  }

  private static int sampledPass(
      Map<String, CompiledPolicySet> cache,
      Map<String, CompiledDocument> docs,
      List<Line> lines,
      Request[] requests,
      long[] samples,
      int count) {
    long acc = 0;
    for (int i = 0; i < requests.length; i++) {
      long t0 = System.nanoTime();
      acc += decide(cache, docs, lines.get(i), requests[i]).decision().ordinal();
      samples[count++] = System.nanoTime() - t0;
    }
    sink += acc;
    return count;
  }

  private static long floorPass(Map<String, FloorRule> rules, String[] keys, List<Line> lines) {
    long acc = 0;
    long start = System.nanoTime();
    for (int i = 0; i < keys.length; i++) {
      Line l = lines.get(i);
      FloorRule rule = Objects.requireNonNull(rules.get(keys[i]), "every policy has a floor rule");
      if (rule.action().equals(l.action()) && l.resource().startsWith(rule.resourcePrefix())) {
        acc++;
      }
    }
    long elapsed = System.nanoTime() - start;
    sink += acc;
    return elapsed;
  }

  /** The floor's rule: the first action of the first Allow statement, its resource up to a `*`. */
  private static FloorRule floorRule(PolicyDocument d) {
    Statement s =
        d.statements().stream()
            .filter(x -> x.effect() == Effect.ALLOW)
            .findFirst()
            .orElse(d.statements().get(0));
    String r = s.resource().patterns().get(0);
    int star = r.indexOf('*');
    return new FloorRule(s.action().patterns().get(0), star < 0 ? r : r.substring(0, star));
  }

  private static Request[] build(List<Line> lines) {
    Request[] out = new Request[lines.size()];
    for (int i = 0; i < out.length; i++) {
      Line l = lines.get(i);
      RequestContext.Builder b = RequestContext.builder();
      l.context().forEach(b::putValue);
      out[i] = Request.of(l.action(), l.resource(), b.build());
    }
    return out;
  }

  /** The generated roles' documents, parsed strictly (the generator writes only valid IAM). */
  private static Map<String, NamedDocument> generatedPolicies(StandardWorkload w)
      throws BenchInputException {
    Map<String, NamedDocument> docs = new HashMap<>();
    for (Map.Entry<String, String> role : w.roles().entrySet()) {
      ParseResult<PolicyDocument> r = PolicyParser.parse(role.getValue(), role.getKey());
      PolicyDocument doc = r.value();
      if (doc == null) {
        throw new BenchInputException(
            "the generated workload's policy `"
                + role.getKey()
                + "` is invalid: "
                + r.errors().get(0).format());
      }
      docs.put(role.getKey(), new NamedDocument(role.getKey(), doc));
    }
    return docs;
  }

  private static List<Line> generatedRequests(StandardWorkload w) {
    List<Line> out = new ArrayList<>(w.requests().size());
    for (WorkloadRequest r : w.requests()) {
      out.add(
          new Line(
              r.id(),
              String.join(",", r.roles()),
              r.roles(),
              r.action(),
              r.resource(),
              new java.util.LinkedHashMap<>(r.context())));
    }
    return out;
  }

  private static Map<String, Decision> generatedExpected(StandardWorkload w)
      throws BenchInputException {
    Map<String, Decision> out = new HashMap<>();
    for (int i = 0; i < w.requests().size(); i++) {
      String text = w.expected().get(i);
      Decision d = Decision.fromText(text);
      if (d == null) {
        throw new BenchInputException("the reference evaluator decided `" + text + "`");
      }
      out.put(w.requests().get(i).id(), d);
    }
    return out;
  }

  private Map<String, NamedDocument> loadPolicies(String policiesFile)
      throws Inputs.InputException, BenchInputException {
    String text = Inputs.readTextOrFail(policiesFile, null);
    ParseResult<Json> json = JsonReader.read(text, policiesFile, 0);
    Json root = json.value();
    if (root == null) {
      throw new BenchInputException(json.errors().get(0).format());
    }
    if (!(root instanceof Json.JObject obj)) {
      throw new BenchInputException(
          policiesFile
              + ": expected an object of named policy documents, found "
              + root.typeName());
    }
    Map<String, NamedDocument> docs = new HashMap<>();
    List<String> errors = new ArrayList<>();
    int lenient = 0;
    for (Json.Member m : obj.members()) {
      ParseResult<PolicyDocument> r =
          PolicyParser.parse(m.value(), policiesFile, "/" + m.name(), BENCH_OPTIONS);
      for (Diagnostic d : r.errors()) {
        errors.add(d.format());
      }
      lenient +=
          (int)
              r.warnings().stream()
                  .filter(d -> d.code().equals("resource-service-wildcard"))
                  .count();
      PolicyDocument doc = r.value();
      if (doc != null) {
        docs.put(m.name(), new NamedDocument(m.name(), doc));
      }
    }
    if (!errors.isEmpty()) {
      throw new BenchInputException(
          Plural.count(errors.size(), "policy error")
              + (errors.size() == 1 ? ": " : ", the first: ")
              + errors.get(0));
    }
    if (lenient > 0) {
      spec()
          .commandLine()
          .getErr()
          .println(
              "iamgate: warning: "
                  + Plural.count(lenient, "resource pattern has", "resource patterns have")
                  + " a wildcard in the ARN service part (`arn:app:*:...`), which the"
                  + " specification rejects (section 1.3); bench accepts such patterns so the standard workload can be measured");
    }
    return docs;
  }

  private List<Line> loadRequests(
      String requestsFile, String policiesFile, Map<String, NamedDocument> docs)
      throws Inputs.InputException, BenchInputException {
    String text = Inputs.readTextOrFail(requestsFile, null);
    List<Line> out = new ArrayList<>();
    int lineNumber = 0;
    for (String raw : text.split("\n", -1)) {
      lineNumber++;
      if (raw.isBlank()) {
        continue;
      }
      String where = requestsFile + ":" + lineNumber;
      ParseResult<Json> json = JsonReader.read(raw, requestsFile, lineNumber - 1);
      Json value = json.value();
      if (value == null) {
        throw new BenchInputException(json.errors().get(0).format());
      }
      if (!(value instanceof Json.JObject o)) {
        throw new BenchInputException(
            where + ": expected a JSON object per line, found " + value.typeName());
      }
      String id = o.get("id") == null ? String.valueOf(lineNumber) : Json.scalarText(o.get("id"));
      List<String> roles = new ArrayList<>();
      if (o.get("roles") instanceof Json.JArray arr && !arr.items().isEmpty()) {
        for (Json r : arr.items()) {
          String name = Json.scalarText(r);
          if (name == null || !docs.containsKey(name)) {
            throw new BenchInputException(
                where + ": /roles: unknown policy `" + name + "` (not in " + policiesFile + ")");
          }
          roles.add(name);
        }
      } else {
        throw new BenchInputException(
            where + ": /roles: expected a non-empty array of policy names");
      }
      if (!(o.get("action") instanceof Json.JString a)
          || Request.actionProblem(a.value()) != null) {
        throw new BenchInputException(
            where + ": /action: expected an action such as `orders:GetOrder`");
      }
      if (!(o.get("resource") instanceof Json.JString r)) {
        throw new BenchInputException(where + ": /resource: expected a string");
      }
      List<String> problems = new ArrayList<>();
      RequestContext.Builder check = BatchCase.contextBuilder(o.get("context"), problems);
      if (!problems.isEmpty() || check == null) {
        throw new BenchInputException(where + ": " + String.join("; ", problems));
      }
      Map<String, Object> context = new java.util.LinkedHashMap<>();
      check
          .build()
          .entries()
          .forEach((k, v) -> context.put(k, v.isMulti() ? v.texts() : v.single().text()));
      out.add(
          new Line(id, String.join(",", roles), List.copyOf(roles), a.value(), r.value(), context));
    }
    return out;
  }

  private Map<String, Decision> loadExpected(String expectedFile)
      throws Inputs.InputException, BenchInputException {
    String text = Inputs.readTextOrFail(expectedFile, null);
    Map<String, Decision> out = new HashMap<>();
    int lineNumber = 0;
    for (String raw : text.split("\n", -1)) {
      lineNumber++;
      if (raw.isBlank()) {
        continue;
      }
      ParseResult<Json> json = JsonReader.read(raw, expectedFile, lineNumber - 1);
      if (!json.ok()) {
        throw new BenchInputException(json.errors().get(0).format());
      }
      Decision d = null;
      String id = null;
      if (json.ok() && json.value() instanceof Json.JObject o) {
        id = Json.scalarText(o.get("id") == null ? new Json.JNull(0, 0) : o.get("id"));
        d = o.get("decision") instanceof Json.JString s ? Decision.fromText(s.value()) : null;
      }
      if (id == null || d == null) {
        throw new BenchInputException(
            expectedFile
                + ":"
                + lineNumber
                + ": expected {\"id\": ..., \"decision\": \"Allow\" | \"ExplicitDeny\" | \"ImplicitDeny\"}");
      }
      out.put(id, d);
    }
    return out;
  }
}
