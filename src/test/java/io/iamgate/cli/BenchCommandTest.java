package io.iamgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench command's inputs and its one-object JSON output (a functional test, not a timing). */
class BenchCommandTest {
  private static final String ROLES =
      """
      {"role-a":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"orders:Get*","Resource":"arn:app:orders:eu-west-1:1:order/*"},
                 {"Effect":"Deny","Action":"*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]},
       "role-b":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"orders:*","Resource":"arn:app:*:eu-west-1:1:*"}]}}
      """;
  private static final String REQUESTS =
      """
      {"id":"q1","principal":"u1","roles":["role-a"],"action":"orders:GetOrder","resource":"arn:app:orders:eu-west-1:1:order/1","context":{"aws:SourceIp":"10.1.1.1"}}
      {"id":"q2","principal":"u1","roles":["role-a"],"action":"orders:GetOrder","resource":"arn:app:orders:eu-west-1:1:order/1","context":{"aws:SourceIp":"8.8.8.8"}}
      {"id":"q3","principal":"u2","roles":["role-a","role-b"],"action":"orders:DeleteOrder","resource":"arn:app:orders:eu-west-1:1:order/1","context":{"aws:SourceIp":"10.1.1.1"}}
      {"id":"q4","principal":"u2","roles":["role-b"],"action":"invoices:GetInvoice","resource":"arn:app:invoices:eu-west-1:1:invoice/1","context":{}}
      """;
  private static final String EXPECTED =
      """
      {"id":"q1","decision":"Allow"}
      {"id":"q2","decision":"ExplicitDeny"}
      {"id":"q3","decision":"Allow"}
      {"id":"q4","decision":"Allow"}
      """;

  @Test
  void printsOneJsonObjectWithAgreement(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("roles.json"), ROLES);
    Files.writeString(dir.resolve("requests.jsonl"), REQUESTS);
    Files.writeString(dir.resolve("expected.jsonl"), EXPECTED);
    CliRun r =
        CliRun.of(
            "bench",
            "--policies",
            dir.resolve("roles.json").toString(),
            "--requests",
            dir.resolve("requests.jsonl").toString(),
            "--expected",
            dir.resolve("expected.jsonl").toString(),
            "--warmup-seconds",
            "0",
            "--seconds",
            "0.05",
            "--json");
    assertEquals(0, r.exit(), r.err());
    String json = r.out().strip();
    assertTrue(json.startsWith("{\"requests\":4,\"throughputPerSec\":"), json);
    assertEquals(1, r.out().strip().split("\n").length);
    // q4: role-b's resource has a wildcard service part, accepted by bench with a warning
    assertTrue(r.err().contains("arn:app:*"), r.err());
    Matcher m =
        Pattern.compile("\"agreement\":\\{\"matched\":(\\d+),\"total\":(\\d+)}").matcher(json);
    assertTrue(m.find(), json);
    assertEquals("3", m.group(1), json); // q4 expected Allow but invoices:GetInvoice is not granted
    assertEquals("4", m.group(2));
    for (String field : new String[] {"meanNs", "p50Ns", "p99Ns", "floorMeanNs", "meanToFloor"}) {
      assertTrue(json.contains("\"" + field + "\":"), field);
    }
  }

  @Test
  void countsInTheTextReportAgreeWithTheirNouns(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("roles.json"), ROLES);
    Files.writeString(dir.resolve("requests.jsonl"), REQUESTS);
    CliRun r =
        CliRun.of(
            "bench",
            "--policies",
            dir.resolve("roles.json").toString(),
            "--requests",
            dir.resolve("requests.jsonl").toString(),
            "--warmup-seconds",
            "0",
            "--seconds",
            "0");
    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.out().startsWith("requests     4 per pass, 1 pass, 4 decisions timed, 3 policy sets\n"),
        r.out());
    assertTrue(r.err().contains("warning: 1 resource pattern has a wildcard"), r.err());
    assertTrue(r.err().contains("on 4 requests (3 distinct policy sets)"), r.err());
  }

  @Test
  void onePolicyErrorIsOneError(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("roles.json"),
        "{\"role-a\":{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"allow\",\"Action\":\"*\",\"Resource\":\"*\"}}}");
    Files.writeString(dir.resolve("requests.jsonl"), REQUESTS);
    CliRun r =
        CliRun.of(
            "bench",
            "--policies",
            dir.resolve("roles.json").toString(),
            "--requests",
            dir.resolve("requests.jsonl").toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().startsWith("iamgate: 1 policy error: "), r.err());
  }

  @Test
  void aMalformedRequestLineNamesLineAndColumn(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("roles.json"), ROLES);
    Files.writeString(
        dir.resolve("requests.jsonl"),
        REQUESTS.lines().findFirst().orElseThrow() + "\n{\"id\":\"q2\",\"roles\":[\"role-a\"]\n");
    Path requests = dir.resolve("requests.jsonl");
    CliRun r =
        CliRun.of(
            "bench",
            "--policies",
            dir.resolve("roles.json").toString(),
            "--requests",
            requests.toString());
    assertEquals(1, r.exit());
    assertTrue(
        r.err()
            .endsWith(
                "\niamgate: "
                    + requests
                    + ":2:30: error[json-syntax]: /: unexpected end of input: expected `}` to close"
                    + " the object opened at 2:1\n"),
        r.err());
  }

  @Test
  void unknownRoleNamesTheLine(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("roles.json"), ROLES);
    Files.writeString(
        dir.resolve("requests.jsonl"),
        "{\"id\":\"q1\",\"roles\":[\"role-z\"],\"action\":\"a:b\",\"resource\":\"r\",\"context\":{}}\n");
    CliRun r =
        CliRun.of(
            "bench",
            "--policies",
            dir.resolve("roles.json").toString(),
            "--requests",
            dir.resolve("requests.jsonl").toString(),
            "--seconds",
            "0");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("requests.jsonl:1: /roles: unknown policy `role-z`"), r.err());
  }
}
