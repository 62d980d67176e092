package io.iamgate.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A YAML syntax error in iamgate's words. The YAML parser's message names a problem and, often, the
 * construct it was reading, each followed by {@code in 'reader', line L, column C:} and a snippet:
 *
 * <pre>
 * while parsing a flow sequence
 *  in 'reader', line 2, column 19:
 *       alice: {groups: [a
 *                       ^
 * expected ',' or ']', but got &lt;stream end&gt;
 *  in 'reader', line 3, column 1:
 * </pre>
 *
 * This becomes "expected `,` or `]`, found the end of the input (in the `[...]` list that starts at
 * 2:19)" at 3:1. Only the message text is read, so the package needs no YAML types.
 */
final class YamlSyntax {
  private static final Pattern MARK = Pattern.compile("^ in '[^']*', line (\\d+), column (\\d+):$");
  private static final Pattern WHILE =
      Pattern.compile("^while (?:parsing|scanning) (?:a|an) (.+)$");
  private static final Pattern TOKEN = Pattern.compile("'?<([a-z ]+)>'?");
  private static final Pattern CANNOT_START =
      Pattern.compile("found character (.+?) that cannot start any token");
  private static final Pattern QUOTED = Pattern.compile("'([^']{1,20})'");

  private static final Map<String, String> TOKENS =
      Map.of(
          "stream end", "the end of the input",
          "block end", "the end of the indented block",
          "block mapping start", "a mapping",
          "block sequence start", "a list",
          "document start", "a new document (`---`)",
          "flow mapping end", "`}`",
          "flow sequence end", "`]`",
          "scalar", "a value",
          "block entry", "a list item (`-`)",
          "key", "a key");

  private static final Map<String, String> CONSTRUCTS =
      Map.of(
          "flow sequence", "`[...]` list",
          "flow mapping", "`{...}` mapping",
          "block mapping", "mapping",
          "block sequence", "list",
          "block collection", "indented block",
          "quoted scalar", "quoted string",
          "plain scalar", "value",
          "simple key", "key",
          "directive", "directive");

  private YamlSyntax() {}

  /** One statement of the parser's message and the position it names (0 when it names none). */
  private record Part(String text, int line, int column) {}

  static Diagnostic error(JsonProcessingException e, @Nullable String file, int lineOffset) {
    String original = String.valueOf(e.getOriginalMessage());
    JsonLocation loc = e.getLocation();
    int line = loc == null ? 0 : loc.getLineNr() + lineOffset;
    int column = loc == null ? 0 : loc.getColumnNr();
    if (original.contains("got this instead")) {
      // Jackson's "Expected a field name (Scalar value in YAML), got this instead: <...Event>"
      String found =
          original.contains("SequenceStart")
              ? "a `[...]` list"
              : original.contains("MappingStart") ? "a `{...}` mapping" : "something else";
      return JsonReader.error(
          file,
          "",
          line,
          column,
          "a mapping key must be a plain value, found " + found,
          "write the key as a string");
    }
    List<Part> parts = parts(original);
    if (parts.isEmpty()) {
      return JsonReader.error(file, "", line, column, "invalid YAML", null);
    }
    Part problem = parts.get(parts.size() - 1);
    Part context = parts.size() > 1 ? parts.get(0) : null;
    if (problem.line() > 0) {
      line = problem.line() + lineOffset;
      column = problem.column();
    }
    String hint = null;
    String text = problem.text();
    if (text.contains("(Do not use \\t(TAB) for indentation)")) {
      text = text.replace("(Do not use \\t(TAB) for indentation)", "").strip();
      hint = "YAML does not allow tabs for indentation";
    }
    String message = words(text);
    if (context != null) {
      Matcher w = WHILE.matcher(context.text());
      if (w.matches() && context.line() > 0) {
        message +=
            " (in the "
                + CONSTRUCTS.getOrDefault(w.group(1), w.group(1))
                + " that starts at "
                + (context.line() + lineOffset)
                + ":"
                + context.column()
                + ")";
      }
    }
    if (hint == null && text.contains("<block")) {
      hint = "check the indentation";
    }
    return JsonReader.error(file, "", line, column, message, hint);
  }

  /** The message's statements with the marks that follow them; snippets and carets dropped. */
  private static List<Part> parts(String message) {
    List<Part> parts = new ArrayList<>();
    String pending = null;
    for (String l : message.split("\\R")) {
      Matcher m = MARK.matcher(l);
      if (m.matches()) {
        if (pending != null) {
          parts.add(new Part(pending, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
          pending = null;
        }
      } else if (!l.isBlank() && !l.startsWith(" ")) {
        if (pending != null) {
          parts.add(new Part(pending, 0, 0));
        }
        pending = l.strip();
      }
    }
    if (pending != null) {
      parts.add(new Part(pending, 0, 0));
    }
    return parts;
  }

  /** The parser's wording made iamgate's: tokens named, quotes as backticks, no final period. */
  private static String words(String problem) {
    String s = problem;
    int source = s.indexOf(" at [Source:");
    if (source < 0) {
      source = s.indexOf("[Source:");
    }
    if (source >= 0) {
      s = s.substring(0, source).strip();
    }
    s = s.replace("'\\t(TAB)'", "tab");
    s = s.replace(", but got ", ", found ").replace(", but found ", ", found ");
    s = s.replace("found unexpected end of stream", "unexpected end of input");
    s = CANNOT_START.matcher(s).replaceAll("unexpected $1");
    Matcher t = TOKEN.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (t.find()) {
      t.appendReplacement(
          sb, Matcher.quoteReplacement(TOKENS.getOrDefault(t.group(1), "a " + t.group(1))));
    }
    t.appendTail(sb);
    s = QUOTED.matcher(sb.toString()).replaceAll("`$1`");
    if (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.isEmpty()
        ? "invalid YAML"
        : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
  }
}
