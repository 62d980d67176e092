package io.iamgate.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.iamgate.compile.StatementRef;
import io.iamgate.eval.Explanation;
import io.iamgate.eval.NearMiss;
import io.iamgate.json.Diagnostic;
import io.iamgate.json.Json;
import io.iamgate.json.JsonWriter;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Compact JSON rendering of decisions, explanations and diagnostics for the CLI. */
final class JsonOutput {
  private JsonOutput() {}

  /** Renders one compact JSON object (no trailing newline) whose members {@code body} writes. */
  static String object(JsonWriter.Body body) {
    return JsonWriter.toText(
        JsonWriter.Style.COMPACT,
        g -> {
          g.writeStartObject();
          body.write(g);
          g.writeEndObject();
        });
  }

  /** Writes a batch {@code id} as it was given ({@code null} when there is none). */
  static void id(JsonGenerator g, @Nullable Json id) throws IOException {
    g.writeFieldName("id");
    JsonWriter.tree(g, id, false);
  }

  /** The decision, the reason, and the deciding statements. */
  static void explanation(JsonGenerator g, Explanation e) throws IOException {
    g.writeStringField("decision", e.decision().text());
    g.writeStringField("reason", e.reason());
    if (e.failedGate() != null) {
      g.writeStringField("failedGate", e.failedGate().label());
    }
    g.writeArrayFieldStart("statements");
    for (StatementRef ref : e.decidingStatements()) {
      statement(g, ref);
    }
    g.writeEndArray();
  }

  /**
   * The {@code nearMisses} array of an implicit deny: each {@code {statement, kind, detail}}, with
   * {@code kind} {@code resource} or {@code condition}. Written by {@code simulate} only, not by
   * {@code simulate --batch}, whose line format stays as it is.
   */
  static void nearMisses(JsonGenerator g, List<NearMiss> misses) throws IOException {
    g.writeArrayFieldStart("nearMisses");
    for (NearMiss m : misses) {
      g.writeStartObject();
      g.writeFieldName("statement");
      statement(g, m.statement());
      g.writeStringField("kind", m.kind().name().toLowerCase(java.util.Locale.ROOT));
      g.writeStringField("detail", io.iamgate.audit.Masking.mask(m.detail()));
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  static void statement(JsonGenerator g, StatementRef ref) throws IOException {
    g.writeStartObject();
    g.writeStringField("source", ref.source().label());
    if (ref.documentName() != null) {
      g.writeStringField("policy", ref.documentName());
    } else {
      g.writeNumberField("policy", ref.documentIndex());
    }
    g.writeNumberField("statement", ref.statementIndex());
    if (ref.sid() != null) {
      g.writeStringField("sid", ref.sid());
    }
    g.writeEndObject();
  }

  static void diagnostics(JsonGenerator g, List<Diagnostic> diagnostics) throws IOException {
    g.writeArrayFieldStart("diagnostics");
    for (Diagnostic d : diagnostics) {
      g.writeStartObject();
      g.writeStringField("severity", d.severity().label());
      g.writeStringField("code", d.code());
      if (d.file() != null) {
        g.writeStringField("file", d.file());
      }
      g.writeStringField("path", d.path());
      g.writeNumberField("line", d.line());
      g.writeNumberField("column", d.column());
      g.writeStringField("message", d.message());
      if (d.hint() != null) {
        g.writeStringField("hint", d.hint());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
