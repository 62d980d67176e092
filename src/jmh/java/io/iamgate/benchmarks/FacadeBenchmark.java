package io.iamgate.benchmarks;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleFiles;
import io.iamgate.bundle.BundleReader;
import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.eval.Evaluator;
import io.iamgate.eval.Request;
import io.iamgate.eval.RequestContext;
import io.iamgate.facade.IamGate;
import io.iamgate.identity.Directory;
import io.iamgate.identity.Principal;
import io.iamgate.json.ParseResult;
import io.iamgate.policy.parse.PolicyParser;
import java.io.IOException;
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
 * The facade against the bare engine on the standard workload, with every principal cached: the
 * workload's 1,000 principals become bundle users whose managed policies are their roles. Scores
 * are ns per decision.
 *
 * <ul>
 *   <li>{@code bareDecide}: {@code Evaluator.decide} on a prebuilt request and the principal's set;
 *   <li>{@code bareBuildAndDecide}: the same, building the request from the context map and the
 *       principal's keys first (the same inputs the facade gets);
 *   <li>{@code facadeAuthorize}: {@code IamGate.authorize(principal, action, resource, map)}.
 * </ul>
 *
 * <pre>
 * ./mvnw -Pjmh test-compile exec:exec \
 *   -Djmh.args="FacadeBenchmark -f 1 -wi 3 -i 5 -jvmArgs -XX:+UseParallelGC -jvmArgs -Xms4g -jvmArgs -Xmx4g"
 * </pre>
 *
 * (The build variants allocate a context per request over 100,000 live requests; with G1's defaults
 * on two cores their iterations swing by 3x, so a fixed heap and the parallel collector give
 * comparable numbers.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FacadeBenchmark {
  static final int N = EngineBenchmark.REQUESTS;

  private Workload workload;
  private IamGate gate;
  private Principal[] principals;
  private Map<String, Object>[] contexts;
  private CompiledPolicySet[] sets;
  private Map<String, String>[] ownKeys;

  @Setup(Level.Trial)
  @SuppressWarnings("unchecked")
  public void load() throws IOException {
    workload = Workload.load();
    // the workload's roles become managed policies, its principals bundle users holding them
    StringBuilder roles = new StringBuilder("{");
    workload
        .generated
        .roles()
        .forEach(
            (name, doc) ->
                roles
                    .append(roles.length() > 1 ? "," : "")
                    .append('"')
                    .append(name)
                    .append("\":")
                    .append(doc));
    roles.append('}');
    StringBuilder users = new StringBuilder("{");
    workload
        .generated
        .principals()
        .forEach(
            (name, p) ->
                users
                    .append(users.length() > 1 ? "," : "")
                    .append('"')
                    .append(name)
                    .append("\":{\"policies\":[\"")
                    .append(String.join("\",\"", p.roles()))
                    .append("\"],\"tags\":{\"team\":\"")
                    .append(p.team())
                    .append("\"}}"));
    users.append('}');
    String text =
        "{\"account\":\"123456789012\",\"policies\":" + roles + ",\"users\":" + users + "}";
    ParseResult<Bundle> parsed =
        BundleReader.read(
            BundleFiles.single("workload", "bundle.json", text), PolicyParser.Options.STRICT);
    if (!parsed.ok()) {
      throw new IllegalStateException(parsed.errors().get(0).format());
    }
    gate = new IamGate(Directory.fixed(parsed.value()));
    principals = new Principal[N];
    contexts = new Map[N];
    sets = new CompiledPolicySet[N];
    ownKeys = new Map[N];
    Map<String, Principal> byName = new HashMap<>();
    List<String> names = workload.generated.requests().stream().map(r -> r.principal()).toList();
    for (int i = 0; i < N; i++) {
      String name = names.get(i);
      principals[i] = byName.computeIfAbsent(name, Principal::user);
      // the principal's tag comes from the bundle, not from the request
      Map<String, Object> ctx = new HashMap<>(workload.lines.get(i).context());
      ctx.remove("aws:PrincipalTag/team");
      contexts[i] = ctx;
      sets[i] = gate.store().current().orElseThrow().policySet(principals[i]).orElseThrow();
      ownKeys[i] = gate.store().current().orElseThrow().resolver().contextKeys(principals[i]);
    }
    LAST.set(this);
  }

  private static final java.util.concurrent.atomic.AtomicReference<FacadeBenchmark> LAST =
      new java.util.concurrent.atomic.AtomicReference<>();

  /** Fresh requests before every invocation, for the benchmark that takes them prebuilt. */
  @State(Scope.Thread)
  public static class Fresh {
    Request[] requests;

    @Setup(Level.Invocation)
    public void build() {
      Workload w = LAST.get().workload;
      requests = new Request[N];
      for (int i = 0; i < N; i++) {
        requests[i] = w.lines.get(i).fresh();
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public int bareDecide(Fresh fresh) {
    int acc = 0;
    for (int i = 0; i < N; i++) {
      acc += Evaluator.decide(sets[i], fresh.requests[i]).decision().ordinal();
    }
    return acc;
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public int bareBuildAndDecide() {
    int acc = 0;
    for (int i = 0; i < N; i++) {
      Workload.Line l = workload.lines.get(i);
      RequestContext.Builder b = RequestContext.builder();
      contexts[i].forEach(b::putValue);
      ownKeys[i].forEach(b::put);
      Request r = Request.of(l.action(), l.resource(), b.build());
      acc += Evaluator.decide(sets[i], r).decision().ordinal();
    }
    return acc;
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public int facadeAuthorize() {
    int acc = 0;
    for (int i = 0; i < N; i++) {
      Workload.Line l = workload.lines.get(i);
      acc +=
          gate.authorize(principals[i], l.action(), l.resource(), contexts[i]).decision().ordinal();
    }
    return acc;
  }
}
