package io.iamgate.cli;

import io.iamgate.compile.CompiledDocument;
import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.compile.NamedDocument;
import io.iamgate.eval.Decision;
import io.iamgate.eval.Request;
import io.iamgate.workload.StandardWorkload;
import java.io.PrintWriter;
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
    } catch (BenchInputs.BenchInputException e) {
      err.println("iamgate: " + e.getMessage());
      return 1;
    }
  }

  private int run() throws Inputs.InputException, BenchInputs.BenchInputException {
    PrintWriter out = spec().commandLine().getOut();
    PrintWriter err = spec().commandLine().getErr();
    Map<String, NamedDocument> documents;
    List<BenchInputs.Line> lines;
    Map<String, Decision> expected;
    String policiesFile = this.policiesFile;
    String requestsFile = this.requestsFile;
    String expectedFile = this.expectedFile;
    if (policiesFile == null && requestsFile == null) {
      if (expectedFile != null) {
        throw new BenchInputs.BenchInputException("--expected needs --policies and --requests");
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
      documents = BenchInputs.generatedPolicies(w);
      lines = BenchInputs.generatedRequests(w);
      expected = BenchInputs.generatedExpected(w);
    } else if (policiesFile == null || requestsFile == null) {
      throw new BenchInputs.BenchInputException(
          "--policies and --requests go together (or give neither, for the standard workload)");
    } else {
      documents = BenchInputs.loadPolicies(policiesFile, err);
      lines = BenchInputs.loadRequests(requestsFile, policiesFile, documents);
      if (lines.isEmpty()) {
        throw new BenchInputs.BenchInputException("`" + requestsFile + "` holds no requests");
      }
      expected = expectedFile == null ? Map.of() : BenchInputs.loadExpected(expectedFile);
    }
    Map<String, CompiledDocument> compiled = new HashMap<>();
    documents.forEach((name, d) -> compiled.put(name, CompiledDocument.compile(d)));
    int n = lines.size();

    Map<String, BenchPasses.FloorRule> floorRules = new HashMap<>();
    documents.forEach((name, d) -> floorRules.put(name, BenchPasses.floorRule(d.document())));
    String[] floorKeys = new String[n];
    for (int i = 0; i < n; i++) {
      floorKeys[i] = new String(lines.get(i).roles().get(0));
    }

    Map<String, CompiledPolicySet> cache = new HashMap<>();
    Decision[] first = new Decision[n];
    Request[] requests = BenchPasses.build(lines);
    for (int i = 0; i < n; i++) {
      first[i] = BenchPasses.decide(cache, compiled, lines.get(i), requests[i]).decision();
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
      requests = BenchPasses.build(lines);
      BenchPasses.timedPass(cache, compiled, lines, requests);
      BenchPasses.floorPass(floorRules, floorKeys, lines);
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
      floorNanos += BenchPasses.floorPass(floorRules, floorKeys, lines);
      floorCount += n;
      requests = BenchPasses.build(lines);
      engineNanos += BenchPasses.timedPass(cache, compiled, lines, requests);
      engineCount += n;
      if (sampleCount + n <= samples.length) {
        requests = BenchPasses.build(lines);
        sampleCount =
            BenchPasses.sampledPass(cache, compiled, lines, requests, samples, sampleCount);
      }
      passes++;
    } while (System.nanoTime() < end);

    long[] sorted = Arrays.copyOf(samples, sampleCount);
    Arrays.sort(sorted);
    double mean = (double) engineNanos / engineCount;
    double floorMean = (double) floorNanos / floorCount;
    long p50 = BenchPasses.percentile(sorted, 0.50);
    long p99 = BenchPasses.percentile(sorted, 0.99);
    double throughput = engineCount / (engineNanos / 1e9);
    if (json) {
      int m = matched;
      int t = total;
      long decisions = engineCount;
      out.println(
          JsonOutput.object(
              g -> {
                g.writeNumberField("requests", n);
                g.writeNumberField("throughputPerSec", BenchPasses.round(throughput, 1));
                g.writeNumberField("meanNs", BenchPasses.round(mean, 1));
                g.writeNumberField("p50Ns", p50);
                g.writeNumberField("p99Ns", p99);
                g.writeObjectFieldStart("agreement");
                g.writeNumberField("matched", m);
                g.writeNumberField("total", t);
                g.writeEndObject();
                g.writeNumberField("floorMeanNs", BenchPasses.round(floorMean, 1));
                g.writeNumberField("meanToFloor", BenchPasses.round(mean / floorMean, 2));
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
          BenchPasses.clockOverhead());
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
}
