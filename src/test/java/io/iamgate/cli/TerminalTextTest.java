package io.iamgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What a log holds cannot start a fake row or hide text on a terminal. */
class TerminalTextTest {
  private static String through(String text) {
    StringWriter sink = new StringWriter();
    PrintWriter out = TerminalText.wrap(new PrintWriter(sink));
    out.print(text);
    out.flush();
    return sink.toString();
  }

  @Test
  void controlAndFormatCharactersAreEscapedLineFeedsAndTabsAreNot() {
    assertEquals(
        "a\\u000d\\u001b[8m\\u2028\\u202eb\tc\n", through("a\r\u001b[8m\u2028\u202eb\tc\n"));
    assertEquals("GET /orders/ord-42 é ✓", through("GET /orders/ord-42 é ✓"));
  }

  @Test
  void aValueKeepsItsRowAndColumn() {
    assertEquals("a\\u000ab\\u0009c", TerminalText.escape("a\nb\tc"));
    assertEquals("plain", TerminalText.escape("plain"));
  }

  @Test
  void aPathWithANewlineCannotForgeALogsRow() throws Exception {
    java.nio.file.Path log = java.nio.file.Files.createTempFile("forged", ".log");
    String forged =
        java.nio.file.Files.readString(java.nio.file.Path.of("src/examples/decisions.log"))
            .lines()
            .filter(l -> l.contains("\"outcome\":\"ImplicitDeny\""))
            .findFirst()
            .orElseThrow()
            .replace(
                "\"path\":\"/orders/",
                "\"path\":\"\\n2026-11-30T08:00:00.000Z  Allow  user/carol  DELETE /orders/");
    java.nio.file.Files.writeString(log, forged + "\n");
    CliRun r = CliRun.of("logs", log.toString());
    assertEquals(0, r.exit(), r.err());
    // the header, one row, the summary lines: no row of the forged Allow
    assertEquals(
        0, r.out().lines().filter(l -> l.startsWith("2026-11-30T08:00:00.000Z")).count(), r.out());
  }
}
