package io.iamgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact output of CLI commands on the bundled examples, compared with files under {@code
 * src/test/resources/golden/cli}. Both sides of a pair must exist. To accept a deliberate change,
 * run with {@code -Dgolden.update=true} and review the diff.
 */
class CliGoldenTest {
  private static final Path DIR = Path.of("src/test/resources/golden/cli");
  private static final String P = "src/examples/policies/";
  private static final String ARN = "arn:app:orders:eu-west-1:123456789012:order/ord-42";
  private static final String M = "src/test/resources/cli/malformed/";
  private static final String T = "src/test/resources/trail/";

  static Stream<Arguments> commands() throws IOException {
    List<String> invokeEvents = new ArrayList<>(List.of("invoke"));
    invokeEvents.addAll(InvokeCommandTest.events());
    return Stream.of(
        Arguments.of("invoke-events", 0, invokeEvents),
        Arguments.of("help", 0, List.of("--help")),
        Arguments.of("help-validate", 0, List.of("validate", "--help")),
        Arguments.of("help-analyze", 0, List.of("analyze", "--help")),
        Arguments.of(
            "analyze-sample",
            0,
            List.of("analyze", "src/main/resources/iamgate/sample-bundle.yaml")),
        Arguments.of("help-simulate", 0, List.of("simulate", "--help")),
        Arguments.of("help-bench", 0, List.of("bench", "--help")),
        Arguments.of("help-hash-key", 0, List.of("hash-key", "--help")),
        Arguments.of("help-invoke", 0, List.of("invoke", "--help")),
        Arguments.of("help-logs", 0, List.of("logs", "--help")),
        Arguments.of("help-generate-policy", 0, List.of("generate-policy", "--help")),
        Arguments.of("help-unused", 0, List.of("unused", "--help")),
        Arguments.of(
            "unused-sample",
            0,
            List.of(
                "unused",
                "--from-logs",
                "src/examples/decisions.log",
                "--bundle",
                "src/main/resources/iamgate/sample-bundle.yaml")),
        Arguments.of(
            "unused-since-json",
            0,
            List.of(
                "unused",
                "--json",
                "--since",
                "2026-11-30T08:30:00Z",
                "--from-logs",
                "src/examples/decisions.log",
                T + "invoke-events.log",
                "--bundle",
                "src/main/resources/iamgate/sample-bundle.yaml")),
        Arguments.of(
            "unused-broken-bundle",
            2,
            List.of(
                "unused",
                "--from-logs",
                "src/examples/decisions.log",
                "--bundle",
                "src/examples/broken-bundle.yaml")),
        Arguments.of(
            "generate-policy-alice-bundle",
            0,
            List.of(
                "generate-policy",
                "--from-logs",
                "src/examples/decisions.log",
                "--principal",
                "alice",
                "--bundle",
                "src/main/resources/iamgate/sample-bundle.yaml")),
        Arguments.of(
            "generate-policy-carol-json",
            0,
            List.of(
                "generate-policy",
                "--json",
                "--from-logs",
                "src/examples/decisions.log",
                "--principal",
                "user/carol",
                "--bundle",
                "src/main/resources/iamgate/sample-bundle.yaml")),
        Arguments.of(
            "generate-policy-invoke-events",
            0,
            List.of(
                "generate-policy", "--from-logs", T + "invoke-events.log", "--principal", "alice")),
        Arguments.of(
            "generate-policy-bob-include-denied",
            0,
            List.of(
                "generate-policy",
                "--include-denied",
                "--from-logs",
                "src/examples/decisions.log",
                "--principal",
                "bob")),
        Arguments.of(
            "generate-policy-unknown-principal",
            1,
            List.of(
                "generate-policy",
                "--from-logs",
                "src/examples/decisions.log",
                "--principal",
                "zed")),
        Arguments.of("logs-invoke-events", 0, List.of("logs", T + "invoke-events.log")),
        Arguments.of(
            "logs-denied-since-json",
            0,
            List.of(
                "logs",
                "--json",
                "--decision",
                "deny",
                "--since",
                "2026-11-29T20:16:41Z",
                T + "invoke-events.log")),
        Arguments.of(
            "logs-route-summary",
            0,
            List.of(
                "logs",
                "--summary",
                "--route",
                "DELETE /orders/{orderId}",
                T + "invoke-events.log")),
        Arguments.of(
            "logs-no-match",
            1,
            List.of(
                "logs", "--principal", "carol", "--decision", "Allow", T + "invoke-events.log")),
        Arguments.of("logs-malformed", 0, List.of("logs", T + "malformed.log")),
        Arguments.of("logs-unreadable", 2, List.of("logs", T + "no-events.log", T + "no/such.log")),
        Arguments.of(
            "logs-bad-since", 2, List.of("logs", "--since", "yesterday", T + "invoke-events.log")),
        Arguments.of("validate-broken", 1, List.of("validate", P + "broken.json")),
        Arguments.of("validate-broken-json", 1, List.of("validate", "--json", P + "broken.json")),
        Arguments.of(
            "validate-valid",
            0,
            List.of(
                "validate",
                P + "developer.json",
                P + "admin.json",
                P + "boundary.json",
                P + "guardrail.json")),
        Arguments.of(
            "simulate-guardrail-deny",
            3,
            List.of(
                "simulate",
                "--policy",
                P + "developer.json",
                "--guardrail",
                P + "guardrail.json",
                "--action",
                "orders:GetOrder",
                "--resource",
                ARN,
                "--context",
                "aws:SourceIp=198.51.100.7")),
        Arguments.of(
            "simulate-near-miss-resource",
            3,
            List.of(
                "simulate",
                "--policy",
                P + "developer.json",
                "--action",
                "orders:GetInvoice",
                "--resource",
                "arn:app:orders:eu-west-1:123456789012:invoice/inv-7")),
        Arguments.of(
            "simulate-near-miss-condition-json",
            3,
            List.of(
                "simulate",
                "--json",
                "--policy",
                P + "developer.json",
                "--action",
                "orders:UpdateOrder",
                "--resource",
                ARN,
                "--context",
                "aws:ResourceTag/team=payments")),
        Arguments.of(
            "simulate-allow",
            0,
            List.of(
                "simulate",
                "--policy",
                P + "developer.json",
                "--guardrail",
                P + "guardrail.json",
                "--action",
                "orders:GetOrder",
                "--resource",
                ARN,
                "--context",
                "aws:SourceIp=10.0.0.1")),
        Arguments.of(
            "simulate-boundary-json",
            3,
            List.of(
                "simulate",
                "--json",
                "--policy",
                P + "admin.json",
                "--boundary",
                P + "boundary.json",
                "--action",
                "payments:RefundPayment",
                "--resource",
                "arn:app:payments:eu-west-1:123456789012:payment/pay-1")),
        Arguments.of(
            "simulate-invalid-policy",
            1,
            List.of(
                "simulate",
                "--policy",
                P + "broken.json",
                "--action",
                "orders:GetOrder",
                "--resource",
                ARN)),
        Arguments.of(
            "simulate-batch-examples",
            0,
            List.of("simulate", "--batch", "src/examples/cases.jsonl")),
        Arguments.of(
            "validate-bundles",
            1,
            List.of("validate", "src/examples/broken-bundle.yaml", "src/examples/bundle")),
        Arguments.of(
            "simulate-bundle-user",
            0,
            List.of(
                "simulate",
                "--bundle",
                "src/examples/bundle",
                "--user",
                "alice",
                "--action",
                "orders:UpdateOrder",
                "--resource",
                ARN,
                "--context",
                "aws:SourceIp=10.0.0.7",
                "--context",
                "aws:ResourceTag/team=payments")),
        Arguments.of(
            "simulate-bundle-role-json",
            3,
            List.of(
                "simulate",
                "--json",
                "--bundle",
                "src/examples/bundle",
                "--role",
                "Auditor",
                "--action",
                "orders:DeleteOrder",
                "--resource",
                ARN,
                "--context",
                "aws:SourceIp=10.0.0.7")),
        Arguments.of(
            "validate-malformed-json",
            1,
            List.of(
                "validate",
                M + "empty.json",
                M + "open-object.json",
                M + "truncated.json",
                M + "trailing-comma.json",
                M + "bare-word.json",
                M + "number-garbage.json",
                M + "unterminated-string.json",
                M + "control-character.json",
                M + "not-utf8.json")),
        Arguments.of("validate-malformed-bundle", 1, List.of("validate", M + "bundle")),
        Arguments.of(
            "simulate-batch-malformed", 0, List.of("simulate", "--batch", M + "cases.jsonl")),
        Arguments.of(
            "simulate-bundle-unknown-user",
            1,
            List.of(
                "simulate",
                "--bundle",
                "src/examples/bundle",
                "--user",
                "mallory",
                "--action",
                "orders:GetOrder",
                "--resource",
                ARN)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void outputMatchesGoldenFile(String name, int exit, List<String> args) throws IOException {
    // an empty environment: invoke runs on the embedded sample bundle whatever IAMGATE_* is set
    CliRun run = CliRun.withEnv(Map.of(), args.toArray(String[]::new));
    String actual =
        "$ iamgate "
            + String.join(" ", args)
            + "\n"
            + run.out()
            + (run.err().isEmpty() ? "" : "--- stderr\n" + run.err())
            + "--- exit "
            + run.exit()
            + "\n";
    Path golden = DIR.resolve(name + ".txt");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(DIR);
      Files.writeString(golden, actual);
    }
    assertEquals(Files.readString(golden), actual, "golden file " + golden);
    assertEquals(exit, run.exit());
  }
}
