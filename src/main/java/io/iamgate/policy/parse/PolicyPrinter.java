package io.iamgate.policy.parse;

import com.fasterxml.jackson.core.JsonGenerator;
import io.iamgate.json.JsonWriter;
import io.iamgate.policy.Clause;
import io.iamgate.policy.Condition;
import io.iamgate.policy.ConditionOperator;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.Statement;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the policy model as canonical JSON: two-space indentation, arrays for every clause and
 * condition value, canonical operator spellings. {@code parse(print(d))} equals {@code d}.
 */
public final class PolicyPrinter {
  private PolicyPrinter() {}

  /** The document as two-space indented JSON ({@link JsonWriter.Style#PRETTY}). */
  public static String print(PolicyDocument doc) {
    return JsonWriter.toText(JsonWriter.Style.PRETTY, g -> document(g, doc));
  }

  private static void document(JsonGenerator g, PolicyDocument doc) throws IOException {
    g.writeStartObject();
    if (doc.version().text() != null) {
      g.writeStringField("Version", doc.version().text());
    }
    if (doc.id() != null) {
      g.writeStringField("Id", doc.id());
    }
    g.writeArrayFieldStart("Statement");
    for (Statement s : doc.statements()) {
      statement(g, s);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void statement(JsonGenerator g, Statement s) throws IOException {
    g.writeStartObject();
    if (s.sid() != null) {
      g.writeStringField("Sid", s.sid());
    }
    g.writeStringField("Effect", s.effect().text());
    clause(g, s.action(), "Action", "NotAction");
    clause(g, s.resource(), "Resource", "NotResource");
    if (!s.conditions().isEmpty()) {
      g.writeObjectFieldStart("Condition");
      for (Map.Entry<String, List<Condition>> e : groups(s.conditions()).entrySet()) {
        g.writeObjectFieldStart(e.getKey());
        for (Condition c : e.getValue()) {
          g.writeArrayFieldStart(c.key());
          for (String v : c.values()) {
            g.writeString(v);
          }
          g.writeEndArray();
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  /**
   * Groups conditions by operator. Operator names are case-insensitive, so a document may hold the
   * same operator twice under two spellings; such a repeat goes under another spelling.
   */
  private static Map<String, List<Condition>> groups(List<Condition> conditions) {
    Map<String, List<Condition>> out = new LinkedHashMap<>();
    for (Condition c : conditions) {
      for (int variant = 0; ; variant++) {
        String name = spelling(c.operator(), variant);
        List<Condition> group = out.computeIfAbsent(name, k -> new ArrayList<>());
        if (group.stream().noneMatch(x -> x.key().equals(c.key()))) {
          group.add(c);
          break;
        }
      }
    }
    return out;
  }

  private static String spelling(ConditionOperator op, int variant) {
    String text = op.text();
    if (variant == 0) {
      return text;
    }
    // variant n: lower-case the first n letters, which keeps the name valid and distinct
    StringBuilder sb = new StringBuilder(text);
    int changed = 0;
    for (int i = 0; i < sb.length() && changed < variant; i++) {
      char c = sb.charAt(i);
      if (Character.isLetter(c)) {
        sb.setCharAt(
            i, Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        changed++;
      }
    }
    return sb.toString().equals(text) ? text.toUpperCase(Locale.ROOT) + variant : sb.toString();
  }

  private static void clause(JsonGenerator g, Clause c, String name, String notName)
      throws IOException {
    g.writeArrayFieldStart(c.negated() ? notName : name);
    for (String p : c.patterns()) {
      g.writeString(p);
    }
    g.writeEndArray();
  }
}
