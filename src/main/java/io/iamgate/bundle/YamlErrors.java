package io.iamgate.bundle;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.iamgate.json.JsonReader;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Words a YAML syntax error of a bundle file (docs/bundle-format.md, "Files") for the person who
 * wrote the file: at the line and column of the problem, saying what is wrong and, when the problem
 * is the end of something that started elsewhere (an unclosed {@code [} or quote), where that
 * started. Never quotes the parser's internals: no class names, no input excerpts, no token names
 * such as {@code <block end>}. Used only for YAML, so a JSON bundle never loads it.
 */
final class YamlErrors {
  /** SnakeYAML's names of tokens, in the words of the YAML specification. */
  private static final Map<String, String> TOKENS =
      Map.ofEntries(
          Map.entry("<stream end>", "the end of the file"),
          Map.entry("<stream start>", "the start of the file"),
          Map.entry("<document start>", "a new document (`---`)"),
          Map.entry("<document end>", "the end of the document (`...`)"),
          Map.entry("<block end>", "the end of an indented block"),
          Map.entry("<block mapping start>", "the start of an indented mapping"),
          Map.entry("<block sequence start>", "the start of an indented sequence"),
          Map.entry("<scalar>", "a value"),
          Map.entry("<alias>", "an alias"),
          Map.entry("<anchor>", "an anchor"),
          Map.entry("<tag>", "a tag"),
          Map.entry("<directive>", "a directive"),
          Map.entry("<comment>", "a comment"));

  private static final Pattern QUOTED_TOKEN = Pattern.compile("'(<[a-z ]+>)'");

  /** The tokens {@code ?} and {@code -} that SnakeYAML names after "but found" or "but got". */
  private static final Pattern KEY_OR_ENTRY = Pattern.compile("\\b(got|found) '?([?-])'?(?=\\s|$)");

  private static final Pattern QUOTED_CHARACTER = Pattern.compile("'([^'`\\s]{1,2})'");
  private static final Pattern BARE_PUNCTUATION =
      Pattern.compile("\\b(got|found) ([:,\\[\\]{}])(?=\\s|$)");

  /** SnakeYAML adds this to every "cannot start any token", whatever the character. */
  private static final Pattern NOT_FOR_INDENTATION =
      Pattern.compile("\\.? ?\\(Do not use .* for indentation\\)$");

  private static final Pattern WHILE = Pattern.compile("while (?:parsing|scanning) an? (.+)");

  private YamlErrors() {}

  /** The position and message of the syntax error {@code e} of Jackson's YAML parser. */
  static JsonReader.SyntaxError describe(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
      Mark at = m.getProblemMark();
      String message = "invalid YAML: " + words(defaultText(m.getProblem()));
      Mark start = m.getContextMark();
      Matcher context = WHILE.matcher(defaultText(m.getContext()).strip());
      if (start != null && start.getIndex() != at.getIndex() && context.matches()) {
        message +=
            " (in the "
                + context.group(1)
                + " that starts at line "
                + (start.getLine() + 1)
                + ", column "
                + (start.getColumn() + 1)
                + ")";
      }
      return new JsonReader.SyntaxError(at.getLine() + 1, at.getColumn() + 1, message);
    }
    JsonLocation loc = e.getLocation();
    return new JsonReader.SyntaxError(
        loc == null ? 0 : loc.getLineNr(),
        loc == null ? 0 : loc.getColumnNr(),
        "invalid YAML: " + jacksonProblem(e.getOriginalMessage()));
  }

  /** A problem that Jackson's YAML parser reports itself, not SnakeYAML's scanner or parser. */
  private static String jacksonProblem(@Nullable String message) {
    String m = firstLine(defaultText(message));
    String lower = m.toLowerCase(Locale.ROOT);
    if (lower.contains("got this instead")) {
      // "Expected a field name (Scalar value in YAML), got this instead: <...SequenceStartEvent()>"
      String found =
          m.contains("SequenceStart")
              ? "a sequence"
              : m.contains("MappingStart") ? "a mapping" : "something else";
      return "a mapping key must be a plain value, found " + found;
    }
    if (lower.contains("base64")) {
      return "a `!!binary` value must be base64 text";
    }
    // anything else: Jackson's sentence without class names or what follows them
    m = m.replaceAll("\\s*<[^>]*\\.[A-Za-z]+[^>]*>", "").replaceAll(", from `[^`]*`", "");
    m = m.strip();
    if (m.endsWith(".") || m.endsWith(":")) {
      m = m.substring(0, m.length() - 1);
    }
    return m.isEmpty() ? "syntax error" : Character.toLowerCase(m.charAt(0)) + m.substring(1);
  }

  /** SnakeYAML's wording of a problem, with its token names and quotes made readable. */
  private static String words(String problem) {
    String p = firstLine(problem).strip();
    if (p.contains("(TAB)")) {
      return "found a tab, which cannot start a token (indent with spaces, not tabs)";
    }
    p = NOT_FOR_INDENTATION.matcher(p).replaceAll("");
    p = p.replace("character '`'", "a backquote");
    p =
        KEY_OR_ENTRY
            .matcher(p)
            .replaceAll(
                r ->
                    r.group(1)
                        + (r.group(2).equals("?") ? " a mapping key" : " a sequence entry (`-`)"));
    p = QUOTED_TOKEN.matcher(p).replaceAll("$1");
    for (Map.Entry<String, String> t : TOKENS.entrySet()) {
      p = p.replace(t.getKey(), t.getValue());
    }
    p = p.replace("end of stream", "end of the file");
    p = QUOTED_CHARACTER.matcher(p).replaceAll("`$1`");
    p = BARE_PUNCTUATION.matcher(p).replaceAll("$1 `$2`");
    if (p.endsWith(".")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.isEmpty() ? "syntax error" : p;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String defaultText(@Nullable String s) {
    return s == null ? "" : s;
  }
}
