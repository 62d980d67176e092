package io.iamgate.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads strict RFC 8259 JSON (no comments, no trailing commas, no NaN, one top-level value) into a
 * positioned {@link Json} tree. Duplicate member names are kept in the tree and reported as errors;
 * a syntax error ends reading with one positioned diagnostic. Thread-safe.
 */
public final class JsonReader {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(1 << 24).build())
          .build();

  private JsonReader() {}

  /**
   * Reads {@code text}.
   *
   * @param file the file name for diagnostics, or {@code null}
   * @param lineOffset added to every line number (for a document inside a larger text)
   */
  public static ParseResult<Json> read(String text, @Nullable String file, int lineOffset) {
    return read(FACTORY, text, file, lineOffset);
  }

  /**
   * Reads {@code text} with another Jackson format whose parser reports token positions (the bundle
   * reader passes a YAML factory); everything else is as for JSON, except that problems with the
   * text itself have the code {@code <format>-syntax} ({@code yaml-syntax}) and name the format.
   */
  public static ParseResult<Json> read(
      JsonFactory factory, String text, @Nullable String file, int lineOffset) {
    String format = factory.getFormatName();
    return read(
        factory,
        text,
        file,
        lineOffset,
        e -> {
          JsonLocation loc = e.getLocation();
          return new SyntaxError(
              loc == null ? 0 : loc.getLineNr(),
              loc == null ? 0 : loc.getColumnNr(),
              "invalid " + format + ": " + describe(e));
        });
  }

  /**
   * A syntax error as a format's reader words it.
   *
   * @param line the 1-based line in {@code text} (the line offset is added to it), 0 if unknown
   * @param column the 1-based column, 0 if unknown
   * @param message what is wrong, in the words of the format's users: no parser class names, no
   *     input excerpts
   */
  public record SyntaxError(int line, int column, String message) {}

  /**
   * Like {@link #read(JsonFactory, String, String, int)}, with the format's own description of a
   * syntax error: {@code describe} turns the exception of {@code factory}'s parser into the
   * position and message of the one diagnostic reported (for YAML, the bundle reader's).
   */
  public static ParseResult<Json> read(
      JsonFactory factory,
      String text,
      @Nullable String file,
      int lineOffset,
      Function<JsonProcessingException, SyntaxError> describe) {
    String format = factory.getFormatName();
    String code = format.toLowerCase(Locale.ROOT) + "-syntax";
    List<Diagnostic> diagnostics = new ArrayList<>();
    try (JsonParser p = factory.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        diagnostics.add(
            error(
                code,
                file,
                1 + lineOffset,
                1,
                "expected a " + format + " value, found an empty input"));
        return new ParseResult<>(null, diagnostics);
      }
      Json root = readValue(p, file, lineOffset, "", code, diagnostics);
      JsonToken extra = p.nextToken();
      if (extra != null) {
        JsonLocation loc = p.currentTokenLocation();
        diagnostics.add(
            error(
                code,
                file,
                loc.getLineNr() + lineOffset,
                loc.getColumnNr(),
                "expected the end of the input after the top-level value, found more text"));
      }
      boolean failed = diagnostics.stream().anyMatch(Diagnostic::isError);
      return new ParseResult<>(failed ? null : root, diagnostics);
    } catch (JsonProcessingException e) {
      SyntaxError se = describe.apply(e);
      int line = se.line() == 0 ? 0 : se.line() + lineOffset;
      diagnostics.add(error(code, file, line, se.column(), se.message()));
      return new ParseResult<>(null, diagnostics);
    } catch (IOException e) {
      diagnostics.add(error(code, file, 0, 0, "cannot read " + format + ": " + e.getMessage()));
      return new ParseResult<>(null, diagnostics);
    }
  }

  private static String describe(JsonProcessingException e) {
    String m = e.getOriginalMessage();
    if (m == null) {
      return "syntax error";
    }
    int nl = m.indexOf('\n');
    if (nl >= 0) {
      m = m.substring(0, nl);
    }
    m = m.strip();
    if (m.endsWith(".")) {
      m = m.substring(0, m.length() - 1);
    }
    if (!m.isEmpty()) {
      m = Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }
    if (m.contains("ALLOW_COMMENTS") || m.contains("code 47")) {
      return "comments are not allowed in JSON";
    }
    // "unexpected character (']' (code 93)): expected a valid value (JSON String, ...)"
    m =
        m.replaceAll("\\('(.)' \\(code \\d+\\)\\)", "`$1`")
            .replaceAll(
                "\\(JSON String, Number, Array, Object or token 'null', 'true' or 'false'\\)", "")
            .replaceAll("\\(for [^)]*\\)", "")
            .replaceAll("\\s+", " ")
            .strip();
    if (m.endsWith("was expecting")) {
      m = m + " a JSON value";
    }
    if ((m.contains("`]`") || m.contains("`}`")) && m.contains("expected")) {
      return m + " (trailing commas are not allowed)";
    }
    return m;
  }

  private static Json readValue(
      JsonParser p,
      @Nullable String file,
      int lineOffset,
      String path,
      String code,
      List<Diagnostic> diagnostics)
      throws IOException {
    JsonLocation loc = p.currentTokenLocation();
    int line = loc.getLineNr() + lineOffset;
    int col = loc.getColumnNr();
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        List<Json.Member> members = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonLocation nl = p.currentTokenLocation();
          int nameLine = nl.getLineNr() + lineOffset;
          int nameCol = nl.getColumnNr();
          String childPath = JsonPointer.child(path, name);
          p.nextToken();
          Json value = readValue(p, file, lineOffset, childPath, code, diagnostics);
          if (!seen.add(name)) {
            diagnostics.add(
                new Diagnostic(
                    "duplicate-member",
                    Severity.ERROR,
                    file,
                    childPath,
                    nameLine,
                    nameCol,
                    "member `" + name + "` appears more than once in the same object",
                    null));
          }
          members.add(new Json.Member(name, nameLine, nameCol, value));
        }
        return new Json.JObject(line, col, members);
      }
      case START_ARRAY -> {
        List<Json> items = new ArrayList<>();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(
              readValue(p, file, lineOffset, JsonPointer.child(path, i++), code, diagnostics));
        }
        return new Json.JArray(line, col, items);
      }
      case VALUE_STRING -> {
        return new Json.JString(line, col, p.getText());
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return new Json.JNumber(line, col, p.getText());
      }
      case VALUE_TRUE -> {
        return new Json.JBool(line, col, true);
      }
      case VALUE_FALSE -> {
        return new Json.JBool(line, col, false);
      }
      case VALUE_NULL -> {
        return new Json.JNull(line, col);
      }
      case VALUE_EMBEDDED_OBJECT -> {
        // only from formats other than JSON, e.g. YAML's `!!binary`: the tree has no such value
        diagnostics.add(
            new Diagnostic(
                code,
                Severity.ERROR,
                file,
                path,
                line,
                col,
                "a binary value is not allowed here; write it as a string",
                "remove the `!!binary` tag"));
        return new Json.JNull(line, col);
      }
      default -> throw new IllegalStateException("unexpected token " + t);
    }
  }

  private static Diagnostic error(
      String code, @Nullable String file, int line, int col, String message) {
    return new Diagnostic(code, Severity.ERROR, file, "", line, col, message, null);
  }
}
