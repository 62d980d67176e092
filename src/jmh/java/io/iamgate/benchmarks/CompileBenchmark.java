package io.iamgate.benchmarks;

import io.iamgate.compile.CompiledPolicies;
import io.iamgate.compile.NamedDocument;
import io.iamgate.compile.PolicyCompiler;
import io.iamgate.compile.PolicyType;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.parse.PolicyParser;
import io.iamgate.policy.parse.PolicyPrinter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Compiling 1,000 statements (100 documents of 10), warm: target at most 50 ms. Also parse and
 * validate plus compile from JSON text, as a policy store would on reload.
 *
 * <pre>./mvnw -Pjmh test-compile exec:exec -Djmh.args="CompileBenchmark -f 1 -wi 3 -i 5"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CompileBenchmark {
  private List<NamedDocument> documents;
  private List<String> texts;

  @Setup
  public void prepare() {
    List<PolicyDocument> docs = Synthetic.principal(1000, 3);
    documents = docs.stream().map(d -> new NamedDocument(null, d)).toList();
    texts = docs.stream().map(PolicyPrinter::print).toList();
  }

  @Benchmark
  public CompiledPolicies compile1000Statements() {
    return PolicyCompiler.compile(PolicyType.IDENTITY, documents);
  }

  @Benchmark
  public CompiledPolicies parseAndCompile1000Statements() {
    return PolicyCompiler.compile(
        PolicyType.IDENTITY,
        texts.stream()
            .map(t -> new NamedDocument(null, PolicyParser.parse(t, null).value()))
            .toList());
  }
}
