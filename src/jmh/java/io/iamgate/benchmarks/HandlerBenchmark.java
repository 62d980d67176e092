package io.iamgate.benchmarks;

import io.iamgate.lambda.AuthorizerHandler;
import io.iamgate.testing.Tokens;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
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
 * The warm handler, event JSON in to response JSON out, on the sample bundle (REST REQUEST event,
 * route-table response): with a token it has verified before (target median ≤ 30 µs), and with a
 * token it sees for the first time, signature check included (target ≤ 300 µs).
 *
 * <pre>./mvnw -Pjmh test-compile exec:exec -Djmh.args="HandlerBenchmark -f 1 -wi 3 -i 5"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HandlerBenchmark {
  private static final int FRESH_TOKENS = 200_000;

  private AuthorizerHandler handler;
  private byte[] cachedEvent;
  private String template;
  private String[] freshTokens;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    handler =
        new AuthorizerHandler(
            Map.of("IAMGATE_ALLOW_SAMPLE_BUNDLE", "true"),
            new PrintStream(
                ByteArrayOutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
    template =
        new String(
            java.nio.file.Files.readAllBytes(
                java.nio.file.Path.of("events/rest-request-allow.json")),
            StandardCharsets.UTF_8);
    String token = template.replaceAll("(?s).*\"Bearer ([^\"]+)\".*", "$1");
    cachedEvent = template.getBytes(StandardCharsets.UTF_8);
    freshTokens = new String[FRESH_TOKENS];
    var key = Tokens.sampleKey();
    for (int i = 0; i < FRESH_TOKENS; i++) {
      freshTokens[i] =
          Tokens.sign(
              key,
              Tokens.claims("alice", Instant.parse("2099-01-01T00:00:00Z")).jwtID("j" + i).build());
    }
    template = template.replace(token, "%TOKEN%");
  }

  @Benchmark
  public int cachedToken() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    handler.handleRequest(new ByteArrayInputStream(cachedEvent), out, null);
    return out.size();
  }

  @Benchmark
  public int firstSightOfToken() throws IOException {
    String event = template.replace("%TOKEN%", freshTokens[next++ % FRESH_TOKENS]);
    ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    handler.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
    return out.size();
  }
}
