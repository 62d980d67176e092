package io.iamgate.lambda;

import io.iamgate.bundle.Canonical;
import io.iamgate.json.Json;
import io.iamgate.json.JsonReader;
import io.iamgate.testing.LambdaProcess;
import io.iamgate.testing.RuntimeApiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold start, measured the way Lambda starts the managed java21 runtime: a new JVM with the
 * runtime's flags running AWS's runtime interface client, from launch to the first response. Three
 * handlers, in turn, in the same run: a hello-world handler; the <em>library floor</em> ({@link
 * LibraryFloorHandler}: the prescribed libraries — Jackson, nimbus RS256, Caffeine — doing the
 * least any authorizer must do, none of iamgate's own work); and iamgate's authorizer on the sample
 * bundle. The two with libraries run from the task root {@code sam build} makes (classes at the
 * root, runtime dependencies under {@code lib/}; the shaded jar starts as fast). The first event is
 * {@code events/rest-request-allow.json}. Prints medians, the split between init (launch to the
 * runtime client's first poll) and the first invocation, and the ratios to hello-world.
 *
 * <pre>
 * mvn -B -q package -DskipTests
 * ./mvnw -Pjmh test-compile exec:exec -Djmh.main=io.iamgate.lambda.ColdStart -Djmh.args=15
 * </pre>
 *
 * <p>{@code COLDSTART_OPTS} is passed to the iamgate JVM as {@code JAVA_TOOL_OPTIONS} (e.g. to try
 * a class-data-sharing archive), {@code COLDSTART_BUNDLE} as its {@code IAMGATE_BUNDLE} (default:
 * the embedded sample); {@code COLDSTART_VERBOSE=1} prints each iamgate launch's log.
 */
public final class ColdStart {
  private ColdStart() {}

  private record Launch(double total, double init) {}

  private record Subject(
      String name, String handler, Path root, Map<String, String> env, List<Launch> launches) {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Path work = Files.createTempDirectory("iamgate-coldstart");
    // what `sam build` deploys: classes at the root, the runtime dependencies under lib/
    Path iamgateRoot = LambdaProcess.samBuildTaskRoot(Path.of("target"), work.resolve("iamgate"));
    Path helloRoot = withClass(work.resolve("hello"), "HelloHandler");
    Path floorRoot =
        withClass(
            LambdaProcess.samBuildTaskRoot(Path.of("target"), work.resolve("floor")),
            "LibraryFloorHandler");
    String event = Files.readString(Path.of("events/rest-request-allow.json"));

    Map<String, String> iamgateEnv = new HashMap<>(Map.of("IAMGATE_ALLOW_SAMPLE_BUNDLE", "true"));
    if (System.getenv("COLDSTART_OPTS") != null) {
      iamgateEnv.put("JAVA_TOOL_OPTIONS", System.getenv("COLDSTART_OPTS"));
    }
    if (System.getenv("COLDSTART_BUNDLE") != null) {
      iamgateEnv.put("IAMGATE_BUNDLE", System.getenv("COLDSTART_BUNDLE"));
    }
    List<Subject> subjects =
        List.of(
            new Subject(
                "hello-world",
                "io.iamgate.lambda.HelloHandler::handleRequest",
                helloRoot,
                Map.of(),
                new ArrayList<>()),
            new Subject(
                "library floor",
                "io.iamgate.lambda.LibraryFloorHandler::handleRequest",
                floorRoot,
                Map.of("FLOOR_JWKS", sampleJwks()),
                new ArrayList<>()),
            new Subject(
                "iamgate",
                "io.iamgate.lambda.AuthorizerHandler::handleRequest",
                iamgateRoot,
                iamgateEnv,
                new ArrayList<>()));
    for (int i = 0; i < rounds; i++) {
      for (Subject s : subjects) {
        s.launches()
            .add(
                launch(
                    s,
                    event,
                    s.name().equals("iamgate") && System.getenv("COLDSTART_VERBOSE") != null));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "JVM: %s, flags %s, %d rounds; launch to first response (init = launch to first poll)%n",
        LambdaProcess.javaHome(),
        LambdaProcess.MANAGED_RUNTIME_FLAGS,
        rounds);
    double hello = median(subjects.get(0).launches().stream().map(Launch::total).toList());
    for (Subject s : subjects) {
      List<Double> totals = s.launches().stream().map(Launch::total).toList();
      double m = median(totals);
      System.out.printf(
          Locale.ROOT,
          "%-14s median %4.0f ms (min %4.0f, max %4.0f), init median %4.0f ms, ratio to hello-world %.2f x%n",
          s.name() + ":",
          m,
          Collections.min(totals),
          Collections.max(totals),
          median(s.launches().stream().map(Launch::init).toList()),
          m / hello);
    }
  }

  /** A task root holding one compiled test class at its package path. */
  private static Path withClass(Path root, String simpleName) throws Exception {
    Path target = root.resolve("io/iamgate/lambda/" + simpleName + ".class");
    Files.createDirectories(target.getParent());
    Files.copy(Path.of("target/test-classes/io/iamgate/lambda/" + simpleName + ".class"), target);
    return root;
  }

  /** The sample issuer's JWKS, from the embedded sample bundle. */
  private static String sampleJwks() throws Exception {
    Json.JObject bundle =
        (Json.JObject)
            JsonReader.read(
                    Files.readString(Path.of("src/main/resources/iamgate/sample-bundle.json")),
                    null,
                    0)
                .value();
    Json.JObject identity = (Json.JObject) bundle.get("identity");
    Json.JObject issuer = (Json.JObject) ((Json.JArray) identity.get("issuers")).items().get(0);
    return Canonical.text(issuer.get("jwks"));
  }

  private static Launch launch(Subject s, String event, boolean verbose) throws Exception {
    try (RuntimeApiServer api = new RuntimeApiServer()) {
      long start = System.nanoTime();
      Process p = LambdaProcess.start(s.handler(), s.root(), api.address(), s.env());
      try {
        RuntimeApiServer.Result r = api.invoke(event, 60);
        long end = System.nanoTime();
        if (r.error() || !s.name().equals("hello-world") && !r.body().contains("\"Allow\"")) {
          throw new IllegalStateException(s.name() + " did not allow: " + r.body());
        }
        if (verbose) {
          Thread.sleep(100);
          var out = p.getInputStream();
          System.out.println(new String(out.readNBytes(out.available())));
        }
        return new Launch((end - start) / 1e6, (api.firstPollNanos - start) / 1e6);
      } finally {
        // a polite stop, so that -XX:ArchiveClassesAtExit in COLDSTART_OPTS can write its archive
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor();
        }
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
