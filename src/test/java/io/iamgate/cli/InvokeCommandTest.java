package io.iamgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code invoke}: one line per event, exit 0 only when every event was evaluated (and answered as
 * {@code --expect} says), 1 with a one-line reason on standard error when one could not be, 2 for
 * usage errors; the embedded sample bundle follows the same rule as the Lambda handler.
 */
class InvokeCommandTest {
  private static final String ALLOW = "events/rest-token-allow.json";
  private static final String DENY = "events/rest-token-deny.json";
  private static final String UNAUTHORIZED = "events/rest-token-unauthorized.json";
  private static final String NOTICE =
      "iamgate: no IAMGATE_BUNDLE: running on the embedded SAMPLE bundle\n";

  /** Every event of {@code events/}, as the shell expands {@code events/*.json}. */
  static List<String> events() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("events"))) {
      return s.map(Path::toString).filter(p -> p.endsWith(".json")).sorted().toList();
    }
  }

  /** {@code iamgate invoke ARGS} with no {@code IAMGATE_*} setting. */
  private static CliRun sample(String... args) {
    return invoke(Map.of(), args);
  }

  /** {@code iamgate invoke ARGS} with {@code env} as the environment. */
  private static CliRun invoke(Map<String, String> env, String... args) {
    return CliRun.withEnv(
        env, Stream.concat(Stream.of("invoke"), Stream.of(args)).toArray(String[]::new));
  }

  private static void oneLineNoStackTrace(CliRun r) {
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(r.err().contains("{\"timestamp\""), "a log line without --log: " + r.err());
  }

  @Test
  void eachEventGetsOneLineWithItsNamedOutcome() throws IOException {
    List<String> events = events();
    CliRun r = sample(events.toArray(String[]::new));
    assertEquals(0, r.exit(), r.err());
    assertEquals(NOTICE, r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(events.size(), lines.size(), r.out());
    for (int i = 0; i < events.size(); i++) {
      String name = events.get(i);
      String line = lines.get(i);
      String expected =
          name.endsWith("-allow.json")
              ? "allow ("
              : name.endsWith("-deny.json") || name.startsWith("events/http-")
                  // HTTP APIs have no 401 from a Lambda authorizer: bad credentials are a deny
                  ? "deny ("
                  : "401 Unauthorized (";
      assertTrue(line.startsWith(name + ": " + expected), line);
    }
    assertTrue(
        lines.contains(
            ALLOW
                + ": allow (user/alice may orders:GetOrder on"
                + " arn:app:orders:eu-west-1:123456789012:order/ord-42: allowed by"
                + " identity[OrdersDeveloper]/Statement/0 (Sid ReadOrders))"),
        r.out());
    assertTrue(
        lines.contains(
            DENY
                + ": deny (user/bob may not orders:DeleteOrder on"
                + " arn:app:orders:eu-west-1:123456789012:order/ord-42: no identity policy"
                + " statement allows the request)"),
        r.out());
    assertTrue(
        lines.contains(
            "events/rest-request-unauthorized.json: 401 Unauthorized (no bearer token and no API key)"),
        r.out());
  }

  @Test
  void noCredentialIsEverPrinted() throws IOException {
    List<String> args = new ArrayList<>(List.of("--log"));
    args.addAll(events());
    for (String mode : List.of("--json", "--response", "--log")) {
      args.set(0, mode);
      CliRun r = sample(args.toArray(String[]::new));
      assertEquals(0, r.exit(), r.err());
      String all = r.out() + r.err();
      assertFalse(all.contains("eyJ"), mode + ": a token was printed");
      assertFalse(all.contains("sample-secret"), mode + ": an API key was printed");
    }
  }

  @Test
  void embeddedWithoutTheFlagIsAConfigurationErrorNamingBothVariables() {
    String expected =
        "iamgate: configuration error: IAMGATE_BUNDLE is `embedded:` but"
            + " IAMGATE_ALLOW_SAMPLE_BUNDLE is not true: refusing to run on the embedded SAMPLE"
            + " bundle (set IAMGATE_BUNDLE to your bundle, or IAMGATE_ALLOW_SAMPLE_BUNDLE=true for"
            + " a demo)\n";
    CliRun env = invoke(Map.of("IAMGATE_BUNDLE", "embedded:"), ALLOW);
    assertEquals(1, env.exit());
    assertEquals("", env.out());
    assertEquals(expected, env.err());
    CliRun option = sample("--bundle", "embedded:", ALLOW);
    assertEquals(1, option.exit());
    assertEquals(expected, option.err());
  }

  @Test
  void embeddedWithTheFlagRunsOnTheSample() {
    CliRun r =
        invoke(Map.of("IAMGATE_BUNDLE", "embedded:", "IAMGATE_ALLOW_SAMPLE_BUNDLE", "true"), ALLOW);
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith(ALLOW + ": allow (user/alice"), r.out());
    CliRun option =
        invoke(Map.of("IAMGATE_ALLOW_SAMPLE_BUNDLE", "true"), "--bundle", "embedded:", ALLOW);
    assertEquals(r.out(), option.out());
  }

  @Test
  void aBundleThatDoesNotLoadIsOneLineAndExitOne() {
    CliRun r = sample("--bundle", "file:no/such/bundle.yaml", ALLOW);
    assertEquals(1, r.exit());
    assertEquals("", r.out());
    assertEquals(
        "iamgate: no policy bundle is loaded from file:no/such/bundle.yaml: cannot read"
            + " `no/such/bundle.yaml`: no such file or directory\n",
        r.err());
    oneLineNoStackTrace(r);
  }

  @Test
  void eventsThatCannotBeEvaluatedAreNamedAndTheOthersStillRun(@TempDir Path dir)
      throws IOException {
    Path notJson = dir.resolve("not-json.json");
    Files.writeString(notJson, "{\"type\": \"TOKEN\",", StandardCharsets.UTF_8);
    Path empty = dir.resolve("empty.json");
    Files.writeString(empty, "");
    Path notAnEvent = dir.resolve("array.json");
    Files.writeString(notAnEvent, "[1, 2]");
    CliRun r =
        sample(
            "no/such/event.json",
            dir.toString(),
            notJson.toString(),
            empty.toString(),
            notAnEvent.toString(),
            ALLOW);
    assertEquals(1, r.exit());
    assertEquals(1, r.out().lines().count(), r.out());
    assertTrue(r.out().startsWith(ALLOW + ": allow"), r.out());
    List<String> err = r.err().lines().toList();
    assertEquals(6, err.size(), r.err());
    assertEquals(NOTICE.strip(), err.get(0));
    assertEquals(
        "iamgate: cannot read `no/such/event.json`: no such file or directory", err.get(1));
    assertEquals("iamgate: cannot read `" + dir + "`: it is a directory", err.get(2));
    assertTrue(
        err.get(3)
            .startsWith("iamgate: `" + notJson + "`: unreadable event: the event is not JSON"),
        err.get(3));
    assertTrue(err.get(4).startsWith("iamgate: `" + empty + "`: unreadable event: "), err.get(4));
    assertEquals(
        "iamgate: `" + notAnEvent + "`: unreadable event: the event is not a JSON object",
        err.get(5));
    oneLineNoStackTrace(r);
  }

  @Test
  void aDashReadsTheEventFromStandardInput() throws IOException {
    CliRun r = CliRun.run(Files.readAllBytes(Path.of(DENY)), Map.of(), "invoke", "-");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("<stdin>: deny (user/bob may not orders:DeleteOrder"), r.out());
  }

  @Test
  void expectNamesTheEventsAnsweredOtherwise() {
    CliRun ok = sample("--expect", "deny", DENY, "events/http-v1-forged-token-deny.json");
    assertEquals(0, ok.exit(), ok.err());
    CliRun r = sample("--expect", "allow", ALLOW, DENY, UNAUTHORIZED);
    assertEquals(1, r.exit());
    assertEquals(3, r.out().lines().count(), r.out());
    assertEquals(
        NOTICE
            + "iamgate: "
            + DENY
            + ": expected allow, answered deny\n"
            + "iamgate: "
            + UNAUTHORIZED
            + ": expected allow, answered unauthorized\n",
        r.err());
    assertEquals(0, sample("--expect", "UNAUTHORIZED", UNAUTHORIZED).exit());
  }

  @Test
  void usageErrorsExitTwo() {
    CliRun both = sample("--json", "--response", ALLOW);
    assertEquals(2, both.exit());
    assertTrue(both.err().contains("--json and --response cannot be combined"), both.err());
    CliRun expect = sample("--expect", "maybe", ALLOW);
    assertEquals(2, expect.exit());
    assertTrue(
        expect
            .err()
            .startsWith(
                "iamgate: --expect: expected `allow`, `deny`, `unauthorized`, found `maybe`\n"),
        expect.err());
    assertEquals(2, sample().exit());
    assertEquals(2, sample("--no-such-option", ALLOW).exit());
  }

  @Test
  void responsePrintsWhatTheHandlerReturns() {
    CliRun r = sample("--response", DENY, UNAUTHORIZED);
    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals("== " + DENY, lines.get(0));
    assertTrue(
        lines.get(1).startsWith("{\"principalId\":\"user/bob\",\"policyDocument\":"), lines.get(1));
    assertEquals("== " + UNAUTHORIZED, lines.get(2));
    assertEquals("error: Unauthorized (API Gateway answers 401)", lines.get(3));
  }

  @Test
  void jsonPrintsTheAnswerTheDecisionAndTheResponse() {
    CliRun r = sample("--json", "events/http-v2-simple-deny.json", UNAUTHORIZED);
    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.out().lines().toList();
    assertTrue(
        lines
            .get(0)
            .startsWith(
                "{\"event\":\"events/http-v2-simple-deny.json\",\"answer\":\"deny\","
                    + "\"decision\":\"ImplicitDeny\",\"principal\":\"user/bob\","
                    + "\"action\":\"orders:DeleteOrder\","),
        lines.get(0));
    assertTrue(lines.get(0).contains(",\"response\":{\"isAuthorized\":false,"), lines.get(0));
    assertTrue(lines.get(1).endsWith(",\"response\":null}"), lines.get(1));
    assertTrue(lines.get(1).contains("\"answer\":\"unauthorized\""), lines.get(1));
  }
}
