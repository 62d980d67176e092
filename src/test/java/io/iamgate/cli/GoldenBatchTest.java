package io.iamgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Smoke cases of the CLI's batch contract: a whole golden topic through {@code iamgate simulate
 * --batch -} gives one output line per case, in order, with the expected decision or an error line,
 * and exit 0. The engine's whole corpus is run by {@code io.iamgate.eval.GoldenCasesTest}.
 */
class GoldenBatchTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"wildcards.jsonl", "grammar-and-errors.jsonl", "spec-section-6.jsonl"})
  void aTopicThroughTheCli(String file) {
    List<GoldenCases.Case> cases = GoldenCases.cases(file);
    String input = String.join("\n", cases.stream().map(GoldenCases.Case::line).toList()) + "\n";
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new String[] {"simulate", "--batch", "-"},
            new PrintWriter(out),
            new PrintWriter(err),
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    List<String> lines = out.toString().lines().toList();
    assertEquals(0, code, err.toString());
    assertTrue(err.toString().isEmpty(), err.toString());
    assertEquals(cases.size(), lines.size());
    for (int i = 0; i < cases.size(); i++) {
      GoldenCases.check(cases.get(i), lines.get(i));
    }
  }
}
