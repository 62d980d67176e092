package io.iamgate.benchmarks;

import io.iamgate.compile.CompiledDocument;
import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.compile.PolicyCompiler;
import io.iamgate.compile.PolicyType;
import io.iamgate.eval.Evaluator;
import io.iamgate.eval.Request;
import io.iamgate.policy.Effect;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The engine alone on the standard workload (100,000 requests over 200 roles), side by side with
 * the physical floor: one HashMap lookup, one string compare and one prefix compare per request
 * over the same stream. Scores are nanoseconds per decision.
 *
 * <pre>
 * ./mvnw -Pjmh test-compile exec:exec -Djmh.args="EngineBenchmark -f 1 -wi 3 -i 5"
 * </pre>
 *
 * <p>Requests are rebuilt before every invocation (outside the measurement), so typed context
 * values are parsed inside the measured decision, as for a fresh request in the authorizer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EngineBenchmark {
  static final int REQUESTS = 100_000;

  private Workload workload;
  private final Map<String, CompiledPolicySet> cache = new HashMap<>();
  private final Map<String, String[]> floorRules = new HashMap<>();
  private String[] keys;
  private String[] floorKeys;
  private Request[] requests;

  @Setup(Level.Trial)
  public void load() {
    workload = Workload.load();
    if (workload.lines.size() != REQUESTS) {
      throw new IllegalStateException("expected the default workload of " + REQUESTS + " requests");
    }
    keys = new String[REQUESTS];
    floorKeys = new String[REQUESTS];
    for (int i = 0; i < REQUESTS; i++) {
      keys[i] = workload.lines.get(i).key();
      floorKeys[i] = workload.lines.get(i).roles().get(0);
    }
    workload.parsed.forEach((name, doc) -> floorRules.put(name, floorRule(doc)));
  }

  @Setup(Level.Invocation)
  public void freshRequests() {
    requests = new Request[REQUESTS];
    for (int i = 0; i < REQUESTS; i++) {
      requests[i] = workload.lines.get(i).fresh();
    }
  }

  @Benchmark
  @OperationsPerInvocation(REQUESTS)
  public int decide() {
    int acc = 0;
    for (int i = 0; i < REQUESTS; i++) {
      CompiledPolicySet set = cache.get(keys[i]);
      if (set == null) {
        set = compile(workload.lines.get(i).roles());
        cache.put(keys[i], set);
      }
      acc += Evaluator.decide(set, requests[i]).decision().ordinal();
    }
    return acc;
  }

  @Benchmark
  @OperationsPerInvocation(REQUESTS)
  public int floor() {
    int acc = 0;
    for (int i = 0; i < REQUESTS; i++) {
      Workload.Line l = workload.lines.get(i);
      String[] rule = floorRules.get(floorKeys[i]);
      if (rule[0].equals(l.action()) && l.resource().startsWith(rule[1])) {
        acc++;
      }
    }
    return acc;
  }

  private CompiledPolicySet compile(List<String> roles) {
    List<CompiledDocument> docs = new ArrayList<>();
    for (String r : roles) {
      docs.add(workload.documents.get(r));
    }
    return new CompiledPolicySet(PolicyCompiler.group(PolicyType.IDENTITY, docs), null, null);
  }

  private static String[] floorRule(PolicyDocument d) {
    Statement s =
        d.statements().stream()
            .filter(x -> x.effect() == Effect.ALLOW)
            .findFirst()
            .orElse(d.statements().get(0));
    String r = s.resource().patterns().get(0);
    int star = r.indexOf('*');
    return new String[] {s.action().patterns().get(0), star < 0 ? r : r.substring(0, star)};
  }
}
