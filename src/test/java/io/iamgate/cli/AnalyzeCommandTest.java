package io.iamgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {
  private static final String SAMPLE = "src/main/resources/iamgate/sample-bundle.yaml";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCHEMA = "src/test/resources/sarif/sarif-schema-2.1.0.json";

  private static final String NOT_ACTION =
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\","
          + "\"Resource\":\"*\",\"Condition\":{\"stringequals\":{\"aws:username\":\"a\"}}}}";

  @Test
  void failOnSetsTheExitCode() {
    assertEquals(0, CliRun.withInput(NOT_ACTION, "analyze", "-").exit());
    assertEquals(
        1, CliRun.withInput(NOT_ACTION, "analyze", "--fail-on", "security_warning", "-").exit());
    assertEquals(
        0,
        CliRun.withInput(
                NOT_ACTION,
                "analyze",
                "--fail-on",
                "security_warning",
                "--suppress",
                "ALLOW_WITH_NOT_ACTION",
                "-")
            .exit());
    assertEquals(
        1,
        CliRun.withInput("{\"Version\":\"2012-10-17\"}", "analyze", "-").exit(),
        "a validation error fails by default");
  }

  @Test
  void routesAreCheckedWithTheEngine(@TempDir Path dir) throws Exception {
    Path b = dir.resolve("b.yaml");
    Files.writeString(
        b,
        """
        policies:
          Read: {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "orders:GetOrder", "Resource": "arn:app:orders:*:1:order/${aws:username}/*"}}
        groups:
          G: {policies: [Read]}
        users:
          bob: {groups: [G]}
        routes:
          - {method: GET, path: "/orders/{id}", action: "orders:GetOrder", resource: "arn:app:orders:eu:1:order/bob/${request:path/id}"}
          - {method: GET, path: "/u/{user}/orders/{id}", action: "orders:GetOrder", resource: "arn:app:orders:eu:1:order/${request:path/user}/${request:path/id}"}
          - {method: GET, path: /orders, action: "orders:ListOrders", resource: "arn:app:orders:eu:1:order/bob/*"}
        """);
    CliRun r = CliRun.of("analyze", b.toString());
    List<String> routes =
        r.out().lines().filter(l -> l.contains("[ROUTE_NOBODY_MAY_CALL]")).toList();
    assertEquals(1, routes.size(), r.out());
    assertTrue(
        routes.get(0).contains("/routes/2: no user or role may call `GET /orders`"), r.out());
    assertTrue(!CliRun.of("analyze", SAMPLE).out().contains("ROUTE_NOBODY_MAY_CALL"));
  }

  @Test
  void maxKeyAgeDaysSetsTheApiKeyAge() {
    // the sample's key was created 2026-01-01: more than 90 days ago, less than 100,000
    assertTrue(CliRun.of("analyze", SAMPLE).out().contains("[API_KEY_NOT_ROTATED]"));
    CliRun young = CliRun.of("analyze", "--max-key-age-days", "100000", SAMPLE);
    assertEquals(0, young.exit(), young.err());
    assertTrue(!young.out().contains("API_KEY_NOT_ROTATED"), young.out());
    assertEquals(2, CliRun.of("analyze", "--max-key-age-days", "0", SAMPLE).exit());
  }

  @Test
  void sensitivePrefixesReplaceTheDefault() {
    String refund =
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
            + "\"Action\":[\"orders:CreateOrder\",\"orders:RefundOrder\"],"
            + "\"Resource\":\"arn:app:orders:*:1:order/*\"}}";
    CliRun byDefault = CliRun.withInput(refund, "analyze", "-");
    assertTrue(
        byDefault.out().contains("sensitive action `orders:CreateOrder` without"), byDefault.out());
    CliRun custom = CliRun.withInput(refund, "analyze", "--sensitive-prefix", "Refund", "-");
    assertTrue(
        custom.out().contains("sensitive action `orders:RefundOrder` without"), custom.out());
    assertEquals(0, custom.exit());
  }

  @Test
  void usageErrorsExit2() {
    CliRun r = CliRun.withInput(NOT_ACTION, "analyze", "--suppress", "ALLOW_WITH_NOTACTION", "-");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("did you mean `ALLOW_WITH_NOT_ACTION`?"), r.err());
    assertEquals(2, CliRun.of("analyze", "--fail-on", "fatal", SAMPLE).exit());
    assertEquals(2, CliRun.of("analyze", "--format", "xml", SAMPLE).exit());
  }

  @Test
  void jsonHasFindingsAndASummary() throws Exception {
    CliRun r = CliRun.withInput(NOT_ACTION, "analyze", "--format", "json", "-");
    JsonNode j = JSON.readTree(r.out());
    assertEquals(2, j.get("findings").size(), r.out());
    JsonNode f = j.get("findings").get(0);
    for (String k :
        new String[] {"code", "severity", "file", "path", "line", "column", "message", "hint"}) {
      assertTrue(f.has(k), k);
    }
    assertEquals("ALLOW_WITH_NOT_ACTION", f.get("code").asText());
    assertEquals("SECURITY_WARNING", f.get("severity").asText());
    assertEquals(1, j.get("summary").get("securityWarning").asInt());
    assertEquals(1, j.get("summary").get("suggestion").asInt());
    assertEquals(0, j.get("summary").get("suppressed").asInt());
  }

  @Test
  void sarifIsValidAgainstTheOfficialSchema() throws Exception {
    JsonSchema schema;
    try (InputStream in = Files.newInputStream(Path.of(SCHEMA))) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
    }
    for (CliRun r :
        List.of(
            CliRun.of("analyze", "--format", "sarif", SAMPLE),
            CliRun.withInput(NOT_ACTION, "analyze", "--format", "sarif", "-"),
            CliRun.withInput("{\"Version\":1}", "analyze", "--format", "sarif", "-"))) {
      Set<ValidationMessage> errors = schema.validate(JSON.readTree(r.out()));
      assertEquals(Set.of(), errors, r.out());
    }
    // the schema is real: a log without `runs` is refused
    assertTrue(!schema.validate(JSON.readTree("{\"version\":\"2.1.0\"}")).isEmpty());
  }

  @Test
  void sarifUrisAreUriReferences() {
    assertEquals("stdin", AnalyzeCommand.uri("<stdin>"));
    assertEquals(
        "my%20bundle/policies/A%5B1%5D.json", AnalyzeCommand.uri("my bundle/policies/A[1].json"));
    assertEquals("dir/b.yaml", AnalyzeCommand.uri("dir\\b.yaml"));
  }

  /** What the schema does not say: one rule per code, results that point at their rule. */
  @Test
  void sarifHasOneRulePerCodeAndLocatedResults() throws Exception {
    CliRun r = CliRun.of("analyze", "--format", "sarif", SAMPLE);
    assertEquals(0, r.exit(), r.err());
    JsonNode log = JSON.readTree(r.out());
    assertEquals("2.1.0", log.get("version").asText());
    JsonNode run = log.get("runs").get(0);
    JsonNode driver = run.get("tool").get("driver");
    assertEquals("iamgate", driver.get("name").asText());
    Set<String> ids = new HashSet<>();
    for (JsonNode rule : driver.get("rules")) {
      assertTrue(ids.add(rule.get("id").asText()), "one rule per code");
      assertTrue(!rule.get("help").get("text").asText().isBlank());
      assertTrue(!rule.get("shortDescription").get("text").asText().isBlank());
    }
    assertEquals(io.iamgate.lint.Check.values().length, ids.size());
    assertEquals(7, run.get("results").size());
    for (JsonNode res : run.get("results")) {
      String id = res.get("ruleId").asText();
      assertEquals(id, driver.get("rules").get(res.get("ruleIndex").asInt()).get("id").asText());
      assertTrue(Set.of("error", "warning", "note").contains(res.get("level").asText()));
      assertTrue(!res.get("message").get("text").asText().isBlank());
      JsonNode loc = res.get("locations").get(0).get("physicalLocation");
      assertEquals(SAMPLE, loc.get("artifactLocation").get("uri").asText());
      assertTrue(loc.get("region").get("startLine").asInt() >= 1);
      assertTrue(loc.get("region").get("startColumn").asInt() >= 1);
    }
  }

  @Test
  void aBundleDirectoryIsAnalyzedWithItsPolicyFiles(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("bundle.yaml"), "users:\n  bob: {policies: [Wide]}\n");
    Files.createDirectories(dir.resolve("policies"));
    Files.writeString(
        dir.resolve("policies/Wide.json"),
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
            + "\"Resource\":\"*\"}}");
    CliRun r = CliRun.of("analyze", "--fail-on", "security_warning", dir.toString());
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(
        r.out().contains("policies/Wide.json:1:")
            && r.out().contains("security warning[ADMINISTRATOR_GRANT]: /Statement:"),
        r.out());
  }
}
