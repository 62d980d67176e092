package io.iamgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped policy tests of the sample bundle ({@code src/examples/tests/}) pass, and the {@code
 * test} section of docs/cli.md shows a test file that runs and the output the command prints.
 */
class SampleBundleTestsTest {
  static final String SAMPLE = TestCommandTest.SAMPLE;

  @TempDir Path dir;

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

  @Test
  void theDocumentedExampleRunsAgainstTheSampleBundle() throws Exception {
    String doc = Files.readString(Path.of("docs/cli.md"), StandardCharsets.UTF_8);
    int h = doc.indexOf("\n## `test PATH...`\n");
    assertTrue(h >= 0, "docs/cli.md has no `test` section");
    int start = doc.indexOf("```yaml\n", h) + "```yaml\n".length();
    String yaml = doc.substring(start, doc.indexOf("```", start));
    assertTrue(yaml.contains("tests:"), yaml);
    // the example sits in src/examples/tests/ and names the sample bundle relative to it
    Path placed = Files.createDirectories(dir.resolve("examples/tests"));
    Files.writeString(placed.resolve("example.test.yaml"), yaml, StandardCharsets.UTF_8);
    Path bundleDir = Files.createDirectories(dir.resolve("main/resources/iamgate"));
    Files.copy(Path.of(SAMPLE), bundleDir.resolve("sample-bundle.yaml"));
    CliRun r = CliRun.of("test", placed.toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().endsWith(" passed, 0 failed\n"), r.out());
  }

  @Test
  void theDocumentedRunOfTheSampleTestsIsWhatTheCommandPrints() throws Exception {
    String doc = Files.readString(Path.of("docs/cli.md"), StandardCharsets.UTF_8);
    String command = "$ java -jar target/iamgate.jar test src/examples/tests --coverage\n";
    int start = doc.indexOf(command);
    assertTrue(start >= 0, "docs/cli.md does not show `" + command.strip() + "`");
    start += command.length();
    String shown = doc.substring(start, doc.indexOf("```", start));
    CliRun r = CliRun.of("test", "src/examples/tests", "--coverage");
    assertEquals(0, r.exit(), r.out() + r.err());
    assertEquals(shown, r.out());
  }
}
