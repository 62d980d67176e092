package io.iamgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamgate.testing.DecisionLineSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision trail round trip: the log `invoke --log` writes for every sample event is in the
 * documented schema, and `logs`, `generate-policy` and `unused` read it back; the hand-written logs
 * the docs and goldens use are in the same schema.
 */
class TrailRoundTripTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SAMPLE = "src/main/resources/iamgate/sample-bundle.yaml";

  @TempDir Path dir;

  private static List<String> events() throws Exception {
    try (Stream<Path> s = Files.list(Path.of("events"))) {
      return s.map(Path::toString).filter(p -> p.endsWith(".json")).sorted().toList();
    }
  }

  /** The decision lines of a log, each checked against the schema. */
  private static List<JsonNode> decisionLines(String log, String where) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : log.lines().toList()) {
      if (!line.startsWith("{")) {
        continue;
      }
      JsonNode n = JSON.readTree(line);
      if ("iamgate.decision".equals(n.path("logger").asText())) {
        assertEquals(List.of(), DecisionLineSchema.problems(n), where + ": " + line);
        out.add(n);
      }
    }
    return out;
  }

  @Test
  void invokesLogIsInTheSchemaAndReadsBack() throws Exception {
    List<String> events = events();
    List<String> args = new ArrayList<>(List.of("invoke", "--log"));
    args.addAll(events);
    CliRun invoke = CliRun.of(args.toArray(String[]::new));
    List<JsonNode> lines = decisionLines(invoke.err(), "invoke --log");
    assertEquals(events.size(), lines.size(), "one decision line per event");

    // what each event's name says it ends in, against what the log says it ended in
    Map<String, Integer> expected = new TreeMap<>();
    for (String e : events) {
      String outcome =
          e.endsWith("-allow.json") ? "Allow" : e.endsWith("-deny.json") ? "deny" : "Unauthorized";
      expected.merge(outcome, 1, Integer::sum);
    }
    Map<String, Integer> logged = new TreeMap<>();
    for (JsonNode n : lines) {
      String o = n.path("decision").path("outcome").asText();
      logged.merge(o.equals("Allow") || o.equals("Unauthorized") ? o : "deny", 1, Integer::sum);
    }
    // HTTP APIs answer a refused caller with a deny, but the log says Unauthorized
    int httpRefused =
        (int)
            events.stream()
                .filter(
                    e ->
                        e.contains("http-") && e.contains("no-credentials")
                            || e.contains("http-") && e.contains("forged"))
                .count();
    expected.merge("deny", -httpRefused, Integer::sum);
    expected.merge("Unauthorized", httpRefused, Integer::sum);
    assertEquals(expected, logged);

    Path log = dir.resolve("decisions.log");
    Files.writeString(log, invoke.err());

    CliRun read = CliRun.of("logs", "--json", log.toString());
    assertEquals(0, read.exit(), read.err());
    assertEquals(events.size(), JSON.readTree(read.out()).path("events").size(), read.out());

    CliRun generated =
        CliRun.of("generate-policy", "--from-logs", log.toString(), "--principal", "alice");
    assertEquals(0, generated.exit(), generated.err());
    Path policy = dir.resolve("alice.json");
    Files.writeString(policy, generated.out());
    CliRun valid = CliRun.of("validate", policy.toString());
    assertEquals(0, valid.exit(), valid.out() + valid.err());
    assertTrue(generated.out().contains("\"orders:GetOrder\""), generated.out());
    CliRun analyzed = CliRun.of("analyze", "--fail-on", "security_warning", policy.toString());
    assertEquals(0, analyzed.exit(), analyzed.out());

    CliRun unused = CliRun.of("unused", "--from-logs", log.toString(), "--bundle", SAMPLE);
    assertEquals(0, unused.exit(), unused.err());
    assertTrue(unused.out().contains("user/alice: last seen"), unused.out());
  }

  @Test
  void theHandWrittenLogsAreInTheSameSchema() throws Exception {
    for (String f :
        List.of("src/examples/decisions.log", "src/test/resources/trail/invoke-events.log")) {
      assertTrue(!decisionLines(Files.readString(Path.of(f)), f).isEmpty(), f);
    }
  }
}
