package io.iamgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iamgate.json.Json;
import io.iamgate.json.JsonReader;
import io.iamgate.json.ParseResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code iamgate test}: results, exit codes, reports, and the shipped tests of the sample bundle.
 */
class TestCommandTest {
  static final String SAMPLE = "src/main/resources/iamgate/sample-bundle.yaml";
  static final String ORDER = "\"arn:app:orders:eu-west-1:123456789012:order/ord-42\"";

  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private static String test(String name, String principal, String request, String expect) {
    return "  - name: "
        + name
        + "\n    principal: "
        + principal
        + "\n    request: "
        + request
        + "\n    expect: "
        + expect
        + "\n";
  }

  /** One passing and one failing test (bob may not delete). */
  private Path mixed() throws Exception {
    return write(
        "mixed.test.yaml",
        "tests:\n"
            + test(
                "alice reads",
                "{user: alice}",
                "{action: orders:GetOrder, resource: " + ORDER + "}",
                "Allow\n    statement: ReadOrders")
            + test(
                "bob deletes",
                "{user: bob}",
                "{action: orders:DeleteOrder, resource: " + ORDER + "}",
                "Allow"));
  }

  @Test
  void aFailingTestShowsTheDecisionAndWhyAndExitsOne() throws Exception {
    CliRun r = CliRun.of("test", "--bundle", SAMPLE, mixed().toString());
    assertEquals(1, r.exit(), r.out() + r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals("PASS alice reads", lines.get(0));
    assertEquals(
        "FAIL bob deletes ("
            + dir.resolve("mixed.test.yaml")
            + ":7:5): expected Allow, got ImplicitDeny: no identity policy statement allows the"
            + " request",
        lines.get(1));
    assertEquals("1 passed, 1 failed", lines.get(2));
  }

  @Test
  void aWrongDecidingStatementFailsAndNamesTheStatementsThatDecided() throws Exception {
    Path f =
        write(
            "sid.test.yaml",
            "bundle: "
                + Path.of(SAMPLE).toAbsolutePath()
                + "\ntests:\n"
                + test(
                    "alice reads",
                    "{user: alice}",
                    "{action: orders:GetOrder, resource: " + ORDER + "}",
                    "Allow\n    statement: WriteOwnTeamOrders"));
    CliRun r = CliRun.of("test", f.toString());
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(
        r.out()
            .contains(
                "Allow as expected, but not by statement `WriteOwnTeamOrders`: allowed by"
                    + " identity[OrdersDeveloper]/Statement/0 (Sid ReadOrders)"),
        r.out());
  }

  @Test
  void aRoleTestChecksTheTrustPolicyUnlessToldNotTo() throws Exception {
    String request = "{action: orders:GetOrder, resource: " + ORDER + "}";
    Path f =
        write(
            "roles.test.yaml",
            "tests:\n"
                + test(
                    "alice cannot assume the auditor role",
                    "{role: AuditorRole, caller: {user: alice}}",
                    request,
                    "Allow")
                + test(
                    "without the trust policy the role reads",
                    "{role: AuditorRole, caller: {user: alice}}",
                    request,
                    "Allow\n    trust: false"));
    CliRun r = CliRun.of("test", "--bundle", SAMPLE, f.toString());
    assertEquals(1, r.exit(), r.out() + r.err());
    List<String> lines = r.out().lines().toList();
    assertTrue(
        lines
            .get(0)
            .endsWith(
                "expected Allow, got ImplicitDeny: the trust policy of role `AuditorRole` does not"
                    + " allow this caller to assume it (ImplicitDeny)"),
        lines.get(0));
    assertEquals("PASS without the trust policy the role reads", lines.get(1));
  }

  @Test
  void anInvalidTestFileExitsTwoWithFileLineAndColumn() throws Exception {
    Path f =
        write(
            "bad.test.yaml",
            "tests:\n"
                + "  - name: typo\n"
                + "    principal: {user: alice}\n"
                + "    request: {action: orders:GetOrder, resource: \"*\"}\n"
                + "    expect: Alow\n"
                + "  - name: unknown user\n"
                + "    principal: {user: alcie}\n"
                + "    request: {action: orders:GetOrder, resource: \"*\"}\n"
                + "    expect: Allow\n");
    CliRun r = CliRun.of("test", "--bundle", SAMPLE, f.toString());
    assertEquals(2, r.exit(), r.out() + r.err());
    assertEquals("", r.out());
    assertEquals(
        List.of(
            f
                + ":5:13: error[expect]: /tests/0/expect: expected `Allow`, `ExplicitDeny`,"
                + " `ImplicitDeny` or `Deny`, found `Alow` (hint: did you mean `Allow`?)",
            f
                + ":7:23: error[unknown-principal]: /tests/1/principal/user: the bundle has no user"
                + " `alcie` (hint: did you mean `alice`?)"),
        r.err().lines().toList());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void aYamlSyntaxErrorAndAnInvalidBundleExitTwo() throws Exception {
    Path syntax = write("syntax.test.yaml", "tests: [\n");
    CliRun r = CliRun.of("test", "--bundle", SAMPLE, syntax.toString());
    assertEquals(2, r.exit(), r.out() + r.err());
    assertTrue(r.err().startsWith(syntax + ":"), r.err());
    assertTrue(r.err().contains("error[yaml-syntax]"), r.err());

    CliRun own =
        CliRun.of("test", "--bundle", "src/examples/broken-bundle.yaml", mixed().toString());
    assertEquals(2, own.exit(), own.out() + own.err());
    assertTrue(
        own.err().startsWith("src/examples/broken-bundle.yaml:4:14: error[unknown-reference]"),
        own.err());
  }

  @Test
  void aMissingBundleOrAnEmptyDirectoryExitsTwo() throws Exception {
    CliRun r = CliRun.of("test", mixed().toString());
    assertEquals(2, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains("error[no-bundle]"), r.err());
    Path empty = Files.createDirectory(dir.resolve("empty"));
    CliRun e = CliRun.of("test", "--bundle", SAMPLE, empty.toString());
    assertEquals(2, e.exit(), e.out() + e.err());
    assertTrue(e.err().contains("holds no *.test.yaml"), e.err());
  }

  @Test
  void jsonPrintsOneObjectWithEveryResult() throws Exception {
    CliRun r = CliRun.of("test", "--bundle", SAMPLE, "--json", mixed().toString());
    assertEquals(1, r.exit(), r.out() + r.err());
    ParseResult<Json> parsed = JsonReader.read(r.out().strip(), "out", 0);
    assertTrue(parsed.ok(), parsed.diagnostics().toString());
    Json.JObject o = (Json.JObject) parsed.value();
    assertEquals("1", ((Json.JNumber) o.get("passed")).text());
    assertEquals("1", ((Json.JNumber) o.get("failed")).text());
    List<Json> tests = ((Json.JArray) o.get("tests")).items();
    assertEquals(2, tests.size());
    Json.JObject first = (Json.JObject) tests.get(0);
    assertEquals("alice reads", ((Json.JString) first.get("name")).value());
    assertEquals(true, ((Json.JBool) first.get("passed")).value());
    assertEquals("Allow", ((Json.JString) first.get("decision")).value());
    assertFalse(((Json.JArray) first.get("statements")).items().isEmpty());
    Json.JObject second = (Json.JObject) tests.get(1);
    assertEquals("ImplicitDeny", ((Json.JString) second.get("decision")).value());
    assertEquals("Allow", ((Json.JString) second.get("expected")).value());
    assertTrue(second.get("failure") instanceof Json.JString);
  }

  @Test
  void aFailureAppendsTheNearMissesToTheTextAndTheJunitFailure() throws Exception {
    Path file =
        write(
            "why.test.yaml",
            "tests:\n"
                + test(
                    "alice reads an invoice",
                    "{user: alice}",
                    "{action: orders:GetOrder, resource:"
                        + " \"arn:app:orders:eu-west-1:123456789012:invoice/inv-7\"}",
                    "Allow"));
    Path xml = dir.resolve("junit.xml");
    CliRun r = CliRun.of("test", "--bundle", SAMPLE, "--junit", xml.toString(), file.toString());
    assertEquals(1, r.exit(), r.out() + r.err());
    String line = r.out().lines().toList().get(0);
    String miss =
        "; near misses: identity[OrdersDeveloper]/Statement/0 (Sid ReadOrders): action matches, resource"
            + " arn:app:orders:eu-west-1:123456789012:invoice/inv-7 does not match"
            + " arn:app:orders:*:123456789012:order/*";
    assertTrue(line.contains(miss), line);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    Element failure = (Element) doc.getElementsByTagName("failure").item(0);
    assertTrue(failure.getAttribute("message").contains(miss), failure.getAttribute("message"));
  }

  @Test
  void junitRefusesToOverwriteATestFile() throws Exception {
    Path f = mixed();
    String before = Files.readString(f);
    CliRun r = CliRun.of("test", "--bundle", SAMPLE, "--junit", f.toString(), f.toString());
    assertEquals(2, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains("is one of the test files"), r.err());
    assertEquals(before, Files.readString(f));
  }

  @Test
  void junitRefusesToOverwriteTheBundle() throws Exception {
    Path bundle = write("bundle.yaml", Files.readString(Path.of(SAMPLE)));
    String before = Files.readString(bundle);
    Path tests = write("t.test.yaml", "bundle: bundle.yaml\n" + Files.readString(mixed()));
    CliRun r = CliRun.of("test", "--junit", bundle.toString(), tests.toString());
    assertEquals(2, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains("the bundle"), r.err());
    assertEquals(before, Files.readString(bundle));
  }

  @Test
  void aRouteRequestCarriesTheMethodAndPathParametersAsTheAuthorizerDoes() throws Exception {
    write(
        "routed.yaml",
        """
        policies:
          P:
            Version: "2012-10-17"
            Statement:
              Effect: Allow
              Action: orders:GetOrder
              Resource: "*"
              Condition: {StringEquals: {"request:path/orderId": o-1, "request:method": GET}}
        users: {alice: {policies: [P]}}
        routes:
          - {method: GET, path: "/orders/{orderId}", action: orders:GetOrder, resource: "arn:app:orders:::order/${request:path/orderId}"}
        """);
    Path f =
        write(
            "routed.test.yaml",
            "bundle: routed.yaml\n"
                + "tests:\n"
                + "  - name: o-1 through its route\n"
                + "    principal: {user: alice}\n"
                + "    request: {method: GET, path: /orders/o-1}\n"
                + "    expect: Allow\n"
                + "  - name: another order\n"
                + "    principal: {user: alice}\n"
                + "    request: {method: GET, path: /orders/o-2}\n"
                + "    expect: ImplicitDeny\n");
    CliRun r = CliRun.of("test", f.toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("2 passed, 0 failed"), r.out());
  }

  @Test
  void aContextKeyThePrincipalSetsIsAnInvalidTestFile() throws Exception {
    Path f =
        write(
            "spoof.test.yaml",
            "tests:\n"
                + "  - name: spoofed name\n"
                + "    principal: {user: bob}\n"
                + "    request: {action: orders:GetOrder, resource: \"*\"}\n"
                + "    context: {aws:username: alice, aws:SourceIp: 10.0.0.1}\n"
                + "    expect: Allow\n");
    CliRun r = CliRun.of("test", "--bundle", SAMPLE, f.toString());
    assertEquals(2, r.exit(), r.out() + r.err());
    assertTrue(
        r.err().contains("/tests/0/context/aws:username: `aws:username` comes from the principal"),
        r.err());
    assertFalse(r.err().contains("aws:SourceIp"), r.err());
  }

  @Test
  void junitWritesWellFormedXmlWithATestcasePerTestAndFailures() throws Exception {
    Path xml = dir.resolve("junit.xml");
    CliRun r = CliRun.of("test", "--bundle", SAMPLE, "--junit", xml.toString(), mixed().toString());
    assertEquals(1, r.exit(), r.out() + r.err());
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    Element root = doc.getDocumentElement();
    assertEquals("testsuites", root.getTagName());
    assertEquals("2", root.getAttribute("tests"));
    assertEquals("1", root.getAttribute("failures"));
    NodeList cases = doc.getElementsByTagName("testcase");
    assertEquals(2, cases.getLength());
    assertEquals("alice reads", ((Element) cases.item(0)).getAttribute("name"));
    assertEquals(0, ((Element) cases.item(0)).getElementsByTagName("failure").getLength());
    NodeList failures = ((Element) cases.item(1)).getElementsByTagName("failure");
    assertEquals(1, failures.getLength());
    Element failure = (Element) failures.item(0);
    assertTrue(
        failure.getAttribute("message").startsWith("expected Allow, got ImplicitDeny"),
        failure.getAttribute("message"));
    assertTrue(failure.getTextContent().contains("no identity policy statement allows"));
  }

  @Test
  void coverageListsTheStatementsNoTestMadeDecideAndTheRoutesNoTestCalled() throws Exception {
    Path f =
        write(
            "route.test.yaml",
            "tests:\n"
                + test(
                    "alice gets an order",
                    "{user: alice}",
                    "{method: GET, path: /orders/ord-42}",
                    "Allow\n    context: {aws:RequestedRegion: eu-west-1}"));
    CliRun r = CliRun.of("test", "--bundle", SAMPLE, "--coverage", f.toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals("PASS alice gets an order", lines.get(0));
    assertEquals("1 passed, 0 failed", lines.get(1));
    assertEquals("coverage of " + SAMPLE + ":", lines.get(2));
    assertTrue(
        lines.contains("    OrdersAdmin/Statement/1 (Sid DestructiveActionsNeedMfa)"), r.out());
    assertFalse(lines.contains("    OrdersDeveloper/Statement/0 (Sid ReadOrders)"), r.out());
    assertTrue(lines.contains("    DELETE /orders/{orderId}"), r.out());
    assertFalse(lines.contains("    GET /orders/{orderId}"), r.out());
    int routes = lines.indexOf("  routes no test called: 8");
    assertTrue(routes > 2, r.out());
  }

  @Test
  void claimsFromAnotherIssuerDoNotPassTheTrustPolicy() throws Exception {
    String request = "{action: orders:CreateOrder, resource: " + ORDER + "}";
    Path f =
        write(
            "claims.test.yaml",
            "tests:\n"
                + test(
                    "the sample issuer's fulfilment client",
                    "{role: OrdersServiceRole, claims: {iss: \"https://auth.example.invalid/iamgate-sample\","
                        + " sub: svc, client_id: fulfilment-service}}",
                    request,
                    "Allow\n    statement: CreateAndTrack")
                + test(
                    "another issuer's client",
                    "{role: OrdersServiceRole, claims: {iss: \"https://evil.example\", sub: svc,"
                        + " client_id: fulfilment-service}}",
                    request,
                    "ImplicitDeny"));
    CliRun r = CliRun.of("test", "--bundle", SAMPLE, f.toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    assertEquals("2 passed, 0 failed", r.out().lines().toList().get(2));
  }

  @Test
  void aPathNoRouteMatchesIsAnImplicitDeny() throws Exception {
    Path f =
        write(
            "noroute.test.yaml",
            "tests:\n"
                + test("no such route", "{user: alice}", "{method: GET, path: /nowhere}", "Allow"));
    CliRun r = CliRun.of("test", "--bundle", SAMPLE, f.toString());
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(
        r.out()
            .contains(
                "expected Allow, got ImplicitDeny: no route of the bundle matches GET /nowhere"),
        r.out());
  }

  @Test
  void anInvalidTestFileWithJsonPrintsTheDiagnosticsAsJson() throws Exception {
    Path f =
        write(
            "bad.test.json",
            "{\"tests\": [{\"name\": \"x\", \"principal\": {\"user\": \"alice\"},"
                + " \"request\": {\"action\": \"orders:GetOrder\"}, \"expect\": \"Allow\"}]}");
    CliRun r = CliRun.of("test", "--bundle", SAMPLE, "--json", f.toString());
    assertEquals(2, r.exit(), r.out() + r.err());
    ParseResult<Json> parsed = JsonReader.read(r.out().strip(), "out", 0);
    assertTrue(parsed.ok(), parsed.diagnostics().toString());
    List<Json> ds = ((Json.JArray) ((Json.JObject) parsed.value()).get("diagnostics")).items();
    assertEquals(1, ds.size());
    Json.JObject d = (Json.JObject) ds.get(0);
    assertEquals(f.toString(), ((Json.JString) d.get("file")).value());
    assertEquals("/tests/0/request", ((Json.JString) d.get("path")).value());
    assertEquals("1", ((Json.JNumber) d.get("line")).text());
    assertEquals("`resource` is required", ((Json.JString) d.get("message")).value());
  }
}
