package io.iamgate.cli;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of the edge-case table in section 6 of the specification (rows with several requests
 * are split into {@code row-NNN-a}, {@code -b}, ...), in {@code golden/spec-section-6.jsonl},
 * evaluated one by one through the batch contract.
 */
class SpecSection6Test {
  static List<GoldenCases.Case> rows() {
    return GoldenCases.cases("spec-section-6.jsonl");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void row(GoldenCases.Case c) {
    GoldenCases.check(c, new BatchRunner().evaluate(c.line(), 1));
  }
}
