package io.iamgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit codes and messages: usage errors are 2, bad input is 1, and nothing prints a stack trace.
 */
class CliBehaviourTest {
  private static void noStackTrace(CliRun r) {
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(r.out().contains("\tat "), r.out());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void helpListsTheCommands() {
    CliRun r = CliRun.of("--help");
    assertEquals(0, r.exit());
    assertTrue(
        r.out().contains("validate") && r.out().contains("simulate") && r.out().contains("bench"),
        r.out());
  }

  @Test
  void everyCommandSummaryIsACompleteSentence() {
    // the command list shows each command's first description line: it must not stop mid-sentence
    List<String> lines = CliRun.of("--help").out().lines().toList();
    Map<String, String> summaries = new LinkedHashMap<>();
    String current = null;
    for (String line : lines.subList(lines.indexOf("Commands:") + 1, lines.size())) {
      if (line.isBlank()) {
        break;
      }
      if (line.startsWith("  ") && !line.startsWith("   ")) {
        current = line.strip().split(" ", 2)[0];
        summaries.put(current, line.strip().substring(current.length()).strip());
      } else if (current != null) {
        summaries.merge(current, line.strip(), (a, b) -> a + " " + b);
      }
    }
    assertEquals(
        List.of(
            "validate",
            "analyze",
            "simulate",
            "test",
            "bench",
            "hash-key",
            "invoke",
            "logs",
            "generate-policy",
            "unused"),
        List.copyOf(summaries.keySet()));
    for (Map.Entry<String, String> e : summaries.entrySet()) {
      assertTrue(e.getValue().endsWith("."), e.getKey() + ": " + e.getValue());
      // and the command's own help opens with the same sentence
      List<String> help = CliRun.of(e.getKey(), "--help").out().lines().toList();
      int start = 0;
      while (help.get(start).startsWith("Usage:") || help.get(start).startsWith(" ")) {
        start++;
      }
      StringBuilder first = new StringBuilder();
      for (String line : help.subList(start, help.size())) {
        if (line.isBlank() || line.startsWith(" ")) {
          break;
        }
        first.append(first.length() == 0 ? "" : " ").append(line.strip());
      }
      assertEquals(e.getValue(), first.toString(), e.getKey());
    }
  }

  @Test
  void versionIsTheBuildsProjectVersion() throws Exception {
    Matcher m =
        Pattern.compile("<artifactId>iamgate</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(Files.readString(Path.of("pom.xml")));
    assertTrue(m.find());
    for (String option : List.of("--version", "-V")) {
      CliRun r = CliRun.of(option);
      assertEquals(0, r.exit());
      assertEquals("iamgate " + m.group(1) + "\n", r.out());
    }
    for (String command :
        List.of("validate", "analyze", "simulate", "test", "bench", "hash-key", "invoke")) {
      assertEquals("iamgate " + m.group(1) + "\n", CliRun.of(command, "--version").out(), command);
    }
  }

  @Test
  void versionFallsBackToTheManifestThenSaysItIsUnknown() {
    assertEquals("1.2.3", Main.Version.of(properties("version=1.2.3\n"), "9.9.9"));
    assertEquals("9.9.9", Main.Version.of(null, "9.9.9"));
    // an unfiltered resource (run from the sources, not the build) is no version
    assertEquals("9.9.9", Main.Version.of(properties("version=${project.version}\n"), "9.9.9"));
    assertEquals("9.9.9", Main.Version.of(properties("other=1\n"), "9.9.9"));
    assertEquals("(unknown version)", Main.Version.of(properties("version=\n"), null));
    assertEquals("(unknown version)", Main.Version.of(null, " "));
  }

  private static InputStream properties(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRun r = CliRun.of("validate", "--frobnicate", "x.json");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--frobnicate"), r.err());
    noStackTrace(r);
  }

  @Test
  void usageErrorsAreInOurWordsWithHints() {
    Map<List<String>, String> cases = new LinkedHashMap<>();
    cases.put(
        List.of("validat", "x.json"),
        "iamgate: unknown command `validat` (hint: did you mean `validate`?)\n"
            + "try `iamgate --help`\n");
    cases.put(
        List.of("frob"),
        "iamgate: unknown command `frob` (hint: the commands are validate, analyze, simulate, test,"
            + " bench, hash-key, invoke, logs, generate-policy, unused)\ntry `iamgate --help`\n");
    cases.put(
        List.of("simulate", "--polcy", "p.json"),
        "iamgate: unknown option `--polcy` (hint: did you mean `--policy`?)\n"
            + "try `iamgate simulate --help`\n");
    cases.put(List.of("validate"), "iamgate: validate needs FILE\ntry `iamgate validate --help`\n");
    cases.put(
        List.of("hash-key"), "iamgate: hash-key needs --id ID\ntry `iamgate hash-key --help`\n");
    cases.put(
        List.of("hash-key", "--id"),
        "iamgate: --id needs a value (ID)\ntry `iamgate hash-key --help`\n");
    cases.put(
        List.of("bench", "--seconds", "ten"),
        "iamgate: --seconds: expected a number, found `ten`\ntry `iamgate bench --help`\n");
    cases.put(
        List.of("bench", "--seed", "1.5"),
        "iamgate: --seed: expected a whole number, found `1.5`\ntry `iamgate bench --help`\n");
    cases.put(
        List.of("simulate", "--action", "a:b", "--resource", "r", "extra"),
        "iamgate: unexpected argument `extra`\ntry `iamgate simulate --help`\n");
    cases.forEach(
        (args, expected) -> {
          CliRun r = CliRun.of(args.toArray(String[]::new));
          assertEquals(2, r.exit(), args.toString());
          assertEquals(expected, r.err(), args.toString());
        });
  }

  @Test
  void simulateWithoutActionIsAUsageError() {
    CliRun r = CliRun.of("simulate", "--policy", "src/examples/policies/developer.json");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--action"), r.err());
  }

  @Test
  void batchCannotBeCombinedWithPolicies() {
    CliRun r = CliRun.of("simulate", "--batch", "-", "--policy", "x.json");
    assertEquals(2, r.exit());
  }

  @Test
  void missingFileNamesTheFile() {
    CliRun r = CliRun.of("validate", "no/such/file.json");
    assertEquals(1, r.exit());
    assertTrue(r.out().contains("cannot read `no/such/file.json`: no such file"), r.out());
    noStackTrace(r);
  }

  @Test
  void directoryInsteadOfFile() {
    CliRun r = CliRun.of("validate", "src");
    assertEquals(1, r.exit());
    assertTrue(r.out().contains("`src`"), r.out());
    noStackTrace(r);
  }

  @Test
  void unreadableBatchInputExitsOne() {
    CliRun r = CliRun.of("simulate", "--batch", "no/such/cases.jsonl");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("no such file"), r.err());
  }

  @Test
  void batchReadsStandardInputAndSkipsBlankLines() {
    String line =
        "{\"id\":7,\"policies\":[{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}],\"action\":\"a:b\",\"resource\":\"r\"}";
    CliRun r = CliRun.withInput(line + "\n\nnot json\n" + line + "\n", "simulate", "--batch", "-");
    assertEquals(0, r.exit());
    String[] lines = r.out().split("\n");
    assertEquals(3, lines.length, r.out());
    assertTrue(lines[0].startsWith("{\"id\":7,\"decision\":\"Allow\""), lines[0]);
    assertTrue(lines[1].startsWith("{\"id\":null,\"error\":\"line 3"), lines[1]);
    assertTrue(lines[2].startsWith("{\"id\":7,\"decision\":\"Allow\""), lines[2]);
  }

  @Test
  void malformedJsonSaysWhatWasExpectedWhereInItsOwnWords() {
    CliRun r = CliRun.withInput("{\"Version\": \"2012-10-17\", \"Statement\": [", "validate", "-");
    assertEquals(1, r.exit());
    assertEquals(
        "<stdin>:1:41: error[json-syntax]: /Statement: unexpected end of input: expected `]` to"
            + " close the array opened at 1:40\n"
            + "1 of 1 file invalid\n",
        r.out());
  }

  @Test
  void aMalformedBatchLineCarriesTheSameMessage() {
    CliRun r = CliRun.withInput("{\"id\": 1, \"policies\": [\n", "simulate", "--batch", "-");
    assertEquals(0, r.exit());
    assertEquals(
        "{\"id\":null,\"error\":\"line 1, column 24: /policies: unexpected end of input:"
            + " expected `]` to close the array opened at 1:23\"}\n",
        r.out());
  }

  @Test
  void standardInputIsCalledStdinByEveryCommand() {
    String allowAll =
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}";
    CliRun simulate =
        CliRun.withInput(
            allowAll, "simulate", "--policy", "-", "--action", "a:b", "--resource", "r");
    assertEquals(0, simulate.exit(), simulate.err());
    assertTrue(simulate.out().contains("  identity[<stdin>]/Statement/0\n"), simulate.out());

    CliRun malformed =
        CliRun.withInput("{", "simulate", "--policy", "-", "--action", "a:b", "--resource", "r");
    assertTrue(
        malformed.err().startsWith("<stdin>:1:2: error[json-syntax]: /: unexpected end of input"),
        malformed.err());

    CliRun bundle = CliRun.of("validate", "--bundle", "-");
    assertEquals(
        "iamgate: cannot read <stdin>: --bundle reads files and directories, not standard input\n"
            + "1 of 1 file invalid\n",
        bundle.out());

    CliRun simulateBundle =
        CliRun.of("simulate", "--bundle", "-", "--user", "u", "--action", "a:b", "--resource", "r");
    assertEquals(
        "iamgate: cannot read <stdin>: --bundle reads a file or directory, not standard input\n",
        simulateBundle.err());

    CliRun bench = CliRun.of("bench", "--policies", "-", "--requests", "r.jsonl");
    assertEquals(
        "iamgate: cannot read <stdin>: standard input is not read here; name a file\n",
        bench.err());
    for (CliRun r : List.of(simulate, malformed, bundle, simulateBundle, bench)) {
      assertFalse(r.out().contains("`-`") || r.err().contains("`-`"), r.out() + r.err());
      assertFalse(r.out().contains("[-]") || r.err().contains("[-]"), r.out() + r.err());
    }
  }

  @Test
  void invalidUtf8IsReportedNotThrown(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("latin1.json");
    Files.write(f, new byte[] {'{', '"', (byte) 0xE9, '"', ':', '1', '}'});
    CliRun r = CliRun.of("validate", f.toString());
    assertEquals(1, r.exit());
    assertTrue(
        r.out()
            .startsWith(
                f
                    + ":1:3: error[encoding]: /: not valid UTF-8: unexpected byte 0xE9 (hint:"
                    + " iamgate reads UTF-8 text; convert it from its encoding, such as Latin-1 or"
                    + " Windows-1252)\n"),
        r.out());
  }

  @Test
  void aBundlePolicyFileThatIsNotUtf8NamesTheBadByte(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("policies"));
    Files.writeString(dir.resolve("bundle.yaml"), "format: iamgate-bundle/1\n");
    Files.write(
        dir.resolve("policies/Reader.json"),
        "{\"Version\": \"2012-10-17\",\n \"Id\": \"caf\u00e9\"}"
            .getBytes(StandardCharsets.ISO_8859_1));
    CliRun r = CliRun.of("validate", dir.toString());
    assertEquals(1, r.exit());
    assertTrue(
        r.out()
            .startsWith(
                "iamgate: cannot read `"
                    + dir
                    + "`: "
                    + dir.resolve("policies/Reader.json")
                    + ":2:12: not valid UTF-8: unexpected byte 0xE9\n"),
        r.out());
  }

  @Test
  void aBatchLineThatIsNotUtf8IsAnErrorLineAndTheBatchGoesOn() {
    String ok = "{\"id\":1,\"policies\":[],\"action\":\"a:b\",\"resource\":\"r\"}\r\n";
    byte[] latin1 = "{\"id\":\"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    input.writeBytes(ok.getBytes(StandardCharsets.UTF_8));
    input.writeBytes(latin1);
    input.writeBytes(ok.getBytes(StandardCharsets.UTF_8));
    CliRun r = CliRun.withBytes(input.toByteArray(), "simulate", "--batch", "-");
    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(3, lines.size(), r.out());
    assertTrue(lines.get(0).startsWith("{\"id\":1,\"decision\":\"ImplicitDeny\""), lines.get(0));
    assertEquals(
        "{\"id\":null,\"error\":\"line 2, column 11: not valid UTF-8: unexpected byte 0xE9"
            + " (hint: iamgate reads UTF-8 text; convert it from its encoding, such as Latin-1 or"
            + " Windows-1252)\"}",
        lines.get(1));
    assertEquals(lines.get(0), lines.get(2));
  }

  @Test
  void hashKeyPrintsAKeyThatVerifiesAgainstItsEntry() {
    CliRun r = CliRun.of("hash-key", "--id", "ci-1");
    assertEquals(0, r.exit(), r.err());
    String key =
        r.out()
            .lines()
            .filter(l -> l.startsWith("key:"))
            .findFirst()
            .orElseThrow()
            .substring(5)
            .strip();
    String entry = r.out().lines().filter(l -> l.startsWith("entry:")).findFirst().orElseThrow();
    String hash = entry.replaceAll(".*\"hash\": \"([^\"]+)\".*", "$1");
    assertTrue(key.startsWith("ci-1."), key);
    assertTrue(io.iamgate.bundle.ApiKeys.verify(key, hash));
    assertEquals(2, CliRun.of("hash-key", "--id", "bad id").exit());
  }

  @Test
  void anUnknownUserOrRoleSuggestsTheClosestOrListsTheNames() {
    String[] request = {"--action", "orders:GetOrder", "--resource", "arn:app:orders:::order/1"};
    Map<List<String>, String> cases = new LinkedHashMap<>();
    cases.put(List.of("--user", "alcie"), "user `alcie` (hint: did you mean `alice`?)");
    cases.put(List.of("--role", "auditor"), "role `auditor` (hint: did you mean `Auditor`?)");
    cases.put(
        List.of("--user", "Auditor"),
        "user `Auditor` (hint: `Auditor` is a role: ask with --role Auditor)");
    cases.put(
        List.of("--user", "mallory"), "user `mallory` (hint: its users are `alice` and `carol`)");
    cases.put(List.of("--role", "Admin"), "role `Admin` (hint: its one role is `Auditor`)");
    cases.forEach(
        (who, message) -> {
          List<String> args =
              new ArrayList<>(List.of("simulate", "--bundle", "src/examples/bundle"));
          args.addAll(who);
          args.addAll(List.of(request));
          CliRun r = CliRun.of(args.toArray(String[]::new));
          assertEquals(1, r.exit(), r.err());
          assertEquals("iamgate: the bundle has no " + message + "\n", r.err());
        });
  }

  private static String[] concat(String a, String b, String c, String d, String e, String[] rest) {
    List<String> all = new ArrayList<>(List.of(a, b, c, d, e));
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }

  @Test
  void aLongListOfNamesIsCutAndAnEmptyOneSaysSo(@TempDir Path dir) throws Exception {
    Path bundle = dir.resolve("bundle.json");
    Files.writeString(
        bundle,
        "{\"format\":\"iamgate-bundle/1\",\"users\":{\"u1\":{},\"u2\":{},\"u3\":{},\"u4\":{},"
            + "\"u5\":{},\"u6\":{},\"u7\":{}}}");
    String b = bundle.toString();
    String[] request = {"--action", "orders:GetOrder", "--resource", "r"};
    CliRun user = CliRun.of(concat("simulate", "--bundle", b, "--user", "zed", request));
    assertEquals(
        "iamgate: the bundle has no user `zed` (hint: its users are `u1`, `u2`, `u3`, `u4`, `u5`"
            + " and 2 more)\n",
        user.err());
    CliRun role = CliRun.of(concat("simulate", "--bundle", b, "--role", "zed", request));
    assertEquals("iamgate: the bundle has no role `zed` (hint: it has no roles)\n", role.err());
  }

  @Test
  void contextKeysDifferingOnlyInCaseAreRejected() {
    CliRun r =
        CliRun.of(
            "simulate",
            "--policy",
            "src/examples/policies/developer.json",
            "--action",
            "orders:GetOrder",
            "--resource",
            "x",
            "--context",
            "a:b=1",
            "--context",
            "A:B=2");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("differ only in letter case"), r.err());
  }
}
