package io.iamgate.lambda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cold start, measured the way Lambda starts the managed java21 runtime: a new JVM with the
 * runtime's flags running AWS's runtime interface client, from launch to the first response, for
 * iamgate's authorizer (on the sample bundle, first event {@code events/rest-request-allow.json})
 * and for a hello-world handler, alternately, in the same run. Prints medians and their ratio.
 *
 * <pre>
 * mvn -B -q package -DskipTests
 * mvn -Pjmh test-compile exec:exec -Djmh.main=io.iamgate.lambda.ColdStart -Djmh.args=15
 * </pre>
 */
public final class ColdStart {
  private ColdStart() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Path work = Files.createTempDirectory("iamgate-coldstart");
    Path iamgateRoot = LambdaProcess.taskRoot(Path.of("target/iamgate.jar"), work.resolve("iamgate"));
    Path helloRoot = work.resolve("hello");
    Path helloClass = helloRoot.resolve("io/iamgate/lambda/HelloHandler.class");
    Files.createDirectories(helloClass.getParent());
    Files.copy(Path.of("target/test-classes/io/iamgate/lambda/HelloHandler.class"), helloClass);
    String event = Files.readString(Path.of("events/rest-request-allow.json"));
    List<Double> hello = new ArrayList<>();
    List<Double> iamgate = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      hello.add(launch("io.iamgate.lambda.HelloHandler::handleRequest", helloRoot, event, Map.of()));
      iamgate.add(launch("io.iamgate.lambda.AuthorizerHandler::handleRequest", iamgateRoot, event,
          Map.of("IAMGATE_ALLOW_SAMPLE_BUNDLE", "true")));
    }
    double h = median(hello);
    double g = median(iamgate);
    System.out.printf(Locale.ROOT, "JVM: %s, flags %s, %d rounds%n", LambdaProcess.javaHome(), LambdaProcess.MANAGED_RUNTIME_FLAGS, rounds);
    System.out.printf(Locale.ROOT, "hello-world: launch to first response, median %.0f ms (min %.0f, max %.0f)%n", h, Collections.min(hello), Collections.max(hello));
    System.out.printf(Locale.ROOT, "iamgate:     launch to first response, median %.0f ms (min %.0f, max %.0f)%n", g, Collections.min(iamgate), Collections.max(iamgate));
    System.out.printf(Locale.ROOT, "ratio:       %.2f x%n", g / h);
  }

  private static double launch(String handler, Path root, String event, Map<String, String> env) throws Exception {
    try (RuntimeApiServer api = new RuntimeApiServer()) {
      long start = System.nanoTime();
      Process p = LambdaProcess.start(handler, root, api.address(), env);
      try {
        RuntimeApiServer.Result r = api.invoke(event, 60);
        long end = System.nanoTime();
        if (r.error()) {
          throw new IllegalStateException(handler + " failed: " + r.body());
        }
        return (end - start) / 1e6;
      } finally {
        p.destroyForcibly().waitFor();
      }
    }
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }
}
