package io.iamgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped policy tests of the sample bundle ({@code src/examples/tests/}) pass. */
class SampleBundleTestsTest {
  @Test
  void theSampleBundleTestsPass() {
    CliRun r = CliRun.of("test", "src/examples/tests");
    assertEquals(0, r.exit(), r.out() + r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals("14 passed, 0 failed", lines.get(lines.size() - 1), r.out());
    assertEquals(15, lines.size(), r.out());
    lines.subList(0, 14).forEach(l -> assertTrue(l.startsWith("PASS "), l));
    assertEquals("", r.err());
  }
}
