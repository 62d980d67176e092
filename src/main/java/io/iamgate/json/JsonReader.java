package io.iamgate.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads strict RFC 8259 JSON (no comments, no trailing commas, no NaN, one top-level value) into a
 * positioned {@link Json} tree. Duplicate member names are kept in the tree and reported as errors;
 * a syntax error ends reading with one positioned diagnostic that says, in iamgate's words rather
 * than the parser's, what was expected and what was found ("unexpected end of input: expected `}`
 * to close the object opened at 3:5"), with the JSON Pointer of the value being read. Thread-safe.
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
   * reader passes a YAML factory); everything else is as for JSON.
   */
  public static ParseResult<Json> read(
      JsonFactory factory, String text, @Nullable String file, int lineOffset) {
    ParseResult<Json> r = readTree(factory, text, file, lineOffset, new ArrayList<>());
    if (isJson(factory)) {
      return r;
    }
    return new ParseResult<>(r.value(), r.diagnostics().stream().map(JsonReader::asYaml).toList());
  }

  private static Diagnostic asYaml(Diagnostic d) {
    return d.code().equals("json-syntax")
        ? new Diagnostic(
            "yaml-syntax",
            d.severity(),
            d.file(),
            d.path(),
            d.line(),
            d.column(),
            d.message().replace("expected a JSON value", "expected a YAML value"),
            d.hint())
        : d;
  }

  private static ParseResult<Json> readTree(
      JsonFactory factory,
      String text,
      @Nullable String file,
      int lineOffset,
      List<Diagnostic> diagnostics) {
    try (JsonParser p = factory.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        diagnostics.add(
            error(
                file, "", 1 + lineOffset, 1, "expected a JSON value, found an empty input", null));
        return new ParseResult<>(null, diagnostics);
      }
      Json root = readValue(p, file, lineOffset, "", diagnostics);
      JsonToken extra = p.nextToken();
      if (extra != null) {
        JsonLocation loc = p.currentTokenLocation();
        diagnostics.add(
            isJson(factory)
                ? syntaxError(factory, text, file, lineOffset, loc)
                : error(
                    file,
                    "",
                    loc.getLineNr() + lineOffset,
                    loc.getColumnNr(),
                    "expected the end of the input after the top-level value, found more text",
                    null));
      }
      boolean failed = diagnostics.stream().anyMatch(Diagnostic::isError);
      return new ParseResult<>(failed ? null : root, diagnostics);
    } catch (StreamConstraintsException e) {
      diagnostics.add(limitError(factory, text, file, lineOffset, e));
      return new ParseResult<>(null, diagnostics);
    } catch (JsonProcessingException e) {
      diagnostics.add(
          isJson(factory)
              ? syntaxError(factory, text, file, lineOffset, e.getLocation())
              : YamlSyntax.error(e, file, lineOffset));
      return new ParseResult<>(null, diagnostics);
    } catch (IOException e) {
      // a String source cannot fail to read; should it ever, say so without Jackson's words
      diagnostics.add(error(file, "", 0, 0, "cannot read the input", null));
      return new ParseResult<>(null, diagnostics);
    }
  }

  /**
   * Decodes UTF-8 bytes strictly. Invalid UTF-8 is one error at the line and column of the first
   * bad byte (columns count the characters decoded before it, as for JSON).
   *
   * @param file the file name for diagnostics, or {@code null}
   * @param lineOffset added to the line number
   */
  public static ParseResult<String> decode(byte[] bytes, @Nullable String file, int lineOffset) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = decoder.decode(in, out, true);
    if (!r.isError()) {
      r = decoder.flush(out);
    }
    out.flip();
    if (!r.isError()) {
      return new ParseResult<>(out.toString(), List.of());
    }
    String before = out.toString();
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < before.length(); i++) {
      char c = before.charAt(i);
      if (c == '\n' || c == '\r' && (i + 1 >= before.length() || before.charAt(i + 1) != '\n')) {
        line++;
        lineStart = i + 1;
      }
    }
    int at = in.position();
    StringBuilder seq = new StringBuilder();
    for (int i = at; i < Math.min(bytes.length, at + Math.max(1, r.length())); i++) {
      seq.append(seq.length() == 0 ? "" : " ")
          .append(String.format(Locale.ROOT, "0x%02X", bytes[i] & 0xFF));
    }
    return new ParseResult<>(
        null,
        List.of(
            new Diagnostic(
                "encoding",
                Severity.ERROR,
                file,
                "",
                line + lineOffset,
                before.length() - lineStart + 1,
                "not valid UTF-8: unexpected " + (r.length() > 1 ? "bytes " : "byte ") + seq,
                "iamgate reads UTF-8 text; convert it from its encoding, such as Latin-1 or Windows-1252")));
  }

  private static boolean isJson(JsonFactory factory) {
    return factory.getFormatName().equals(JsonFactory.FORMAT_NAME_JSON);
  }

  /**
   * The first syntax error of a JSON text that Jackson rejected, in iamgate's words ({@link
   * JsonSyntax}); at Jackson's position with a plain message should the two ever disagree.
   */
  private static Diagnostic syntaxError(
      JsonFactory factory,
      String text,
      @Nullable String file,
      int lineOffset,
      @Nullable JsonLocation at) {
    JsonSyntax.Problem p =
        JsonSyntax.firstProblem(
            text, lineOffset, factory.streamReadConstraints().getMaxNestingDepth());
    if (p != null) {
      return error(file, p.path(), p.line(), p.column(), p.message(), p.hint());
    }
    return error(
        file,
        "",
        at == null ? 0 : at.getLineNr() + lineOffset,
        at == null ? 0 : at.getColumnNr(),
        "invalid JSON",
        null);
  }

  /** A text over one of the reader's size limits. */
  private static Diagnostic limitError(
      JsonFactory factory,
      String text,
      @Nullable String file,
      int lineOffset,
      StreamConstraintsException e) {
    StreamReadConstraints limits = factory.streamReadConstraints();
    if (isJson(factory)) {
      // the nesting limit, and any syntax error before the limit was reached
      JsonSyntax.Problem p = JsonSyntax.firstProblem(text, lineOffset, limits.getMaxNestingDepth());
      if (p != null) {
        return error(file, p.path(), p.line(), p.column(), p.message(), p.hint());
      }
    }
    String m = String.valueOf(e.getOriginalMessage());
    String why;
    if (m.startsWith("Number value length")) {
      why = "a number is longer than " + limits.getMaxNumberLength() + " characters";
    } else if (m.startsWith("String value length")) {
      why = "a string is longer than " + limits.getMaxStringLength() + " characters";
    } else if (m.startsWith("Document nesting depth")) {
      why = "objects and arrays nest more than " + limits.getMaxNestingDepth() + " levels deep";
    } else {
      why = "the input exceeds the reader's size limits";
    }
    JsonLocation loc = e.getLocation();
    return error(
        file,
        "",
        loc == null ? 0 : loc.getLineNr() + lineOffset,
        loc == null ? 0 : loc.getColumnNr(),
        why,
        null);
  }

  private static Json readValue(
      JsonParser p,
      @Nullable String file,
      int lineOffset,
      String path,
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
          Json value = readValue(p, file, lineOffset, childPath, diagnostics);
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
          items.add(readValue(p, file, lineOffset, JsonPointer.child(path, i++), diagnostics));
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
                "json-syntax",
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

  static Diagnostic error(
      @Nullable String file,
      String path,
      int line,
      int col,
      String message,
      @Nullable String hint) {
    return new Diagnostic("json-syntax", Severity.ERROR, file, path, line, col, message, hint);
  }
}
