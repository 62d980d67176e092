package io.iamgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iamgate.trail.DecisionRecord;
import io.iamgate.trail.Outcome;
import io.iamgate.trail.TrailReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated policy of every principal of the example log, checked with the other commands:
 * {@code validate} accepts it, {@code analyze --fail-on security_warning} passes it, and {@code
 * simulate} allows every call the principal was observed being allowed.
 */
class GeneratePolicyCommandTest {
  static final String LOG = "src/examples/decisions.log";

  @Test
  void everyPrincipalsPolicyValidatesAnalyzesAndAllowsEveryObservedCall(@TempDir Path dir)
      throws Exception {
    List<DecisionRecord> records;
    try (InputStream in = Files.newInputStream(Path.of(LOG))) {
      records = TrailReader.read(LOG, in).records();
    }
    List<String> principals =
        records.stream().map(DecisionRecord::principal).filter(p -> p != null).distinct().toList();
    assertEquals(4, principals.size(), principals::toString);
    int simulated = 0;
    for (String p : principals) {
      CliRun gen = CliRun.of("generate-policy", "--from-logs", LOG, "--principal", p);
      assertEquals(0, gen.exit(), gen.err());
      Path policy = dir.resolve(p.replace('/', '-') + ".json");
      Files.writeString(policy, gen.out());
      CliRun validate = CliRun.of("validate", policy.toString());
      assertEquals(0, validate.exit(), validate.out() + validate.err());
      CliRun analyze = CliRun.of("analyze", "--fail-on", "security_warning", policy.toString());
      assertEquals(0, analyze.exit(), analyze.out());
      for (DecisionRecord r : records) {
        if (!p.equals(r.principal()) || r.outcome() != Outcome.ALLOW) {
          continue;
        }
        List<String> args =
            new ArrayList<>(
                List.of(
                    "simulate",
                    "--policy",
                    policy.toString(),
                    "--action",
                    r.action(),
                    "--resource",
                    r.resource()));
        if (Boolean.TRUE.equals(r.mfaPresent())) {
          args.addAll(List.of("--context", "aws:MultiFactorAuthPresent=true"));
        }
        CliRun sim = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, sim.exit(), p + " " + r.action() + " " + r.resource() + ": " + sim.out());
        simulated++;
      }
      // and no action of the denied calls
      for (DecisionRecord r : records) {
        if (p.equals(r.principal()) && r.outcome().isDeny()) {
          CliRun sim =
              CliRun.of(
                  "simulate",
                  "--policy",
                  policy.toString(),
                  "--action",
                  r.action(),
                  "--resource",
                  r.resource(),
                  "--context",
                  "aws:MultiFactorAuthPresent=true");
          assertEquals(3, sim.exit(), p + " was denied " + r.action() + ": " + sim.out());
        }
      }
    }
    assertEquals(18, simulated);
  }

  @Test
  void aMfaConditionIsOnlyAddedWhenEveryCallHadMfa() {
    CliRun carol = CliRun.of("generate-policy", "--from-logs", LOG, "--principal", "carol");
    assertTrue(carol.out().contains("\"aws:MultiFactorAuthPresent\" : \"true\""), carol.out());
    CliRun role =
        CliRun.of("generate-policy", "--from-logs", LOG, "--principal", "role/OrdersServiceRole");
    assertFalse(role.out().contains("MultiFactorAuth"), role.out());
    assertTrue(role.err().contains("SENSITIVE_ACTION_WITHOUT_MFA"), role.err());
  }

  @Test
  void anAmbiguousNameIsAUsageError(@TempDir Path dir) throws Exception {
    String user = Files.readAllLines(Path.of(LOG)).get(1);
    String role =
        user.replace("\"user/alice\"", "\"role/alice\"")
            .replace("\"type\":\"user\"", "\"type\":\"role\"");
    Path log = dir.resolve("two.log");
    Files.writeString(log, user + "\n" + role + "\n");
    CliRun r = CliRun.of("generate-policy", "--from-logs", log.toString(), "--principal", "alice");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("names role/alice and user/alice"), r.err());
  }
}
