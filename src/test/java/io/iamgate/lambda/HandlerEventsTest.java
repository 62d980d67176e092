package io.iamgate.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iamgate.testing.ApiGatewayPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in {@code events/} through the handler, on the embedded sample bundle: its name says
 * its outcome, and the response and the log lines it writes (its decision line and its metrics
 * document) are compared with golden files, with what differs from run to run (ids, latencies,
 * bundle version, cold start, reload counts) masked. Regenerate with {@code -Dgolden.update=true}
 * and review the diff.
 */
class HandlerEventsTest {
  private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
  private static final java.time.Clock CLOCK =
      java.time.Clock.fixed(
          java.time.Instant.parse("2026-11-29T20:16:38.123Z"), java.time.ZoneOffset.UTC);
  private static final AuthorizerHandler HANDLER =
      new AuthorizerHandler(
          Map.of("IAMGATE_ALLOW_SAMPLE_BUNDLE", "true"),
          new PrintStream(LOG, true, StandardCharsets.UTF_8),
          CLOCK);
  private static final Path GOLDEN = Path.of("src/test/resources/golden/lambda");
  private static final Path GOLDEN_LOG = Path.of("src/test/resources/golden/lambda-log");

  static Stream<Path> events() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("events"))) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  static String invoke(Path event) throws IOException {
    try (InputStream in = Files.newInputStream(event)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      HANDLER.handleRequest(in, out, null);
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void eachEventGivesItsNamedOutcome(Path event) throws IOException {
    String name = event.getFileName().toString();
    int logged = LOG.size();
    String response;
    if (name.endsWith("-unauthorized.json")) {
      var e = assertThrows(AuthorizerHandler.UnauthorizedException.class, () -> invoke(event));
      assertEquals("Unauthorized", e.getMessage());
      response = "error: Unauthorized";
    } else {
      response = invoke(event);
      String arn = methodArn(event);
      if (name.endsWith("-allow.json")) {
        assertTrue(allows(response, arn), response);
      } else {
        assertFalse(allows(response, arn), response);
      }
    }
    String masked =
        response
                .replaceAll("\"answerId\":\"[^\"]+\"", "\"answerId\":\"<id>\"")
                .replaceAll("\"bundleVersion\":\"[0-9a-f]+\"", "\"bundleVersion\":\"<version>\"")
            + "\n";
    Path golden = GOLDEN.resolve(name);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, masked);
    }
    assertEquals(Files.readString(golden), masked, "golden response " + golden);
    String written = LOG.toString(StandardCharsets.UTF_8).substring(logged);
    List<String> documents = written.lines().filter(io.iamgate.testing.Emf::isDocument).toList();
    assertEquals(1, documents.size(), "one metrics document per invocation: " + written);
    assertEquals(List.of(), io.iamgate.testing.Emf.problems(documents.get(0)), documents.get(0));
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    List<String> decisionLines =
        written.lines().filter(l -> l.contains("\"logger\":\"iamgate.decision\"")).toList();
    assertEquals(1, decisionLines.size(), written);
    assertEquals(
        List.of(),
        io.iamgate.testing.DecisionLineSchema.problems(
            json.readTree(decisionLines.get(0)), json.readTree(Files.readString(event)), false),
        decisionLines.get(0));
    String lines = maskLog(written);
    Path goldenLog = GOLDEN_LOG.resolve(name.replace(".json", ".jsonl"));
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN_LOG);
      Files.writeString(goldenLog, lines);
    }
    assertEquals(Files.readString(goldenLog), lines, "golden log lines " + goldenLog);
  }

  /** Log lines with what differs from run to run masked. */
  static String maskLog(String lines) {
    return lines
        .replaceAll("\"eventId\":\"[^\"]+\"", "\"eventId\":\"<id>\"")
        .replaceAll("\"latencyMicros\":[0-9]+", "\"latencyMicros\":<n>")
        .replaceAll("\"DecisionLatency\":[0-9]+", "\"DecisionLatency\":<n>")
        .replaceAll("\"BundleReloads\":[0-9]+", "\"BundleReloads\":<n>")
        .replaceAll("\"BundleAgeSeconds\":[0-9]+", "\"BundleAgeSeconds\":<n>")
        .replaceAll("\"ColdStart\":[01]", "\"ColdStart\":<n>")
        .replaceAll("\"cold_start\":(true|false)", "\"cold_start\":<b>")
        .replaceAll("\"bundleVersion\":\"[0-9a-f]+\"", "\"bundleVersion\":\"<version>\"");
  }

  /** How API Gateway reads a response for the called ARN. */
  static boolean allows(String response, String arn) {
    return ApiGatewayPolicy.responseAllows(response, arn);
  }

  static String methodArn(Path event) throws IOException {
    String text = Files.readString(event);
    return text.replaceAll("(?s).*\"(?:methodArn|routeArn)\": \"([^\"]+)\".*", "$1");
  }

  @Test
  void noBundleSettingRefusesTheSampleAndDenies() throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    AuthorizerHandler h =
        new AuthorizerHandler(Map.of(), new PrintStream(log, true, StandardCharsets.UTF_8));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = Files.newInputStream(Path.of("events/rest-token-allow.json"))) {
      h.handleRequest(in, out, null);
    }
    assertFalse(
        allows(
            out.toString(StandardCharsets.UTF_8),
            methodArn(Path.of("events/rest-token-allow.json"))));
    assertTrue(
        log.toString(StandardCharsets.UTF_8)
            .contains("refusing to run on the embedded SAMPLE bundle"));
  }

  @Test
  void embeddedWithoutTheFlagIsAConfigurationErrorNamingBothVariables() throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    AuthorizerHandler h =
        new AuthorizerHandler(
            Map.of("IAMGATE_BUNDLE", "embedded:"),
            new PrintStream(log, true, StandardCharsets.UTF_8));
    Path event = Path.of("events/rest-token-allow.json");
    assertFalse(allows(invoke(h, event), methodArn(event)));
    String text = log.toString(StandardCharsets.UTF_8);
    assertTrue(
        text.contains(
            "configuration error, every request is denied: IAMGATE_BUNDLE is `embedded:` but"
                + " IAMGATE_ALLOW_SAMPLE_BUNDLE is not true: refusing to run on the embedded"
                + " SAMPLE bundle"),
        text);
    assertFalse(text.contains("IAMGATE_BUNDLE is not set"), text);
  }

  @Test
  void embeddedWithTheFlagRunsOnTheSample() throws IOException {
    AuthorizerHandler h =
        new AuthorizerHandler(
            Map.of("IAMGATE_BUNDLE", " embedded: ", "IAMGATE_ALLOW_SAMPLE_BUNDLE", "TRUE"),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    Path event = Path.of("events/rest-token-allow.json");
    assertTrue(allows(invoke(h, event), methodArn(event)));
  }

  @Test
  void snapStartHooksPrimeAndRefresh() throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    AuthorizerHandler h =
        new AuthorizerHandler(
            Map.of("IAMGATE_ALLOW_SAMPLE_BUNDLE", "true"),
            new PrintStream(log, true, StandardCharsets.UTF_8));
    h.beforeCheckpoint(null);
    h.afterRestore(null);
    String text = log.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("restored from a snapshot"), text);
    // the sample issuer signs with RS256 only: no EC warm-up
    assertTrue(text.contains("warm-up [RSA signature, decision] done"), text);
    assertTrue(
        allows(
            invoke(h, Path.of("events/rest-token-allow.json")),
            methodArn(Path.of("events/rest-token-allow.json"))));
  }

  private static String invoke(AuthorizerHandler h, Path event) throws IOException {
    try (InputStream in = Files.newInputStream(event)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      h.handleRequest(in, out, null);
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void garbageEventsAreDeniedWithoutAStackTrace() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HANDLER.handleRequest(
        new java.io.ByteArrayInputStream("{not json".getBytes(StandardCharsets.UTF_8)), out, null);
    String r = out.toString(StandardCharsets.UTF_8);
    assertTrue(r.contains("\"Effect\":\"Deny\""), r);
    assertFalse(r.contains("Exception"), r);
  }

  @Test
  void tokensNeverReachTheLog() throws IOException {
    invoke(Path.of("events/rest-request-allow.json"));
    invoke(Path.of("events/http-v1-forged-token-deny.json"));
    String log = LOG.toString(StandardCharsets.UTF_8);
    assertFalse(log.contains("eyJ"), "a token was logged");
    assertTrue(log.contains("\"logger\":\"iamgate.decision\""));
  }
}
