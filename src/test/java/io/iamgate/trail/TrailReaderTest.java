package io.iamgate.trail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Every input form {@link TrailReader} accepts, what it skips, and what it warns about. */
class TrailReaderTest {
  static final Path FIXTURE = Path.of("src/test/resources/trail/invoke-events.log");

  /** A decision line of the agreed schema. */
  static String line(String time, String outcome, String principal, String action, String id) {
    return "{\"timestamp\":\""
        + time
        + "\",\"level\":\"INFO\",\"message\":\"m\",\"logger\":\"iamgate.decision\","
        + "\"service\":\"iamgate\",\"cold_start\":false,\"decision\":{\"eventVersion\":\"1.0\","
        + "\"eventTime\":\""
        + time
        + "\",\"eventId\":\"e-"
        + id
        + "\",\"eventType\":\"HTTP_V2\",\"outcome\":\""
        + outcome
        + "\",\"userIdentity\":{\"type\":\"user\",\"principal\":\""
        + principal
        + "\",\"groups\":[\"Developers\"],\"authenticationMethod\":\"jwt\",\"mfaPresent\":true},"
        + "\"sourceIPAddress\":\"10.0.0.7\",\"apiId\":\"api1\",\"stage\":\"prod\","
        + "\"route\":\"GET /orders/{orderId}\",\"httpMethod\":\"GET\",\"path\":\"/orders/"
        + id
        + "\",\"methodArn\":\"arn:aws:execute-api:eu-west-1:1:api1/prod/GET/orders/"
        + id
        + "\",\"action\":\""
        + action
        + "\",\"resource\":\"arn:app:orders:eu-west-1:123456789012:order/"
        + id
        + "\",\"routesLeftOut\":0,\"latencyMicros\":12}}";
  }

  static final String A =
      line("2026-11-29T20:16:38.123Z", "Allow", "user/alice", "orders:GetOrder", "ord-1");
  static final String B =
      line("2026-11-29T21:00:00.000Z", "ImplicitDeny", "user/bob", "orders:DeleteOrder", "ord-2");
  static final String OPERATIONAL =
      "{\"time\":\"2026-11-29T20:00:00Z\",\"level\":\"INFO\",\"logger\":\"iamgate.store\",\"message\":\"bundle loaded\"}";

  static TrailReader.FileResult read(String text) throws TrailReader.UnreadableException {
    return read(text.getBytes(StandardCharsets.UTF_8));
  }

  static TrailReader.FileResult read(byte[] bytes) throws TrailReader.UnreadableException {
    return TrailReader.read("t.log", new ByteArrayInputStream(bytes));
  }

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  @Test
  void rawLinesGiveEveryFieldOfTheSchema() throws Exception {
    TrailReader.FileResult r = read(A + "\n" + OPERATIONAL + "\nSTART RequestId: 1\n\n" + B + "\n");
    assertEquals(2, r.records().size());
    assertEquals(1, r.operational());
    assertEquals(1, r.other());
    assertTrue(r.warnings().isEmpty());
    DecisionRecord a = r.records().get(0);
    assertEquals("t.log", a.file());
    assertEquals(1, a.line());
    assertEquals(Instant.parse("2026-11-29T20:16:38.123Z"), a.time());
    assertEquals(Outcome.ALLOW, a.outcome());
    assertEquals("user/alice", a.principal());
    assertEquals("user", a.identityType());
    assertEquals(List.of("Developers"), a.groups());
    assertEquals(Boolean.TRUE, a.mfaPresent());
    assertEquals("jwt", a.authenticationMethod());
    assertEquals("10.0.0.7", a.sourceIp());
    assertEquals("api1", a.apiId());
    assertEquals("prod", a.stage());
    assertEquals("GET /orders/{orderId}", a.route());
    assertEquals("GET /orders/ord-1", a.request());
    assertEquals("orders:GetOrder", a.action());
    assertEquals("arn:app:orders:eu-west-1:123456789012:order/ord-1", a.resource());
    assertEquals("e-ord-1", a.eventId());
    assertEquals(5, r.records().get(1).line());
  }

  @Test
  void theFixtureOfTheSampleEventsReadsWhole() throws Exception {
    TrailReader.FileResult r;
    try (InputStream in = Files.newInputStream(FIXTURE)) {
      r = TrailReader.read(FIXTURE.toString(), in);
    }
    assertEquals(27, r.records().size());
    assertEquals(5, r.operational());
    assertEquals(1, r.other(), "the `iamgate: no IAMGATE_BUNDLE` line of invoke");
    assertTrue(r.warnings().isEmpty(), () -> r.warnings().toString());
    assertEquals(13, r.records().stream().filter(x -> x.outcome() == Outcome.ALLOW).count());
  }

  @Test
  void s3ExportLinesCarryATimestampPrefix() throws Exception {
    TrailReader.FileResult r =
        read("2026-11-29T20:16:38.200Z " + A + "\n2026-11-29T21:00:00.000Z " + B + "\n");
    assertEquals(2, r.records().size());
    assertEquals("user/bob", r.records().get(1).principal());
  }

  @Test
  void gzipIsRecognisedByItsMagicBytes() throws Exception {
    TrailReader.FileResult r = read(gzip("2026-11-29T20:16:38.200Z " + A + "\n" + B + "\n"));
    assertEquals(2, r.records().size());
  }

  @Test
  void brokenGzipIsUnreadable() throws Exception {
    byte[] z = gzip(A + "\n" + B + "\n");
    byte[] cut = java.util.Arrays.copyOf(z, z.length / 2);
    TrailReader.UnreadableException e =
        assertThrows(TrailReader.UnreadableException.class, () -> read(cut));
    assertTrue(e.getMessage().contains("gzip"), e.getMessage());
  }

  static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  @Test
  void filterLogEventsJsonOutputPrettyPrinted() throws Exception {
    String export =
        "{\n"
            + "    \"events\": [\n"
            + "        {\n"
            + "            \"logStreamName\": \"2026/11/29/[$LATEST]abc\",\n"
            + "            \"timestamp\": 1796069798123,\n"
            + "            \"message\": "
            + quoted(A + "\n")
            + ",\n"
            + "            \"ingestionTime\": 1796069799000,\n"
            + "            \"eventId\": \"1\"\n"
            + "        },\n"
            + "        {\"timestamp\": 1, \"message\": "
            + quoted("START RequestId: 42 Version: $LATEST")
            + "},\n"
            + "        {\"timestamp\": 2, \"message\": "
            + quoted(B)
            + "}\n"
            + "    ],\n"
            + "    \"searchedLogStreams\": []\n"
            + "}\n";
    TrailReader.FileResult r = read(export);
    assertEquals(2, r.records().size());
    assertEquals(1, r.other());
    assertEquals(3, r.records().get(0).line(), "the line of the event in the export");
    assertEquals(Outcome.IMPLICIT_DENY, r.records().get(1).outcome());
  }

  @Test
  void getLogEventsOnOneLineAndTheBareEventsArray() throws Exception {
    String page =
        "{\"events\":[{\"timestamp\":1,\"message\":"
            + quoted(A)
            + ",\"ingestionTime\":2}],\"nextForwardToken\":\"f/1\",\"nextBackwardToken\":\"b/1\"}";
    assertEquals(1, read(page).records().size());
    assertEquals(2, read(page + "\n" + page + "\n").records().size(), "two pages, one per line");
    String array = "[\n  {\"timestamp\":1,\"message\":" + quoted(B) + "}\n]\n";
    assertEquals("user/bob", read(array).records().get(0).principal());
    assertEquals(1, read(gzip(array)).records().size());
  }

  @Test
  void aBrokenExportIsAWarningWithItsPosition() throws Exception {
    TrailReader.FileResult r = read("{\n  \"events\": [\n    {\"message\": \"x\"\n");
    assertTrue(r.records().isEmpty());
    assertEquals(1, r.warnings().size());
    String w = r.warnings().get(0).format();
    assertTrue(w.startsWith("t.log:"), w);
    assertTrue(w.contains("not a CloudWatch Logs export"), w);
  }

  @Test
  void decisionLinesOfTheWriterBeforeTheSchemaAreRead() throws Exception {
    String legacy =
        "{\"time\":\"2026-11-29T20:19:03.129126223Z\",\"logger\":\"iamgate.decision\","
            + "\"decisionId\":\"d1\",\"outcome\":\"Allow\",\"principal\":\"user/alice\","
            + "\"action\":\"orders:GetOrder\",\"resource\":\"arn:app:orders:eu-west-1:1:order/ord-42\","
            + "\"eventType\":\"WEBSOCKET_CONNECT\","
            + "\"methodArn\":\"arn:aws:execute-api:eu-west-1:2:w5s1k8t0gh/prod/$connect\","
            + "\"sourceIp\":\"203.0.113.7\",\"latencyMicros\":10}";
    DecisionRecord r = read(legacy).records().get(0);
    assertEquals(Outcome.ALLOW, r.outcome());
    assertEquals("user/alice", r.principal());
    assertEquals("$connect", r.request());
    assertEquals("w5s1k8t0gh", r.apiId());
    assertEquals("prod", r.stage());
    assertNull(r.httpMethod());
    assertEquals("203.0.113.7", r.sourceIp());
  }

  @Test
  void theRequestIsTakenFromTheMethodArnWhenTheLineHasNoPath() throws Exception {
    String noPath =
        A.replace("\"httpMethod\":\"GET\",\"path\":\"/orders/ord-1\",", "")
            .replace("\"apiId\":\"api1\",\"stage\":\"prod\",", "");
    DecisionRecord r = read(noPath).records().get(0);
    assertEquals("GET /orders/ord-1", r.request());
    assertEquals("api1", r.apiId());
    assertEquals("prod", r.stage());
  }

  @Test
  void malformedLinesAreWarningsNamingTheLineAndWhatWasExpected() throws Exception {
    String jwt =
        "eyJhbGciOiJSUzI1NiIsImtpZCI6InNhbXBsZSJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
    String truncated = "{\"timestamp\":\"2026-11-29T20:16:38.123Z\",\"message\":\"Bearer " + jwt;
    String badOutcome = A.replace("\"outcome\":\"Allow\"", "\"outcome\":\"Permit\"");
    String noDecision =
        "{\"timestamp\":\"2026-11-29T20:16:38.123Z\",\"logger\":\"iamgate.decision\"}";
    String badTime =
        A.replace("\"timestamp\":\"2026-11-29T20:16:38.123Z\"", "\"timestamp\":\"yesterday\"");
    String badMfa = A.replace("\"mfaPresent\":true", "\"mfaPresent\":\"yes\"");
    TrailReader.FileResult r =
        read(String.join("\n", A, truncated, badOutcome, noDecision, badTime, badMfa, B));
    assertEquals(2, r.records().size(), "the good lines are still read");
    List<String> w = r.warnings().stream().map(TrailReader.Warning::format).toList();
    assertEquals(5, w.size(), w::toString);
    assertTrue(w.get(0).startsWith("t.log:2: malformed line skipped: "), w.get(0));
    assertTrue(w.get(0).contains("expected one JSON object per line"), w.get(0));
    assertFalse(w.get(0).contains(jwt), "a token in a malformed line is masked: " + w.get(0));
    assertFalse(w.get(0).contains("eyJzdWIiOiJhbGljZSJ9"), w.get(0));
    assertTrue(w.get(0).length() < 300, "the line is cut: " + w.get(0));
    assertEquals(
        "t.log:3: decision event skipped: expected `decision.outcome` to be one of Allow,"
            + " ExplicitDeny, ImplicitDeny, Deny, Unauthorized, Error, found `Permit`",
        w.get(1));
    assertEquals(
        "t.log:4: decision event skipped: expected `decision`, an object, found none", w.get(2));
    assertTrue(
        w.get(3).startsWith("t.log:5: decision event skipped: expected `timestamp` to be"),
        w.get(3));
    assertEquals(
        "t.log:6: decision event skipped: expected `decision.userIdentity.mfaPresent` to be true"
            + " or false, found a string",
        w.get(4));
  }

  @Test
  void aTextFileHoldsNoDecisionEvent() throws Exception {
    TrailReader.FileResult r = read("hello\nworld\n");
    assertTrue(r.records().isEmpty());
    assertEquals(2, r.other());
    assertTrue(r.warnings().isEmpty());
  }

  @Test
  void filtersByPrincipalOutcomeRouteAndPeriod() throws Exception {
    List<DecisionRecord> all = read(A + "\n" + B).records();
    DecisionRecord a = all.get(0);
    DecisionRecord b = all.get(1);
    assertTrue(TrailFilter.ALL.test(a) && TrailFilter.ALL.test(b));
    TrailFilter alice = new TrailFilter(List.of("alice"), Set.of(), List.of(), null, null);
    assertTrue(alice.test(a));
    assertFalse(alice.test(b));
    assertTrue(new TrailFilter(List.of("user/bob"), Set.of(), List.of(), null, null).test(b));
    assertFalse(new TrailFilter(List.of("role/bob"), Set.of(), List.of(), null, null).test(b));
    TrailFilter denies =
        new TrailFilter(List.of(), TrailFilter.outcomes("deny"), List.of(), null, null);
    assertFalse(denies.test(a));
    assertTrue(denies.test(b));
    assertEquals(Set.of(Outcome.IMPLICIT_DENY), TrailFilter.outcomes("implicitdeny"));
    IllegalArgumentException bad =
        assertThrows(IllegalArgumentException.class, () -> TrailFilter.outcomes("Permit"));
    assertTrue(bad.getMessage().contains("found `Permit`"), bad.getMessage());
    for (String route :
        List.of(
            "GET /orders/{orderId}", "/orders/{orderId}", "GET /orders/ord-1", "/orders/ord-1")) {
      TrailFilter f = new TrailFilter(List.of(), Set.of(), List.of(route), null, null);
      assertTrue(f.test(a), route);
      assertEquals(
          route.contains("{"), f.test(b), "bob called the same route, not ord-1: " + route);
    }
    Instant nine = TrailFilter.instant("2026-11-29T20:30:00Z", false);
    assertTrue(new TrailFilter(List.of(), Set.of(), List.of(), nine, null).test(b));
    assertFalse(new TrailFilter(List.of(), Set.of(), List.of(), nine, null).test(a));
    assertTrue(new TrailFilter(List.of(), Set.of(), List.of(), null, nine).test(a));
    assertFalse(new TrailFilter(List.of(), Set.of(), List.of(), null, nine).test(b));
    Instant dayEnd = TrailFilter.instant("2026-11-29", true);
    assertEquals(Instant.parse("2026-11-30T00:00:00Z"), dayEnd);
    assertEquals(Instant.parse("2026-11-29T00:00:00Z"), TrailFilter.instant("2026-11-29", false));
    assertEquals(
        Instant.parse("2026-11-29T20:00:00Z"),
        TrailFilter.instant("2026-11-29T21:00:00+01:00", false));
    IllegalArgumentException day =
        assertThrows(IllegalArgumentException.class, () -> TrailFilter.instant("tomorrow", false));
    assertTrue(day.getMessage().contains("found `tomorrow`"), day.getMessage());
  }

  @Test
  void theSummaryCountsOutcomesAndTheDeniedMost() throws Exception {
    List<DecisionRecord> all = read(A + "\n" + B + "\n" + B.replace("e-ord-2", "e-3")).records();
    TrailSummary s = TrailSummary.of(all, 5);
    assertEquals(3, s.total());
    assertEquals(1, s.byOutcome().get(Outcome.ALLOW));
    assertEquals(2, s.byOutcome().get(Outcome.IMPLICIT_DENY));
    assertEquals(0, s.byOutcome().get(Outcome.ERROR));
    assertEquals(List.of(new TrailSummary.Count("user/bob", 2)), s.deniedPrincipals());
    assertEquals(List.of(new TrailSummary.Count("GET /orders/{orderId}", 2)), s.deniedRoutes());
    assertEquals(Instant.parse("2026-11-29T20:16:38.123Z"), s.first());
    assertEquals(Instant.parse("2026-11-29T21:00:00Z"), s.last());
  }

  @Test
  void anEndlessLineIsSkippedWithAWarningWithoutFillingTheHeap() throws Exception {
    // 64 MB of one line, 64 KB compressed: read in bounded memory, the lines around it kept
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(raw)) {
      z.write((A + "\n").getBytes(StandardCharsets.UTF_8));
      byte[] chunk = new byte[1 << 20];
      java.util.Arrays.fill(chunk, (byte) 'a');
      for (int i = 0; i < 64; i++) {
        z.write(chunk);
      }
      z.write(("\n" + B + "\n").getBytes(StandardCharsets.UTF_8));
    }
    TrailReader.FileResult r = read(raw.toByteArray());
    assertEquals(2, r.records().size());
    assertEquals(1, r.warnings().size(), r.warnings()::toString);
    assertTrue(
        r.warnings().get(0).toString().contains("over 1048576 characters"), r.warnings()::toString);
  }
}
