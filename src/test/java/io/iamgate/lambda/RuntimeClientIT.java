package io.iamgate.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.iamgate.testing.ApiGatewayPolicy;
import io.iamgate.testing.DecisionLineSchema;
import io.iamgate.testing.Emf;
import io.iamgate.testing.LambdaProcess;
import io.iamgate.testing.RuntimeApiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through AWS's real Lambda Java runtime client, with the handler string from {@code
 * template.yaml}, every event in {@code events/} — its named outcome and its exact response JSON
 * (the golden files of {@link HandlerEventsTest}) — in both packagings: the task root that {@code
 * sam build} makes, laid out by the same {@code tools/task-root.sh} the Makefile's {@code
 * build-AuthorizerFunction} runs ({@code target/classes} at the root, the runtime dependencies
 * under {@code lib/}), which is what the template deploys, and the shaded {@code
 * target/iamgate.jar} under {@code lib/}.
 */
class RuntimeClientIT {
  @TempDir static Path dir;

  static String handlerFromTemplate() throws IOException {
    JsonNode t = new ObjectMapper(new YAMLFactory()).readTree(Path.of("template.yaml").toFile());
    return t.path("Resources")
        .path("AuthorizerFunction")
        .path("Properties")
        .path("Handler")
        .asText();
  }

  /** A runtime client on a task root, with its output collected. */
  private static final class Lambda implements AutoCloseable {
    final RuntimeApiServer api = new RuntimeApiServer();
    final Process process;
    final List<String> output = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    Lambda(Path root) throws IOException {
      process =
          LambdaProcess.start(
              handlerFromTemplate(),
              root,
              api.address(),
              Map.of("IAMGATE_ALLOW_SAMPLE_BUNDLE", "true"));
      Thread reader =
          new Thread(
              () -> {
                try (var in =
                    new java.io.BufferedReader(
                        new java.io.InputStreamReader(
                            process.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                  for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.add(line);
                  }
                } catch (IOException e) {
                  // the process ended
                }
              });
      reader.setDaemon(true);
      reader.start();
    }

    @Override
    public void close() {
      process.destroyForcibly();
      api.close();
    }
  }

  @Test
  void theSamBuildPackagingAnswersEveryEvent() throws Exception {
    Path root = LambdaProcess.samBuildTaskRoot(Path.of("target"), dir.resolve("sam"));
    assertTrue(
        Files.isRegularFile(root.resolve("io/iamgate/lambda/AuthorizerHandler.class")),
        "classes at the task root");
    try (Lambda lambda = new Lambda(root)) {
      everyEventGivesItsNamedOutcomeAndExactResponse(lambda);
    }
  }

  @Test
  void theShadedJarAnswersEveryEvent() throws Exception {
    try (Lambda lambda =
        new Lambda(LambdaProcess.taskRoot(Path.of("target/iamgate.jar"), dir.resolve("shaded")))) {
      everyEventGivesItsNamedOutcomeAndExactResponse(lambda);
    }
  }

  private static void everyEventGivesItsNamedOutcomeAndExactResponse(Lambda lambda)
      throws Exception {
    List<Path> events;
    try (Stream<Path> s = Files.list(Path.of("events"))) {
      events = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertEquals(27, events.size());
    ObjectMapper json = new ObjectMapper();
    for (Path e : events) {
      String name = e.getFileName().toString();
      RuntimeApiServer.Result r = lambda.api.invoke(Files.readString(e), 60);
      if (name.endsWith("-unauthorized.json")) {
        assertTrue(r.error(), name + ": " + r.body());
        // API Gateway reads errorMessage only, and needs it to be exactly Unauthorized
        assertEquals(
            "Unauthorized",
            json.readTree(r.body()).path("errorMessage").asText(),
            name + ": " + r.body());
        continue;
      }
      assertTrue(!r.error(), name + ": " + r.body() + "\n" + lambda.output);
      String masked =
          r.body()
                  .replaceAll("\"answerId\":\"[^\"]+\"", "\"answerId\":\"<id>\"")
                  .replaceAll("\"bundleVersion\":\"[0-9a-f]+\"", "\"bundleVersion\":\"<version>\"")
              + "\n";
      assertEquals(
          Files.readString(Path.of("src/test/resources/golden/lambda", name)), masked, name);
      boolean allowed = ApiGatewayPolicy.responseAllows(r.body(), HandlerEventsTest.methodArn(e));
      assertEquals(name.endsWith("-allow.json"), allowed, name);
    }
    everyInvocationLoggedItsDecisionAndOneMetricsDocument(lambda, events);
  }

  /**
   * The runtime client numbers invocations {@code req-1}, {@code req-2}, ...: each has exactly one
   * decision line with every member of the schema the event makes known, and exactly one metrics
   * document, valid Embedded Metric Format, naming the same invocation.
   */
  private static void everyInvocationLoggedItsDecisionAndOneMetricsDocument(
      Lambda lambda, List<Path> events) throws Exception {
    ObjectMapper json = new ObjectMapper();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    List<String> lines;
    while (true) {
      synchronized (lambda.output) {
        lines = List.copyOf(lambda.output);
      }
      long documents = lines.stream().filter(Emf::isDocument).count();
      if (documents >= events.size() || System.nanoTime() > deadline) {
        break;
      }
      Thread.sleep(50);
    }
    Map<String, List<JsonNode>> decisions = new java.util.HashMap<>();
    Map<String, List<String>> metrics = new java.util.HashMap<>();
    for (String line : lines) {
      if (!line.startsWith("{")) {
        continue;
      }
      JsonNode n = json.readTree(line);
      String id = n.path("function_request_id").asText();
      if (Emf.isDocument(line)) {
        metrics.computeIfAbsent(id, k -> new java.util.ArrayList<>()).add(line);
      } else if (n.path("logger").asText().equals("iamgate.decision")) {
        decisions.computeIfAbsent(id, k -> new java.util.ArrayList<>()).add(n);
      }
    }
    for (int i = 0; i < events.size(); i++) {
      String name = events.get(i).getFileName().toString();
      String id = "req-" + (i + 1);
      List<JsonNode> d = decisions.getOrDefault(id, List.of());
      assertEquals(
          1, d.size(), name + " (" + id + "): one decision line\n" + String.join("\n", lines));
      JsonNode event = json.readTree(Files.readString(events.get(i)));
      assertEquals(
          List.of(), DecisionLineSchema.problems(d.get(0), event, true), name + ": " + d.get(0));
      assertEquals(i == 0, d.get(0).path("cold_start").asBoolean(), name + ": cold start");
      List<String> m = metrics.getOrDefault(id, List.of());
      assertEquals(1, m.size(), name + " (" + id + "): one metrics document");
      assertEquals(List.of(), Emf.problems(m.get(0)), name + ": " + m.get(0));
      assertEquals(
          d.get(0).path("decision").path("outcome").asText(),
          json.readTree(m.get(0)).path("Outcome").asText(),
          name);
    }
  }
}
