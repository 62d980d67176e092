package io.iamgate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamgate.testing.Emf;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The invocation's metrics document, checked against the Embedded Metric Format specification. */
class EmfMetricsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-29T12:00:00.123Z"), ZoneOffset.UTC);
  private static final Invocation LAMBDA =
      new Invocation("iamgate-authorizer", "7", "lambda-7", 1024, null, true);

  private static Metrics metrics(
      @Nullable String apiId, String outcome, @Nullable Boolean hit, long age) {
    return new Metrics(
        "iamgate",
        JsonLines.Level.INFO,
        apiId,
        apiId == null ? null : "prod",
        outcome,
        125,
        hit,
        1,
        0,
        age,
        true);
  }

  @Test
  void theDocumentIsExactlyThis() {
    String line =
        new JsonLines(CLOCK, s -> {}, "orders-api")
            .metricsLine(metrics("k7x2m9q4ab", "Allow", true, 42), LAMBDA);
    assertEquals(
        "{\"_aws\":{\"Timestamp\":1795953600123,\"CloudWatchMetrics\":["
            + "{\"Namespace\":\"iamgate\",\"Dimensions\":[[\"service\",\"ApiId\",\"Stage\",\"Outcome\"],"
            + "[\"service\",\"Outcome\"],[\"service\"]],\"Metrics\":[{\"Name\":\"Decisions\",\"Unit\":\"Count\"}]},"
            + "{\"Namespace\":\"iamgate\",\"Dimensions\":[[\"service\",\"ApiId\",\"Stage\"],[\"service\"]],"
            + "\"Metrics\":[{\"Name\":\"DecisionLatency\",\"Unit\":\"Microseconds\"},"
            + "{\"Name\":\"TokenCacheHits\",\"Unit\":\"Count\"},{\"Name\":\"TokenCacheMisses\",\"Unit\":\"Count\"},"
            + "{\"Name\":\"BundleReloads\",\"Unit\":\"Count\"},{\"Name\":\"BundleReloadFailures\",\"Unit\":\"Count\"},"
            + "{\"Name\":\"BundleAgeSeconds\",\"Unit\":\"Seconds\"},{\"Name\":\"ColdStart\",\"Unit\":\"Count\"}]}]},"
            + "\"timestamp\":\"2026-11-29T12:00:00.123Z\",\"level\":\"INFO\",\"logger\":\"iamgate.metrics\","
            + "\"service\":\"orders-api\",\"function_request_id\":\"lambda-7\",\"ApiId\":\"k7x2m9q4ab\","
            + "\"Stage\":\"prod\",\"Outcome\":\"Allow\",\"Decisions\":1,\"DecisionLatency\":125,"
            + "\"TokenCacheHits\":1,\"TokenCacheMisses\":0,\"BundleReloads\":1,\"BundleReloadFailures\":0,"
            + "\"BundleAgeSeconds\":42,\"ColdStart\":1}",
        line);
  }

  @Test
  void everyVariantIsValidAgainstTheSpecification() {
    List<String> lines = new ArrayList<>();
    JsonLines log = new JsonLines(CLOCK, lines::add);
    for (String outcome :
        List.of("Allow", "ExplicitDeny", "ImplicitDeny", "Deny", "Unauthorized", "Error")) {
      log.metrics(metrics("k7x2m9q4ab", outcome, null, 3), LAMBDA);
      log.metrics(metrics("k7x2m9q4ab", outcome, false, -1), Invocation.NONE);
      log.metrics(metrics(null, outcome, true, 3), LAMBDA);
    }
    for (String line : lines) {
      assertTrue(Emf.isDocument(line), line);
      assertEquals(List.of(), Emf.problems(line), line);
    }
  }

  @Test
  void withoutAnApiOnlyTheServiceWideDimensionSetsAreDeclared() throws Exception {
    JsonNode doc =
        JSON.readTree(
            new JsonLines(CLOCK, s -> {})
                .metricsLine(metrics(null, "Error", null, -1), Invocation.NONE));
    assertEquals(
        "[[\"service\",\"Outcome\"],[\"service\"]]",
        doc.at("/_aws/CloudWatchMetrics/0/Dimensions").toString());
    assertEquals("[[\"service\"]]", doc.at("/_aws/CloudWatchMetrics/1/Dimensions").toString());
    assertFalse(doc.has("ApiId"));
    assertFalse(doc.has("BundleAgeSeconds"), "no bundle, no age");
    assertFalse(doc.has("TokenCacheHits"), "no token, no cache");
  }

  @Test
  void theMetricsLevelIsTheLambdaLevelSoFilteringNeverDropsIt() throws Exception {
    Metrics m =
        new Metrics("ns/x", JsonLines.Level.WARN, "a", "b", "Allow", 1, null, 0, 0, 1, false);
    JsonNode doc = JSON.readTree(new JsonLines(CLOCK, s -> {}).metricsLine(m, Invocation.NONE));
    assertEquals("WARN", doc.path("level").asText());
    assertEquals("ns/x", doc.at("/_aws/CloudWatchMetrics/0/Namespace").asText());
    assertEquals(JsonLines.Level.WARN, JsonLines.Level.atLeast("warn"));
    assertEquals(JsonLines.Level.ERROR, JsonLines.Level.atLeast("FATAL"));
    assertEquals(JsonLines.Level.INFO, JsonLines.Level.atLeast("DEBUG"));
    assertEquals(JsonLines.Level.INFO, JsonLines.Level.atLeast(null));
  }

  @Test
  void aForgedEventsLongStageIsCutToADimensionCloudWatchAccepts() throws Exception {
    Metrics m =
        new Metrics(
            "iamgate",
            JsonLines.Level.INFO,
            "a",
            "s".repeat(1500),
            "Allow",
            1,
            null,
            0,
            0,
            1,
            false);
    JsonNode doc = JSON.readTree(new JsonLines(CLOCK, s -> {}).metricsLine(m, Invocation.NONE));
    String stage = doc.path("Stage").asText();
    assertTrue(stage.length() <= 1024, stage);
    assertTrue(stage.startsWith("s".repeat(JsonLines.MAX_DIMENSION_VALUE)), stage);
    assertEquals(List.of(), Emf.problems(doc.toString()));
  }

  @Test
  void theCheckIsReal() {
    assertFalse(Emf.problems("{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[]}}").isEmpty());
    assertFalse(
        Emf.problems(
                "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\","
                    + "\"Dimensions\":[[\"d\"]],\"Metrics\":[{\"Name\":\"m\"}]}]},\"m\":1}")
            .isEmpty(),
        "a dimension without its member");
    assertFalse(
        Emf.problems(
                "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\","
                    + "\"Dimensions\":[[\"d\"]],\"Metrics\":[{\"Name\":\"m\",\"Unit\":\"Parsecs\"}]}]},"
                    + "\"d\":\"x\",\"m\":1}")
            .isEmpty(),
        "an unknown unit");
    assertEquals(
        List.of(),
        Emf.problems(
            "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"n\","
                + "\"Dimensions\":[[\"d\"]],\"Metrics\":[{\"Name\":\"m\",\"Unit\":\"Count\"}]}]},"
                + "\"d\":\"x\",\"m\":[1,2]}"));
  }
}
