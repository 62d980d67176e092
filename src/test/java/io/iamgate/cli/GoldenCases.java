package io.iamgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads golden batch files: JSON Lines cases in the batch format with an {@code expected} member.
 */
final class GoldenCases {
  private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
  private static final Pattern EXPECTED = Pattern.compile("\"expected\":\"([A-Za-z]+)\"");
  private static final Pattern DECISION = Pattern.compile("\"decision\":\"([A-Za-z]+)\"");

  private GoldenCases() {}

  /** One case line and what it must produce. */
  record Case(String file, String id, String line, String expected) {
    @Override
    public String toString() {
      return file + " " + id;
    }
  }

  static List<String> lines(String resource) {
    try (InputStream in = GoldenCases.class.getResourceAsStream(resource)) {
      assertNotNull(in, "missing test resource " + resource);
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> out = new ArrayList<>();
      for (String l : text.split("\n")) {
        if (!l.isBlank()) {
          out.add(l);
        }
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static List<Case> cases(String file) {
    List<Case> out = new ArrayList<>();
    for (String l : lines("/golden/" + file)) {
      String expected = group(EXPECTED, l);
      out.add(new Case(file, group(ID, l), l, expected == null ? "error" : expected));
    }
    return out;
  }

  static String group(Pattern p, String s) {
    Matcher m = p.matcher(s);
    return m.find() ? m.group(1) : null;
  }

  /** "error" for an error line, else the decision. */
  static String outcome(String outputLine) {
    if (outputLine.contains("\"error\":")) {
      return "error";
    }
    String d = group(DECISION, outputLine);
    assertNotNull(d, "no decision in " + outputLine);
    return d;
  }

  static void check(Case c, String outputLine) {
    if (outputLine.startsWith("{\"id\":null")) {
      // the line was not even JSON, so its id could not be read
      assertEquals("error", c.expected(), () -> c + " -> " + outputLine);
      assertEquals("error", outcome(outputLine), () -> c + " -> " + outputLine);
      return;
    }
    assertEquals(c.id(), group(ID, outputLine), "output id");
    assertEquals(c.expected(), outcome(outputLine), () -> c + " -> " + outputLine);
  }
}
