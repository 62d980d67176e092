package io.iamgate.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decision lines the handler writes (docs/decision-events.md): the level of each outcome,
 * sampled allows and never sampled denials, errors as {@code Error} lines, the Lambda context's
 * keys, cold starts, the service name, and timestamps Lambda's log-level filtering accepts.
 */
class DecisionLinesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ALLOW = Path.of("events/rest-token-allow.json");
  private static final Path DENY = Path.of("events/rest-token-deny.json");
  private static final Path UNAUTHORIZED = Path.of("events/rest-token-unauthorized.json");

  /** A handler on the sample bundle with {@code settings}, and what it logs. */
  private static final class Run {
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    final AuthorizerHandler handler;

    Run(String... settings) {
      Map<String, String> env = new HashMap<>();
      env.put("IAMGATE_ALLOW_SAMPLE_BUNDLE", "true");
      for (int i = 0; i < settings.length; i += 2) {
        env.put(settings[i], settings[i + 1]);
      }
      handler = new AuthorizerHandler(env, new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    /** The decision lines the event's invocation writes. */
    List<JsonNode> invoke(Path event, @Nullable Context context) throws IOException {
      int from = log.size();
      try (InputStream in = Files.newInputStream(event)) {
        handler.handleRequest(in, new ByteArrayOutputStream(), context);
      } catch (AuthorizerHandler.UnauthorizedException e) {
        // a 401: the log is what is checked
      }
      return decisions(log.toString(StandardCharsets.UTF_8).substring(from));
    }

    List<JsonNode> invoke(Path event) throws IOException {
      return invoke(event, null);
    }

    List<JsonNode> all() throws IOException {
      List<JsonNode> out = new ArrayList<>();
      for (String line : log.toString(StandardCharsets.UTF_8).split("\n")) {
        out.add(JSON.readTree(line));
      }
      return out;
    }
  }

  static List<JsonNode> decisions(String lines) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : lines.split("\n")) {
      if (!line.isBlank()) {
        JsonNode n = JSON.readTree(line);
        if (n.path("logger").asText().equals("iamgate.decision")) {
          out.add(n);
        }
      }
    }
    return out;
  }

  @Test
  void eachOutcomeHasItsLevel() throws IOException {
    Run run = new Run();
    JsonNode allow = run.invoke(ALLOW).get(0);
    assertEquals("INFO", allow.path("level").asText());
    assertEquals("Allow", allow.path("decision").path("outcome").asText());
    JsonNode deny = run.invoke(DENY).get(0);
    assertEquals("WARN", deny.path("level").asText());
    assertEquals("ImplicitDeny", deny.path("decision").path("outcome").asText());
    JsonNode unauthorized = run.invoke(UNAUTHORIZED).get(0);
    assertEquals("WARN", unauthorized.path("level").asText());
    assertEquals("Unauthorized", unauthorized.path("decision").path("outcome").asText());
  }

  @Test
  void aSampleRateOfZeroDropsEveryAllowAndNoDenial() throws IOException {
    Run run = new Run("IAMGATE_LOG_ALLOW_SAMPLE_RATE", "0");
    for (int i = 0; i < 20; i++) {
      assertEquals(List.of(), run.invoke(ALLOW), "an allow is not logged");
      assertEquals(1, run.invoke(DENY).size(), "a denial always is");
      assertEquals(1, run.invoke(UNAUTHORIZED).size(), "a 401 always is");
    }
  }

  @Test
  void aSampleRateLogsThatShareOfAllows() throws IOException {
    Run run = new Run("IAMGATE_LOG_ALLOW_SAMPLE_RATE", "0.5");
    int logged = 0;
    for (int i = 0; i < 400; i++) {
      logged += run.invoke(ALLOW).size();
    }
    // binomial(400, 0.5): 200 ± 10 (σ); outside 120..280 has a probability below 1e-15
    assertTrue(logged > 120 && logged < 280, logged + " of 400 allows logged");
    assertEquals(1, run.invoke(DENY).size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.5", "-0.1", "abc", "NaN", "1e-1", "0,5"})
  void aBadSampleRateIsAConfigurationErrorThatDeniesEveryCall(String rate) throws IOException {
    Run run = new Run("IAMGATE_LOG_ALLOW_SAMPLE_RATE", rate);
    String startup = run.log.toString(StandardCharsets.UTF_8);
    assertTrue(
        startup.contains(
            "configuration error, every request is denied: IAMGATE_LOG_ALLOW_SAMPLE_RATE `"
                + rate
                + "`"),
        startup);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = Files.newInputStream(ALLOW)) {
      run.handler.handleRequest(in, out, null);
    }
    assertFalse(
        HandlerEventsTest.allows(
            out.toString(StandardCharsets.UTF_8), HandlerEventsTest.methodArn(ALLOW)));
    List<JsonNode> lines = decisions(run.log.toString(StandardCharsets.UTF_8));
    assertEquals(1, lines.size());
    assertEquals("ERROR", lines.get(0).path("level").asText());
    assertEquals("Error", lines.get(0).path("decision").path("outcome").asText());
    assertEquals(
        "arn:aws:execute-api:eu-west-1:210987654321:k7x2m9q4ab/prod/GET/orders/ord-42",
        lines.get(0).path("decision").path("methodArn").asText());
  }

  @Test
  void aLambdaLevelOfWarnSkipsAllowsThatLambdaWouldDropAndKeepsDenials() throws IOException {
    Run run = new Run("AWS_LAMBDA_LOG_LEVEL", "WARN");
    assertEquals(List.of(), run.invoke(ALLOW));
    assertEquals(1, run.invoke(DENY).size());
  }

  @Test
  void aLambdaLevelThatDropsDenialsIsReportedAtStartup() throws IOException {
    Run run = new Run("AWS_LAMBDA_LOG_LEVEL", "ERROR");
    JsonNode warning =
        run.all().stream()
            .filter(l -> l.path("message").asText().contains("drops every denial"))
            .findFirst()
            .orElseThrow();
    assertEquals("ERROR", warning.path("level").asText());
    assertEquals("iamgate.lambda", warning.path("logger").asText());
  }

  @Test
  void anUnreadableEventIsAnErrorLine() throws IOException {
    Run run = new Run();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int from = run.log.size();
    run.handler.handleRequest(
        new ByteArrayInputStream("{not json".getBytes(StandardCharsets.UTF_8)), out, null);
    List<JsonNode> lines = decisions(run.log.toString(StandardCharsets.UTF_8).substring(from));
    assertEquals(1, lines.size());
    JsonNode d = lines.get(0);
    assertEquals("ERROR", d.path("level").asText());
    assertEquals("Error", d.path("decision").path("outcome").asText());
    assertTrue(d.path("message").asText().startsWith("error: unreadable event"), d.toString());
    assertFalse(d.path("decision").has("methodArn"), "nothing of the event is known");
  }

  @Test
  void theLambdaContextTheTraceAndColdStartsAreRecorded() throws IOException {
    Run run = new Run();
    String previous = System.getProperty("com.amazonaws.xray.traceHeader");
    System.setProperty(
        "com.amazonaws.xray.traceHeader",
        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
    try {
      JsonNode first = run.invoke(ALLOW, new FakeContext("req-1")).get(0);
      assertTrue(first.path("cold_start").asBoolean());
      assertEquals("iamgate-authorizer", first.path("function_name").asText());
      assertEquals("7", first.path("function_version").asText());
      assertEquals("req-1", first.path("function_request_id").asText());
      assertEquals(1024, first.path("function_memory_size").asInt());
      assertEquals("1-5759e988-bd862e3fe1be46a994272793", first.path("xray_trace_id").asText());
      JsonNode second = run.invoke(ALLOW, new FakeContext("req-2")).get(0);
      assertFalse(second.path("cold_start").asBoolean());
      assertEquals("req-2", second.path("function_request_id").asText());
      run.handler.afterRestore(null);
      assertTrue(run.invoke(ALLOW).get(0).path("cold_start").asBoolean(), "after a restore");
    } finally {
      if (previous == null) {
        System.clearProperty("com.amazonaws.xray.traceHeader");
      } else {
        System.setProperty("com.amazonaws.xray.traceHeader", previous);
      }
    }
  }

  @Test
  void theServiceNameIsConfigurableAndOnEveryLine() throws IOException {
    Run run = new Run("POWERTOOLS_SERVICE_NAME", "orders-api");
    run.invoke(DENY);
    for (JsonNode line : run.all()) {
      assertEquals("orders-api", line.path("service").asText(), line.toString());
    }
    Run both = new Run("IAMGATE_SERVICE_NAME", "gate", "POWERTOOLS_SERVICE_NAME", "orders-api");
    assertEquals("gate", both.invoke(DENY).get(0).path("service").asText());
  }

  @Test
  void everyLineHasAnRfc3339TimestampWithMillisecondsAndALevel() throws IOException {
    Run run = new Run();
    run.invoke(ALLOW);
    run.invoke(DENY);
    List<JsonNode> lines = run.all();
    assertTrue(lines.size() >= 3, "operational records and decision lines: " + lines);
    for (JsonNode line : lines) {
      String t = line.path("timestamp").asText();
      assertTrue(t.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), line.toString());
      Instant.parse(t);
      assertTrue(line.path("level").asText().matches("INFO|WARN|ERROR"), line.toString());
      assertFalse(line.has("time"), line.toString());
    }
  }

  @Test
  void aBundleThatCannotBeLoadedIsAnError() throws IOException {
    Run run = new Run("IAMGATE_BUNDLE", "file:/nonexistent/bundle.json");
    JsonNode d = run.invoke(DENY).get(0);
    assertEquals("ERROR", d.path("level").asText());
    assertEquals("Error", d.path("decision").path("outcome").asText());
    assertTrue(
        d.path("decision").path("reason").asText().contains("no policy bundle"), d.toString());
  }

  @Test
  void metricsGoToTheConfiguredNamespaceOncePerInvocationErrorsIncluded() throws IOException {
    Run run = new Run("IAMGATE_METRICS_NAMESPACE", "acme/iamgate");
    int from = run.log.size();
    run.invoke(ALLOW);
    run.handler.handleRequest(
        new ByteArrayInputStream("{not json".getBytes(StandardCharsets.UTF_8)),
        new ByteArrayOutputStream(),
        null);
    List<String> documents =
        run.log
            .toString(StandardCharsets.UTF_8)
            .substring(from)
            .lines()
            .filter(io.iamgate.testing.Emf::isDocument)
            .toList();
    assertEquals(2, documents.size(), documents.toString());
    for (String d : documents) {
      assertEquals(List.of(), io.iamgate.testing.Emf.problems(d), d);
      assertEquals(
          "acme/iamgate", JSON.readTree(d).at("/_aws/CloudWatchMetrics/0/Namespace").asText());
    }
    assertEquals("Error", JSON.readTree(documents.get(1)).path("Outcome").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"AWS/Lambda", ":x", "name with spaces"})
  void aBadMetricsNamespaceIsAConfigurationError(String namespace) throws IOException {
    Run run = new Run("IAMGATE_METRICS_NAMESPACE", namespace);
    assertTrue(
        run.log.toString(StandardCharsets.UTF_8).contains("IAMGATE_METRICS_NAMESPACE `"),
        run.log.toString(StandardCharsets.UTF_8));
    JsonNode d = run.invoke(ALLOW).get(0);
    assertEquals("Error", d.path("decision").path("outcome").asText());
  }

  /** The parts of a Lambda context the decision line reads. */
  private record FakeContext(String requestId) implements Context {
    @Override
    public String getAwsRequestId() {
      return requestId;
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/iamgate-authorizer";
    }

    @Override
    public String getLogStreamName() {
      return "stream";
    }

    @Override
    public String getFunctionName() {
      return "iamgate-authorizer";
    }

    @Override
    public String getFunctionVersion() {
      return "7";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:eu-west-1:210987654321:function:iamgate-authorizer:live";
    }

    @Override
    public @Nullable CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public @Nullable ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return 10_000;
    }

    @Override
    public int getMemoryLimitInMB() {
      return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
      throw new UnsupportedOperationException("iamgate logs to standard output");
    }
  }
}
