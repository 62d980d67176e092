package io.iamgate.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Syntax errors name the position, the JSON Pointer and what was expected, in iamgate's words:
 * never Jackson's wording, class names or its redacted source descriptions.
 */
class JsonReaderTest {
  private static Diagnostic onlyError(String text) {
    ParseResult<Json> r = JsonReader.read(text, "p.json", 0);
    assertFalse(r.ok(), text);
    assertEquals(1, r.errors().size(), r.errors().toString());
    return r.errors().get(0);
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of(
            "", "p.json:1:1: error[json-syntax]: /: expected a JSON value, found an empty input"),
        Arguments.of(
            "{",
            "p.json:1:2: error[json-syntax]: /: unexpected end of input: expected `}` to close the"
                + " object opened at 1:1"),
        Arguments.of(
            "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\"\n",
            "p.json:5:1: error[json-syntax]: /Statement/0: unexpected end of input: expected `}` to"
                + " close the object opened at 4:5"),
        Arguments.of(
            "{\"Version\": \"2012-10-17\", \"Statement\": [",
            "p.json:1:41: error[json-syntax]: /Statement: unexpected end of input: expected `]` to"
                + " close the array opened at 1:40"),
        Arguments.of(
            "{\"Version\": \"2012-10-17\", \"Statement\": [],}",
            "p.json:1:43: error[json-syntax]: /: expected a member name after `,`, found `}` (hint:"
                + " trailing commas are not allowed in JSON)"),
        Arguments.of(
            "{\"Statement\": [{\"Action\": [\"a:b\",], \"Effect\": \"Allow\"}]}",
            "p.json:1:34: error[json-syntax]: /Statement/0/Action: expected a value after `,`, found"
                + " `]` (hint: trailing commas are not allowed in JSON)"),
        Arguments.of(
            "hello", "p.json:1:1: error[json-syntax]: /: expected a JSON value, found `hello`"),
        Arguments.of(
            "{\"Effect\": Allow}",
            "p.json:1:12: error[json-syntax]: /Effect: expected a value for member `Effect`, found"
                + " `Allow` (hint: strings are written in double quotes: `\"Allow\"`)"),
        Arguments.of(
            "{\"a\": True}",
            "p.json:1:7: error[json-syntax]: /a: expected a value for member `a`, found `True`"
                + " (hint: did you mean `true`?)"),
        Arguments.of(
            "{\"a\": NaN}",
            "p.json:1:7: error[json-syntax]: /a: expected a value for member `a`, found `NaN` (hint:"
                + " JSON has no NaN or Infinity)"),
        Arguments.of("12abc", "p.json:1:1: error[json-syntax]: /: invalid number `12abc`"),
        Arguments.of(
            "{\"n\": [1, 2x]}", "p.json:1:11: error[json-syntax]: /n/1: invalid number `2x`"),
        Arguments.of(
            "{\"n\": 01}",
            "p.json:1:7: error[json-syntax]: /n: invalid number `01`: leading zeros are not allowed"),
        Arguments.of(
            "{\"n\": 1.}",
            "p.json:1:7: error[json-syntax]: /n: invalid number `1.`: a digit must follow the decimal"
                + " point"),
        Arguments.of(
            "{\"n\": -}",
            "p.json:1:7: error[json-syntax]: /n: invalid number `-`: a digit must follow `-`"),
        Arguments.of(
            "{\"n\": 1e+}",
            "p.json:1:7: error[json-syntax]: /n: invalid number `1e+`: the exponent needs a digit"),
        Arguments.of(
            "{\"n\": +1}",
            "p.json:1:7: error[json-syntax]: /n: expected a value for member `n`, found `+1` (hint:"
                + " JSON numbers have no `+` sign)"),
        Arguments.of(
            "{\"Sid\": \"abc",
            "p.json:1:13: error[json-syntax]: /Sid: unexpected end of input: the string that starts"
                + " at 1:9 has no closing `\"`"),
        Arguments.of(
            "{\"Sid\": \"abc\n}",
            "p.json:1:13: error[json-syntax]: /Sid: the string that starts at 1:9 does not end on its"
                + " line (hint: close it with `\"`; a line break inside a string is written `\\n`)"),
        Arguments.of(
            "{\"Sid\": \"a\u0001b\"}",
            "p.json:1:11: error[json-syntax]: /Sid: unescaped control character U+0001 in a string"
                + " (hint: write it as `\\u0001`)"),
        Arguments.of(
            "{\"Sid\": \"a\tb\"}",
            "p.json:1:11: error[json-syntax]: /Sid: unescaped tab in a string (hint: write it as"
                + " `\\t`)"),
        Arguments.of(
            "{\"Sid\": \"a\\qb\"}",
            "p.json:1:11: error[json-syntax]: /Sid: invalid escape `\\q` in a string (hint: JSON has"
                + " the escapes `\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` and"
                + " `\\uXXXX`)"),
        Arguments.of(
            "{\"Sid\": \"\\u12g4\"}",
            "p.json:1:10: error[json-syntax]: /Sid: invalid escape `\\u12g` in a string (hint: `\\u`"
                + " is followed by four hexadecimal digits, as in `\\u00e9`)"),
        Arguments.of(
            "{\"Version\": \"2012-10-17\"\n \"Statement\": []}",
            "p.json:2:2: error[json-syntax]: /: expected `,` or `}` after the value of member"
                + " `Version`, found `\"Statement\"` (hint: members are separated by commas)"),
        Arguments.of(
            "[1 2]",
            "p.json:1:4: error[json-syntax]: /: expected `,` or `]` after an item of the array opened"
                + " at 1:1, found `2` (hint: items are separated by commas)"),
        Arguments.of(
            "{\"a\": 1]",
            "p.json:1:8: error[json-syntax]: /: expected `}` to close the object opened at 1:1, found"
                + " `]`"),
        Arguments.of(
            "{\"a\" 1}",
            "p.json:1:6: error[json-syntax]: /a: expected `:` after member name `a`, found `1`"),
        Arguments.of(
            "{Statement: []}",
            "p.json:1:2: error[json-syntax]: /: expected a member name in double quotes, found"
                + " `Statement` (hint: member names are written in double quotes: `\"Statement\"`)"),
        Arguments.of(
            "{'a': 1}",
            "p.json:1:2: error[json-syntax]: /: expected a member name in double quotes, found `'`"
                + " (hint: JSON strings are written in double quotes)"),
        Arguments.of(
            "{\"a\": 1} extra",
            "p.json:1:10: error[json-syntax]: /: expected the end of the input after the top-level"
                + " value, found `extra`"),
        Arguments.of(
            "{\"a\": 1}}",
            "p.json:1:9: error[json-syntax]: /: expected the end of the input after the top-level"
                + " value, found `}` (hint: this `}` closes nothing)"),
        Arguments.of(
            "{} {}",
            "p.json:1:4: error[json-syntax]: /: expected the end of the input after the top-level"
                + " value, found `{`"),
        Arguments.of(
            "{\"a\": [1 /* one */]}",
            "p.json:1:10: error[json-syntax]: /a: comments are not allowed in JSON"),
        Arguments.of(
            "{\"a\": 1}\u0000",
            "p.json:1:9: error[json-syntax]: /: unexpected control character U+0000 (hint: only"
                + " spaces, tabs and line breaks may separate JSON values)"),
        Arguments.of(
            "\uFEFF{}",
            "p.json:1:1: error[json-syntax]: /: expected a JSON value, found a byte order mark"
                + " (U+FEFF) (hint: save the file as UTF-8 without a byte order mark)"),
        Arguments.of(
            "[".repeat(65) + "]".repeat(65),
            "p.json:1:65: error[json-syntax]: /"
                + "0/".repeat(63)
                + "0: objects and arrays nest more than 64 levels deep"));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void syntaxErrorsSayWhatWasExpectedWhere(String text, String expected) {
    assertEquals(expected, onlyError(text).format());
  }

  @Test
  void lineOffsetMovesEveryPositionIncludingThoseInTheMessage() {
    ParseResult<Json> r = JsonReader.read("{\"a\": [1, 2", null, 6);
    assertEquals(
        "<input>:7:12: error[json-syntax]: /a: unexpected end of input: expected `]` to close the"
            + " array opened at 7:7",
        r.errors().get(0).format());
  }

  @Test
  void lineBreaksAreCountedAsJacksonCountsThem() {
    // \r\n is one line break, a lone \r is one too; columns count characters
    assertEquals(
        "p.json:3:3: error[json-syntax]: /: expected a member name in double quotes, found `x`"
            + " (hint: member names are written in double quotes: `\"x\"`)",
        onlyError("{\r\n\"a\": 1,\r  x}").format());
  }

  @Test
  void duplicateMembersBeforeASyntaxErrorAreStillReported() {
    ParseResult<Json> r = JsonReader.read("{\"a\": 1, \"a\": 2, ", "p.json", 0);
    assertEquals(
        List.of("duplicate-member", "json-syntax"),
        r.errors().stream().map(Diagnostic::code).toList());
  }

  @Test
  void textThatIsNotUtf8NamesTheFirstBadByte() {
    byte[] latin1 = "{\n  \"Sid\": \"caf\u00e9\"\n}".getBytes(StandardCharsets.ISO_8859_1);
    ParseResult<String> r = JsonReader.decode(latin1, "p.json", 0);
    assertNull(r.value());
    assertEquals(
        "p.json:2:14: error[encoding]: /: not valid UTF-8: unexpected byte 0xE9 (hint: iamgate"
            + " reads UTF-8 text; convert it from its encoding, such as Latin-1 or Windows-1252)",
        r.errors().get(0).format());
    // a sequence cut off by the end of the text, on line 4 of a larger text
    byte[] cut = {'"', 'a', (byte) 0xE2, (byte) 0x82};
    Diagnostic d = JsonReader.decode(cut, null, 3).errors().get(0);
    assertEquals(4, d.line());
    assertEquals(3, d.column());
    assertEquals("not valid UTF-8: unexpected bytes 0xE2 0x82", d.message());
    assertEquals(
        "h\u00e9 \u2603",
        JsonReader.decode("h\u00e9 \u2603".getBytes(StandardCharsets.UTF_8), null, 0).value());
  }

  @Test
  void yamlErrorsNameTheProblemAndWhereTheConstructBegan() {
    YAMLFactory yaml = new YAMLFactory();
    assertEquals(
        "b.yaml:3:1: error[yaml-syntax]: /: expected `,` or `]`, found the end of the input (in"
            + " the `[...]` list that starts at 2:19)",
        JsonReader.read(yaml, "users:\n  alice: {groups: [a\n", "b.yaml", 0)
            .errors()
            .get(0)
            .format());
    assertEquals(
        "b.yaml:2:1: error[yaml-syntax]: /: unexpected tab (hint: YAML does not allow tabs for"
            + " indentation)",
        JsonReader.read(yaml, "users:\n\t- a\n", "b.yaml", 0).errors().get(0).format());
    assertEquals(
        "b.yaml:2:1: error[yaml-syntax]: /: unexpected end of input (in the quoted string that"
            + " starts at 1:8)",
        JsonReader.read(yaml, "users: \"abc\n", "b.yaml", 0).errors().get(0).format());
    assertEquals(
        "b.yaml:4:4: error[yaml-syntax]: /: expected the end of the indented block, found a"
            + " mapping (in the mapping that starts at 2:3) (hint: check the indentation)",
        JsonReader.read(yaml, "users:\n  alice:\n    groups: [a]\n   bad: 1\n", "b.yaml", 0)
            .errors()
            .get(0)
            .format());
  }

  /** Words and fragments of Jackson's and SnakeYAML's messages that must never reach a user. */
  private static final List<String> INTERNALS =
      List.of(
          "REDACTED",
          "StreamReadFeature",
          "JsonReadFeature",
          "marker",
          "end-of-input",
          "code ",
          "CTRL-CHAR",
          "was expecting",
          "Unexpected",
          "Unrecognized",
          "Exception",
          "com.fasterxml",
          "reader'",
          "<stream",
          "<block",
          "while parsing",
          "while scanning");

  /**
   * Jackson stays the judge of what is JSON and {@link JsonSyntax} only explains: over thousands of
   * mutations of real documents they agree on every text, and every message is in iamgate's words.
   */
  @Test
  void theExplanationAgreesWithJacksonOnMutatedDocuments() throws IOException {
    List<String> seeds = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("src/examples/policies"))) {
      for (Path p : files.sorted().toList()) {
        seeds.add(Files.readString(p));
      }
    }
    seeds.add(
        Files.readString(Path.of("src/examples/cases.jsonl")).lines().findFirst().orElseThrow());
    String alphabet = "{}[]:,\"\\ \n\t/*-+.0123456789eEtrufalsnIN\u0001\u00e9x'";
    Random random = new Random(42);
    int rejected = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder s = new StringBuilder(seeds.get(i % seeds.size()));
      for (int edits = 1 + random.nextInt(3); edits > 0 && s.length() > 0; edits--) {
        int at = random.nextInt(s.length());
        switch (random.nextInt(4)) {
          case 0 -> s.deleteCharAt(at);
          case 1 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          case 2 -> s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
          default -> s.setLength(at);
        }
      }
      String text = s.toString();
      ParseResult<Json> r = JsonReader.read(text, "m.json", 0);
      JsonSyntax.Problem p = JsonSyntax.firstProblem(text, 0, 64);
      boolean syntaxError = r.errors().stream().anyMatch(d -> d.code().equals("json-syntax"));
      if (!syntaxError) {
        assertNull(p, () -> "Jackson accepts what JsonSyntax rejects: " + text);
        continue;
      }
      rejected++;
      assertNotNull(p, () -> "Jackson rejects what JsonSyntax accepts: " + text);
      for (Diagnostic d : r.errors()) {
        for (String internal : INTERNALS) {
          assertFalse(d.format().contains(internal), () -> d.format() + "\n  for: " + text);
        }
        assertTrue(d.line() >= 1 && d.column() >= 1, d::format);
      }
    }
    assertTrue(rejected > 10_000, "too few mutations were malformed: " + rejected);
  }
}
