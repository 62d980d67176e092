package io.iamgate.benchmarks;

import io.iamgate.audit.JsonLines;
import io.iamgate.bundle.BundleFiles;
import io.iamgate.identity.Directory;
import io.iamgate.store.BundleSource;
import io.iamgate.store.BundleStore;
import io.iamgate.store.PolicyCaches;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Loading a bundle of 10,000 users, 500 groups, 1,000 roles and 2,000 managed policies until it is
 * ready to answer: read, validate every reference, quota and document, hash, build the route table
 * and identity mapping. Target: at most 1 s warm. Warm and cold:
 *
 * <pre>
 * ./mvnw -Pjmh test-compile exec:exec -Djmh.args="BundleLoadBenchmark -f 1 -wi 5 -i 5"
 * ./mvnw -Pjmh test-compile exec:exec -Djmh.args="BundleLoadBenchmark -f 5 -wi 0 -i 1"   # cold: first load in a fresh JVM
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BundleLoadBenchmark {
  private BundleFiles files;
  private BundleStore<Directory> store;

  @Setup(Level.Trial)
  public void generate() {
    files =
        BundleFiles.single(
            "synthetic", "bundle.json", SyntheticBundle.json(10_000, 500, 1_000, 2_000, 5));
  }

  @Setup(Level.Invocation)
  public void freshStore() {
    BundleSource source =
        new BundleSource() {
          @Override
          public String description() {
            return "synthetic";
          }

          @Override
          public Fetched fetch(String previousTag) {
            return new Fetched(files, "t");
          }
        };
    store =
        new BundleStore<>(
            source,
            Directory.compiler(PolicyCaches.defaults()),
            com.github.benmanes.caffeine.cache.Ticker.systemTicker(),
            Duration.ofHours(1),
            new JsonLines(Clock.systemUTC(), line -> {}));
  }

  @Benchmark
  public Directory loadAndReady() {
    return store.current().orElseThrow(() -> new IllegalStateException(store.lastProblem()));
  }
}
