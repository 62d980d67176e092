package io.iamgate.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iamgate.batch.BatchCase;
import io.iamgate.json.Json;
import io.iamgate.json.JsonReader;
import io.iamgate.json.ParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The engine's golden corpus: every {@code src/test/resources/golden/*.jsonl} file on disk is a
 * topic (wildcards, conditions, boundaries, guardrails, the specification's section 6, ...), every
 * line a case in the batch format with an {@code expected} member: {@code Allow}, {@code
 * ExplicitDeny}, {@code ImplicitDeny}, or absent for a case that must be an error. Topics are
 * discovered, not listed, so a new file runs without being registered, and an empty topic fails.
 * Each case is read through the batch contract ({@link BatchCase}) and decided by {@link
 * Evaluator#decide}; {@link Evaluator#explain} must agree.
 */
class GoldenCasesTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden");

  static List<Path> topics() throws IOException {
    try (Stream<Path> files = Files.list(GOLDEN)) {
      return files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
  }

  @Test
  void theCorpusHasItsTopics() throws IOException {
    List<String> names = topics().stream().map(p -> p.getFileName().toString()).toList();
    assertTrue(names.size() >= 12, "golden topics: " + names);
    assertTrue(names.contains("spec-section-6.jsonl"), "golden topics: " + names);
  }

  @TestFactory
  Stream<DynamicNode> everyCaseDecidesAsExpected() throws IOException {
    List<DynamicNode> out = new ArrayList<>();
    for (Path topic : topics()) {
      List<String> lines = Files.readAllLines(topic).stream().filter(l -> !l.isBlank()).toList();
      List<DynamicNode> cases = new ArrayList<>();
      cases.add(
          DynamicTest.dynamicTest(
              "the topic has cases", () -> assertFalse(lines.isEmpty(), topic + " is empty")));
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        int number = i + 1;
        cases.add(DynamicTest.dynamicTest(name(line, number), () -> check(topic, number, line)));
      }
      out.add(DynamicContainer.dynamicContainer(topic.getFileName().toString(), cases));
    }
    return out.stream();
  }

  private static String name(String line, int number) {
    ParseResult<Json> parsed = JsonReader.read(line, null, 0);
    if (parsed.value() instanceof Json.JObject o && o.get("id") instanceof Json.JString id) {
      return id.value();
    }
    return "line " + number;
  }

  private static void check(Path topic, int number, String line) {
    String where = topic.getFileName() + ":" + number;
    ParseResult<Json> parsed = JsonReader.read(line, topic.toString(), number - 1);
    Json json = parsed.value();
    String expected = "error";
    if (json instanceof Json.JObject o && o.get("expected") instanceof Json.JString e) {
      expected = e.value();
    }
    if (json == null) {
      assertEquals("error", expected, where + ": not JSON, so it must expect an error");
      return;
    }
    BatchCase c = BatchCase.read(json);
    if (!c.problems().isEmpty()) {
      assertEquals("error", expected, where + ": " + c.problems());
      return;
    }
    assertTrue(c.set() != null && c.request() != null, where);
    Evaluation decided = Evaluator.decide(c.set(), c.request());
    assertEquals(expected, decided.decision().text(), where + ": " + decided.reason());
    assertEquals(
        decided.decision(),
        Evaluator.explain(c.set(), c.request()).decision(),
        where + ": explain agrees with decide");
  }
}
