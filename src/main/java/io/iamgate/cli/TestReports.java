package io.iamgate.cli;

import io.iamgate.compile.StatementRef;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;

/** The reports of {@code iamgate test}: JSON, the coverage text and JUnit XML. */
final class TestReports {
  private TestReports() {}

  /** One JSON object: every test's result, the counts and, when asked for, the coverage. */
  static String json(
      List<TestCommand.Result> results,
      long passed,
      long failed,
      @Nullable List<TestCommand.Uncovered> coverage) {
    return JsonOutput.object(
        g -> {
          g.writeArrayFieldStart("tests");
          for (TestCommand.Result r : results) {
            g.writeStartObject();
            g.writeStringField("file", r.test().where().file());
            g.writeNumberField("line", r.test().where().line());
            g.writeStringField("name", r.test().name());
            g.writeBooleanField("passed", r.passed());
            g.writeStringField("expected", r.test().expect().text);
            g.writeStringField("decision", r.decision().text());
            g.writeStringField("reason", r.reason());
            g.writeArrayFieldStart("statements");
            for (StatementRef ref : r.statements()) {
              JsonOutput.statement(g, ref);
            }
            g.writeEndArray();
            if (r.failure() != null) {
              g.writeStringField("failure", r.failure());
            }
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeNumberField("passed", passed);
          g.writeNumberField("failed", failed);
          if (coverage != null) {
            g.writeArrayFieldStart("coverage");
            for (TestCommand.Uncovered u : coverage) {
              g.writeStartObject();
              g.writeStringField("bundle", u.bundle());
              g.writeArrayFieldStart("statementsNeverDeciding");
              for (String s : u.statements()) {
                g.writeString(s);
              }
              g.writeEndArray();
              g.writeArrayFieldStart("routesNeverCalled");
              for (String s : u.routes()) {
                g.writeString(s);
              }
              g.writeEndArray();
              g.writeEndObject();
            }
            g.writeEndArray();
          }
        });
  }

  /** The coverage, per bundle: statements no test made decide, then routes no test called. */
  static void coverage(PrintWriter out, List<TestCommand.Uncovered> coverage) {
    for (TestCommand.Uncovered u : coverage) {
      out.println("coverage of " + u.bundle() + ":");
      if (u.statements().isEmpty()) {
        out.println("  every statement decided a test");
      } else {
        out.println("  statements no test made decide: " + u.statements().size());
        u.statements().forEach(s -> out.println("    " + s));
      }
      if (u.routes().isEmpty()) {
        out.println("  every route was called");
      } else {
        out.println("  routes no test called: " + u.routes().size());
        u.routes().forEach(s -> out.println("    " + s));
      }
    }
  }

  /** JUnit XML: a testsuite per test file, a testcase per test, a failure with the explanation. */
  static void junit(Path file, List<TestCommand.Result> results) throws IOException {
    Map<String, List<TestCommand.Result>> byFile = new LinkedHashMap<>();
    for (TestCommand.Result r : results) {
      byFile.computeIfAbsent(r.test().where().file(), f -> new java.util.ArrayList<>()).add(r);
    }
    long failures = results.stream().filter(r -> !r.passed()).count();
    try (OutputStream os = Files.newOutputStream(file)) {
      XMLStreamWriter w =
          XMLOutputFactory.newInstance().createXMLStreamWriter(os, StandardCharsets.UTF_8.name());
      w.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
      w.writeCharacters("\n");
      w.writeStartElement("testsuites");
      w.writeAttribute("name", "iamgate test");
      w.writeAttribute("tests", Integer.toString(results.size()));
      w.writeAttribute("failures", Long.toString(failures));
      w.writeCharacters("\n");
      for (Map.Entry<String, List<TestCommand.Result>> e : byFile.entrySet()) {
        List<TestCommand.Result> rs = e.getValue();
        w.writeCharacters("  ");
        w.writeStartElement("testsuite");
        w.writeAttribute("name", xml(e.getKey()));
        w.writeAttribute("tests", Integer.toString(rs.size()));
        w.writeAttribute("failures", Long.toString(rs.stream().filter(r -> !r.passed()).count()));
        w.writeAttribute("errors", "0");
        w.writeAttribute("skipped", "0");
        w.writeCharacters("\n");
        for (TestCommand.Result r : rs) {
          w.writeCharacters("    ");
          w.writeStartElement("testcase");
          w.writeAttribute("name", xml(r.test().name()));
          w.writeAttribute("classname", xml(e.getKey()));
          String failure = r.failure();
          if (failure != null) {
            w.writeStartElement("failure");
            w.writeAttribute("message", xml(failure));
            w.writeAttribute("type", r.decision().text());
            w.writeCharacters(
                xml(
                    r.test().where().at()
                        + ": expected "
                        + r.test().expect().text
                        + ", decision "
                        + r.decision().text()
                        + "\nreason: "
                        + r.reason()
                        + "\n"));
            w.writeEndElement();
          }
          w.writeEndElement();
          w.writeCharacters("\n");
        }
        w.writeCharacters("  ");
        w.writeEndElement();
        w.writeCharacters("\n");
      }
      w.writeEndElement();
      w.writeCharacters("\n");
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /**
   * {@code text} with every character XML 1.0 cannot hold (controls but tab, line feed and carriage
   * return; unpaired surrogates; U+FFFE and U+FFFF) replaced by U+FFFD, so the report stays
   * well-formed whatever a test's name or a request holds.
   */
  static String xml(String text) {
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(c)) {
        ok = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        if (ok) {
          if (sb != null) {
            sb.append(c).append(text.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else {
        ok =
            (c >= 0x20 && !Character.isLowSurrogate(c) && c != 0xFFFE && c != 0xFFFF)
                || c == '\t'
                || c == '\n'
                || c == '\r';
      }
      if (!ok && sb == null) {
        sb = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (sb != null) {
        sb.append(ok ? c : '\uFFFD');
      }
    }
    return sb == null ? text : sb.toString();
  }
}
