package io.iamgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden JSONL files per topic, each run whole through {@code iamgate simulate --batch -}: one
 * output line per case, in order, with the expected decision or an error line, and exit 0.
 */
class GoldenBatchTest {
  private static final List<String> TOPICS =
      List.of(
          "wildcards",
          "not-action-not-resource",
          "operators-string",
          "operators-numeric-date",
          "operators-bool-binary-null",
          "operators-ip-arn",
          "set-operators",
          "variables",
          "boundaries",
          "guardrails",
          "grammar-and-errors",
          "spec-section-6");

  @TestFactory
  Stream<DynamicContainer> topics() {
    return TOPICS.stream()
        .map(
            topic -> {
              String file = topic + ".jsonl";
              List<GoldenCases.Case> cases = GoldenCases.cases(file);
              String input =
                  String.join("\n", cases.stream().map(GoldenCases.Case::line).toList()) + "\n";
              StringWriter out = new StringWriter();
              StringWriter err = new StringWriter();
              int code =
                  Main.run(
                      new String[] {"simulate", "--batch", "-"},
                      new PrintWriter(out),
                      new PrintWriter(err),
                      new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
              List<String> lines = out.toString().lines().toList();
              Stream<DynamicTest> whole =
                  Stream.of(
                      DynamicTest.dynamicTest(
                          "exit 0, one line per case",
                          () -> {
                            assertEquals(0, code, err.toString());
                            assertEquals(cases.size(), lines.size());
                            assertTrue(err.toString().isEmpty(), err.toString());
                          }));
              Stream<DynamicTest> each =
                  java.util.stream.IntStream.range(0, Math.min(cases.size(), lines.size()))
                      .mapToObj(
                          i ->
                              DynamicTest.dynamicTest(
                                  cases.get(i).id() == null ? "line " + (i + 1) : cases.get(i).id(),
                                  () -> GoldenCases.check(cases.get(i), lines.get(i))));
              return DynamicContainer.dynamicContainer(topic, Stream.concat(whole, each));
            });
  }
}
