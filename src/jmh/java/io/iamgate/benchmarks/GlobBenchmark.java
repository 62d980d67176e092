package io.iamgate.benchmarks;

import io.iamgate.compile.Glob;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Wildcard matching on hostile input: {@code a*a*...*b} (30 stars) against 20,000 {@code a}s, which
 * makes a backtracking regex take exponential time; here it is one pass per segment.
 *
 * <pre>./mvnw -Pjmh test-compile exec:exec -Djmh.args="GlobBenchmark -f 1 -wi 3 -i 5"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GlobBenchmark {
  private Glob manyStars;
  private Glob questionTail;
  private Glob longSegment;
  private String text;

  @Setup
  public void prepare() {
    manyStars = Glob.of("a*".repeat(30) + "b");
    questionTail = Glob.of("*a*a*a*a*a*a*a*a*a*a*?b");
    longSegment = Glob.of("*" + "a".repeat(30) + "b*");
    text = "a".repeat(20_000);
  }

  /** The worst case for a segment search: every position nearly matches a 31-character segment. */
  @Benchmark
  public boolean longSegmentMiss() {
    return longSegment.matches(text);
  }

  @Benchmark
  public boolean manyStarsMiss() {
    return manyStars.matches(text);
  }

  @Benchmark
  public boolean questionMarkTailMiss() {
    return questionTail.matches(text);
  }
}
