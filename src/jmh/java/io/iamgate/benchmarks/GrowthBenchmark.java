package io.iamgate.benchmarks;

import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.compile.NamedDocument;
import io.iamgate.compile.PolicyCompiler;
import io.iamgate.eval.Evaluator;
import io.iamgate.eval.Request;
import io.iamgate.eval.RequestContext;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decision time for one principal as its statement count grows: with indexing, 10,000 statements
 * should cost no more than 3x what 100 do.
 *
 * <pre>./mvnw -Pjmh test-compile exec:exec -Djmh.args="GrowthBenchmark -f 1 -wi 3 -i 5"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GrowthBenchmark {
  static final int STREAM = 10_000;

  @Param({"100", "10000"})
  public int statements;

  private CompiledPolicySet set;
  private String[] actions;
  private String[] resources;
  private Request[] requests;

  @Setup(Level.Trial)
  public void compile() {
    set =
        PolicyCompiler.compileSet(
            Synthetic.principal(statements, 7).stream()
                .map(d -> new NamedDocument(null, d))
                .toList(),
            null,
            null);
    Random rnd = new Random(11);
    actions = new String[STREAM];
    resources = new String[STREAM];
    for (int i = 0; i < STREAM; i++) {
      actions[i] = Synthetic.action(rnd, statements);
      String svc = actions[i].substring(0, actions[i].indexOf(':'));
      resources[i] =
          "arn:app:" + svc + ":eu-west-1:123456789012:thing/" + rnd.nextInt(statements) + "/x";
    }
  }

  @Setup(Level.Iteration)
  public void freshRequests() {
    requests = new Request[STREAM];
    for (int i = 0; i < STREAM; i++) {
      RequestContext ctx =
          RequestContext.builder()
              .put("aws:SourceIp", "10.1." + (i % 256) + ".7")
              .put("aws:PrincipalTag/team", i % 2 == 0 ? "red" : "green")
              .build();
      requests[i] = Request.of(actions[i], resources[i], ctx);
    }
  }

  @Benchmark
  @OperationsPerInvocation(STREAM)
  public int decide() {
    int acc = 0;
    for (Request r : requests) {
      acc += Evaluator.decide(set, r).decision().ordinal();
    }
    return acc;
  }
}
