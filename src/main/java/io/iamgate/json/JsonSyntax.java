package io.iamgate.json;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Says why a text is not JSON: finds the first syntax error and describes it in iamgate's words
 * (what was expected, what was found, where the unclosed object or string began). {@link
 * JsonReader} asks only after Jackson has rejected a text, so Jackson stays the one judge of what
 * is valid; this recogniser follows the same grammar (RFC 8259: no comments, no trailing commas, no
 * {@code NaN}, no leading zeros, one top-level value, a nesting limit) and counts lines and columns
 * as Jackson does, but builds nothing.
 *
 * <p>Why this file is over 400 lines: it is one recursive-descent recogniser of one grammar
 * (values, objects, arrays, strings with their escapes, numbers) with the message for each way each
 * rule can fail; cut in two, a rule's error wording would sit away from the rule.
 */
final class JsonSyntax {
  /**
   * One syntax error.
   *
   * @param path the JSON Pointer of the innermost value being read
   * @param line 1-based, the line offset applied
   * @param column 1-based
   * @param message lower case, no trailing period
   * @param hint a suggestion, or {@code null}
   */
  record Problem(String path, int line, int column, String message, @Nullable String hint) {}

  /** What the recogniser expects next. */
  private enum State {
    /** The top-level value. */
    ROOT_VALUE,
    /** After {@code [}: an item or {@code ]}. */
    FIRST_ITEM,
    /** After {@code ,} in an array: an item. */
    NEXT_ITEM,
    /** After <code>{</code>: a member name or <code>}</code>. */
    FIRST_MEMBER,
    /** After {@code ,} in an object: a member name. */
    NEXT_MEMBER,
    /** After a member name: {@code :}. */
    COLON,
    /** After {@code :}: the member's value. */
    MEMBER_VALUE,
    /** After a value: {@code ,}, the closing bracket, or the end of the input. */
    AFTER_VALUE
  }

  /** An object or array that is open. */
  private static final class Open {
    final boolean object;
    final int offset;
    final String path;
    String member = "";
    int items;

    Open(boolean object, int offset, String path) {
      this.object = object;
      this.offset = offset;
      this.path = path;
    }
  }

  private static final String TRAILING_COMMA = "trailing commas are not allowed in JSON";
  private static final String ESCAPES =
      "JSON has the escapes `\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` and `\\uXXXX`";

  private final String text;
  private final int lineOffset;
  private final int maxDepth;
  private final Deque<Open> open = new ArrayDeque<>();
  private int pos;

  private JsonSyntax(String text, int lineOffset, int maxDepth) {
    this.text = text;
    this.lineOffset = lineOffset;
    this.maxDepth = maxDepth;
  }

  /**
   * The first syntax error of {@code text}, or {@code null} when it is well-formed JSON.
   *
   * @param lineOffset added to every line number
   * @param maxDepth how deep objects and arrays may nest
   */
  static @Nullable Problem firstProblem(String text, int lineOffset, int maxDepth) {
    return new JsonSyntax(text, lineOffset, maxDepth).run();
  }

  private @Nullable Problem run() {
    State state = State.ROOT_VALUE;
    while (true) {
      Problem p = skipSpace();
      if (p != null) {
        return p;
      }
      if (pos >= text.length()) {
        return endOfInput(state);
      }
      char c = text.charAt(pos);
      switch (state) {
        case ROOT_VALUE, FIRST_ITEM, NEXT_ITEM, MEMBER_VALUE -> {
          if (c == ']' && state == State.FIRST_ITEM) {
            open.pop();
            pos++;
            state = State.AFTER_VALUE;
            continue;
          }
          int depth = open.size();
          Problem v = value(state);
          if (v != null) {
            return v;
          }
          state = open.size() > depth ? opened() : State.AFTER_VALUE;
        }
        case FIRST_MEMBER, NEXT_MEMBER -> {
          Open o = top();
          if (c == '}' && state == State.FIRST_MEMBER) {
            open.pop();
            pos++;
            state = State.AFTER_VALUE;
            continue;
          }
          if (c != '"') {
            if (c == '}') {
              return problem(
                  o.path, pos, "expected a member name after `,`, found `}`", TRAILING_COMMA);
            }
            return problem(
                o.path,
                pos,
                "expected a member name in double quotes, found " + found(pos),
                quoteHint(pos, "member names"));
          }
          int start = pos;
          Problem s = string(o.path);
          if (s != null) {
            return s;
          }
          o.member = text.substring(start + 1, pos - 1);
          state = State.COLON;
        }
        case COLON -> {
          Open o = top();
          if (c != ':') {
            return problem(
                JsonPointer.child(o.path, o.member),
                pos,
                "expected `:` after member name `" + o.member + "`, found " + found(pos),
                null);
          }
          pos++;
          state = State.MEMBER_VALUE;
        }
        case AFTER_VALUE -> {
          if (open.isEmpty()) {
            return problem(
                "",
                pos,
                "expected the end of the input after the top-level value, found " + found(pos),
                c == '}' || c == ']' ? "this `" + c + "` closes nothing" : null);
          }
          Open o = top();
          char close = o.object ? '}' : ']';
          if (c == close) {
            open.pop();
            pos++;
            continue;
          }
          if (c == ',') {
            pos++;
            if (o.object) {
              state = State.NEXT_MEMBER;
            } else {
              o.items++;
              state = State.NEXT_ITEM;
            }
            continue;
          }
          String what = o.object ? "object" : "array";
          if (c == '}' || c == ']') {
            return problem(
                o.path,
                pos,
                "expected `"
                    + close
                    + "` to close the "
                    + what
                    + " opened at "
                    + at(o.offset)
                    + ", found `"
                    + c
                    + "`",
                null);
          }
          String after =
              o.object
                  ? "after the value of member `" + o.member + "`"
                  : "after an item of the array opened at " + at(o.offset);
          return problem(
              o.path,
              pos,
              "expected `,` or `" + close + "` " + after + ", found " + found(pos),
              startsValue(c)
                  ? (o.object ? "members" : "items") + " are separated by commas"
                  : null);
        }
      }
    }
  }

  /** The state after a value that opened an object or array. */
  private State opened() {
    return top().object ? State.FIRST_MEMBER : State.FIRST_ITEM;
  }

  private Open top() {
    Open o = open.peek();
    if (o == null) {
      throw new IllegalStateException("no object or array is open");
    }
    return o;
  }

  /** The pointer of the value read in {@code state}. */
  private String slot(State state) {
    Open o = open.peek();
    if (o == null) {
      return "";
    }
    return state == State.MEMBER_VALUE
        ? JsonPointer.child(o.path, o.member)
        : JsonPointer.child(o.path, o.items);
  }

  /** Reads one value starting at {@code pos}; on success {@code pos} is just past it. */
  private @Nullable Problem value(State state) {
    String path = slot(state);
    char c = text.charAt(pos);
    if (c == '{' || c == '[') {
      if (open.size() >= maxDepth) {
        return problem(
            path, pos, "objects and arrays nest more than " + maxDepth + " levels deep", null);
      }
      open.push(new Open(c == '{', pos, path));
      pos++;
      return null;
    }
    if (c == '"') {
      return string(path);
    }
    if (c == '-' || c >= '0' && c <= '9') {
      return number(path);
    }
    if (Character.isJavaIdentifierStart(c)) {
      int end = wordEnd(pos);
      String word = text.substring(pos, end);
      if (word.equals("true") || word.equals("false") || word.equals("null")) {
        pos = end;
        return null;
      }
    }
    Open o = open.peek();
    if (state == State.NEXT_ITEM && c == ']') {
      return problem(
          o == null ? "" : o.path, pos, "expected a value after `,`, found `]`", TRAILING_COMMA);
    }
    String expected =
        state == State.MEMBER_VALUE && o != null
            ? "expected a value for member `" + o.member + "`"
            : "expected a JSON value";
    return problem(path, pos, expected + ", found " + found(pos), valueHint(pos, state));
  }

  /** Reads a string starting at the {@code "} at {@code pos}. */
  private @Nullable Problem string(String path) {
    int start = pos;
    int i = pos + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"') {
        pos = i + 1;
        return null;
      }
      if (c == '\\') {
        if (i + 1 >= text.length()) {
          break;
        }
        char e = text.charAt(i + 1);
        if (e == 'u') {
          int hex = 0;
          while (hex < 4 && i + 2 + hex < text.length() && isHex(text.charAt(i + 2 + hex))) {
            hex++;
          }
          if (hex < 4) {
            if (i + 2 + hex >= text.length()) {
              break;
            }
            return problem(
                path,
                i,
                "invalid escape `" + text.substring(i, i + 2 + hex + 1) + "` in a string",
                "`\\u` is followed by four hexadecimal digits, as in `\\u00e9`");
          }
          i += 6;
          continue;
        }
        if ("\"\\/bfnrt".indexOf(e) < 0) {
          return problem(
              path,
              i,
              "invalid escape `\\"
                  + new String(Character.toChars(text.codePointAt(i + 1)))
                  + "` in a string",
              ESCAPES);
        }
        i += 2;
        continue;
      }
      if (c == '\n' || c == '\r') {
        return problem(
            path,
            i,
            "the string that starts at " + at(start) + " does not end on its line",
            "close it with `\"`; a line break inside a string is written `\\n`");
      }
      if (c < 0x20) {
        String escape = c == '\t' ? "\\t" : String.format(Locale.ROOT, "\\u%04x", (int) c);
        return problem(
            path,
            i,
            (c == '\t' ? "unescaped tab" : "unescaped control character " + codePoint(c))
                + " in a string",
            "write it as `" + escape + "`");
      }
      i++;
    }
    pos = text.length();
    return problem(
        path,
        text.length(),
        "unexpected end of input: the string that starts at " + at(start) + " has no closing `\"`",
        null);
  }

  /** Reads a number starting at {@code pos} (a {@code -} or a digit). */
  private @Nullable Problem number(String path) {
    int start = pos;
    int i = pos;
    if (text.charAt(i) == '-') {
      i++;
      if (i >= text.length() || !isDigit(text.charAt(i))) {
        int end = wordEnd(i);
        if (text.startsWith("Infinity", i)) {
          return problem(
              path,
              start,
              "expected a JSON value, found `" + text.substring(start, end) + "`",
              "JSON has no NaN or Infinity");
        }
        return invalidNumber(path, start, "a digit must follow `-`");
      }
    }
    if (text.charAt(i) == '0' && i + 1 < text.length() && isDigit(text.charAt(i + 1))) {
      return invalidNumber(path, start, "leading zeros are not allowed");
    }
    while (i < text.length() && isDigit(text.charAt(i))) {
      i++;
    }
    if (i < text.length() && text.charAt(i) == '.') {
      i++;
      if (i >= text.length() || !isDigit(text.charAt(i))) {
        return invalidNumber(path, start, "a digit must follow the decimal point");
      }
      while (i < text.length() && isDigit(text.charAt(i))) {
        i++;
      }
    }
    if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
        i++;
      }
      if (i >= text.length() || !isDigit(text.charAt(i))) {
        return invalidNumber(path, start, "the exponent needs a digit");
      }
      while (i < text.length() && isDigit(text.charAt(i))) {
        i++;
      }
    }
    if (i < text.length() && isWordChar(text.charAt(i))) {
      return invalidNumber(path, start, null);
    }
    pos = i;
    return null;
  }

  private Problem invalidNumber(String path, int start, @Nullable String why) {
    return problem(
        path,
        start,
        "invalid number `"
            + shorten(text.substring(start, wordEnd(start)))
            + "`"
            + (why == null ? "" : ": " + why),
        null);
  }

  /** Skips white space; a comment or a stray control character is a problem. */
  private @Nullable Problem skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else if (c == '/'
          && pos + 1 < text.length()
          && (text.charAt(pos + 1) == '/' || text.charAt(pos + 1) == '*')) {
        return problem(currentPath(), pos, "comments are not allowed in JSON", null);
      } else if (c < 0x20) {
        return problem(
            currentPath(),
            pos,
            "unexpected control character " + codePoint(c),
            "only spaces, tabs and line breaks may separate JSON values");
      } else {
        return null;
      }
    }
    return null;
  }

  private String currentPath() {
    Open o = open.peek();
    return o == null ? "" : o.path;
  }

  /** The end of the input in {@code state}: fine after the top-level value, a problem elsewhere. */
  private @Nullable Problem endOfInput(State state) {
    Open o = open.peek();
    if (o == null) {
      return state == State.AFTER_VALUE
          ? null
          : problem("", pos, "expected a JSON value, found an empty input", null);
    }
    return problem(
        o.path,
        text.length(),
        "unexpected end of input: expected `"
            + (o.object ? '}' : ']')
            + "` to close the "
            + (o.object ? "object" : "array")
            + " opened at "
            + at(o.offset),
        null);
  }

  /** What is at {@code i}, for "found ..." in a message. */
  private String found(int i) {
    if (i >= text.length()) {
      return "the end of the input";
    }
    int cp = text.codePointAt(i);
    if (cp == '"') {
      int end = text.indexOf('"', i + 1);
      int eol = lineEnd(i);
      if (end > i && end < eol && end - i <= 40) {
        return "`" + text.substring(i, end + 1) + "`";
      }
      return "`\"`";
    }
    if (isWordChar((char) cp) && cp < 0x80 || Character.isLetterOrDigit(cp)) {
      return "`" + shorten(text.substring(i, wordEnd(i))) + "`";
    }
    if (cp == 0xFEFF) {
      return "a byte order mark (U+FEFF)";
    }
    if (cp == '`') {
      return "a backquote";
    }
    if (Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
      return "the character " + codePoint(cp);
    }
    return "`" + new String(Character.toChars(cp)) + "`";
  }

  /**
   * A hint for a text that is not a value where one is expected. A bare word is a string without
   * quotes inside a document; at the top level the text is more likely not JSON at all.
   */
  private @Nullable String valueHint(int i, State state) {
    if (i >= text.length()) {
      return null;
    }
    char c = text.charAt(i);
    if (c == 0xFEFF && i == 0) {
      return "save the file as UTF-8 without a byte order mark";
    }
    if (c == '\'') {
      return "JSON strings are written in double quotes";
    }
    if (c == '+') {
      return "JSON numbers have no `+` sign";
    }
    if (c == '.') {
      return "a number starts with a digit, as in `0.5`";
    }
    if (!Character.isJavaIdentifierStart(c)) {
      return null;
    }
    String word = text.substring(i, wordEnd(i));
    for (String literal : new String[] {"true", "false", "null"}) {
      if (word.equalsIgnoreCase(literal)
          || word.length() >= 2 && literal.startsWith(word.toLowerCase(Locale.ROOT))) {
        return "did you mean `" + literal + "`?";
      }
    }
    if (word.equals("NaN") || word.equals("Infinity")) {
      return "JSON has no NaN or Infinity";
    }
    return state == State.ROOT_VALUE ? null : quoteHint(i, "strings");
  }

  /** "strings are written in double quotes: `"word"`" for a bare word at {@code i}. */
  private @Nullable String quoteHint(int i, String what) {
    if (i >= text.length()) {
      return null;
    }
    char c = text.charAt(i);
    if (c == '\'') {
      return "JSON strings are written in double quotes";
    }
    if (!Character.isJavaIdentifierStart(c)) {
      return null;
    }
    return what
        + " are written in double quotes: `\""
        + shorten(text.substring(i, wordEnd(i)))
        + "\"`";
  }

  private static boolean startsValue(char c) {
    return c == '"' || c == '{' || c == '[' || c == '-' || isDigit(c) || Character.isLetter(c);
  }

  /** The end of the run of name-like characters starting at {@code i}. */
  private int wordEnd(int i) {
    int j = i;
    while (j < text.length() && isWordChar(text.charAt(j))) {
      j++;
    }
    return Math.max(j, Math.min(i + 1, text.length()));
  }

  private static boolean isWordChar(char c) {
    return Character.isJavaIdentifierPart(c) && !Character.isIdentifierIgnorable(c)
        || c == '-'
        || c == '+'
        || c == '.';
  }

  private int lineEnd(int i) {
    int j = i;
    while (j < text.length() && text.charAt(j) != '\n' && text.charAt(j) != '\r') {
      j++;
    }
    return j;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(char c) {
    return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  private static String shorten(String s) {
    return s.length() <= 32 ? s : s.substring(0, 29) + "...";
  }

  private static String codePoint(int cp) {
    return String.format(Locale.ROOT, "U+%04X", cp);
  }

  private Problem problem(String path, int offset, String message, @Nullable String hint) {
    int[] lc = lineColumn(offset);
    return new Problem(path, lc[0], lc[1], message, hint);
  }

  /** {@code line:column} of an offset, for messages. */
  private String at(int offset) {
    int[] lc = lineColumn(offset);
    return lc[0] + ":" + lc[1];
  }

  /**
   * The 1-based line (with the offset applied) and column of a character, counting line breaks as
   * Jackson does: {@code \n}, {@code \r\n} and a lone {@code \r} each end a line.
   */
  private int[] lineColumn(int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset && i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
        line++;
        lineStart = i + 1;
      }
    }
    return new int[] {line + lineOffset, offset - lineStart + 1};
  }
}
