package io.iamgate.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through AWS's real Lambda Java runtime client: the packaged jar as the task root,
 * the handler string from {@code template.yaml}, and every event in {@code events/} — its named
 * outcome and its exact response JSON (the golden files of {@link HandlerEventsTest}).
 */
class RuntimeClientIT {
  private static RuntimeApiServer api;
  private static Process lambda;
  private static final StringBuilder OUTPUT = new StringBuilder();

  @TempDir static Path dir;

  static String handlerFromTemplate() throws IOException {
    JsonNode t = new ObjectMapper(new YAMLFactory()).readTree(Path.of("template.yaml").toFile());
    return t.path("Resources").path("AuthorizerFunction").path("Properties").path("Handler").asText();
  }

  @BeforeAll
  static void start() throws Exception {
    api = new RuntimeApiServer();
    Path root = LambdaProcess.taskRoot(Path.of("target/iamgate.jar"), dir.resolve("task"));
    lambda = LambdaProcess.start(handlerFromTemplate(), root, api.address(), Map.of("IAMGATE_ALLOW_SAMPLE_BUNDLE", "true"));
    Thread reader = new Thread(() -> {
      try (var in = lambda.getInputStream()) {
        OUTPUT.append(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      } catch (IOException e) {
        // the process ended
      }
    });
    reader.setDaemon(true);
    reader.start();
  }

  @AfterAll
  static void stop() {
    if (lambda != null) {
      lambda.destroyForcibly();
    }
    if (api != null) {
      api.close();
    }
  }

  @Test
  void everyEventGivesItsNamedOutcomeAndExactResponse() throws Exception {
    List<Path> events;
    try (Stream<Path> s = Files.list(Path.of("events"))) {
      events = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertEquals(15, events.size());
    ObjectMapper json = new ObjectMapper();
    for (Path e : events) {
      String name = e.getFileName().toString();
      RuntimeApiServer.Result r = api.invoke(Files.readString(e), 60);
      boolean http = name.startsWith("http-");
      if (name.endsWith("-unauthorized.json") && !http) {
        assertTrue(r.error(), name + ": " + r.body());
        // API Gateway reads errorMessage only, and needs it to be exactly Unauthorized
        assertEquals("Unauthorized", json.readTree(r.body()).path("errorMessage").asText(), name + ": " + r.body());
        continue;
      }
      assertTrue(!r.error(), name + ": " + r.body() + "\n" + OUTPUT);
      String masked = r.body().replaceAll("\"decisionId\":\"[^\"]+\"", "\"decisionId\":\"<id>\"")
          .replaceAll("\"bundleVersion\":\"[0-9a-f]+\"", "\"bundleVersion\":\"<version>\"") + "\n";
      assertEquals(Files.readString(Path.of("src/test/resources/golden/lambda", name)), masked, name);
      boolean allowed = HandlerEventsTest.allows(r.body(), HandlerEventsTest.methodArn(e));
      assertEquals(name.endsWith("-allow.json"), allowed, name);
    }
  }
}
