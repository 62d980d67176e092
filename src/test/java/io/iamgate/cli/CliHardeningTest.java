package io.iamgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** What the third break round found in the policy tools: devices, credentials, broken XML. */
class CliHardeningTest {
  private static final String JWS =
      "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLWJ5dGVzLWhlcmU";

  @TempDir Path dir;

  @Test
  @EnabledOnOs(OS.LINUX)
  void aDeviceIsRefusedWithoutAStackTrace() {
    CliRun analyze = CliRun.of("analyze", "/dev/zero");
    assertEquals(1, analyze.exit(), analyze.err());
    assertTrue(analyze.err().contains("/dev/zero"), analyze.err());
    assertFalse(analyze.err().contains("at io.iamgate"), analyze.err());
    CliRun test = CliRun.of("test", "/dev/zero");
    assertEquals(2, test.exit(), test.err() + test.out());
    assertTrue((test.out() + test.err()).contains("not a regular file"), test.err());
  }

  @Test
  void aNearMissNeverPrintsACredential() throws Exception {
    Path policy =
        Files.writeString(
            dir.resolve("p.json"),
            "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\":"
                + " \"a:B\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"jwt:t\":"
                + " \"x\"}}}]}");
    for (boolean json : new boolean[] {false, true}) {
      String[] args = {
        "simulate",
        "--policy",
        policy.toString(),
        "--action",
        "a:B",
        "--resource",
        "r",
        "--context",
        "jwt:t=" + JWS
      };
      CliRun r = json ? CliRun.of(append(args, "--json")) : CliRun.of(args);
      assertTrue(r.out().contains("near miss") || r.out().contains("nearMisses"), r.out());
      assertFalse((r.out() + r.err()).contains("c2lnbmF0dXJl"), r.out() + r.err());
    }
  }

  private static String[] append(String[] args, String last) {
    String[] out = java.util.Arrays.copyOf(args, args.length + 1);
    out[args.length] = last;
    return out;
  }

  @Test
  void theJunitReportStaysWellFormedWhateverATestIsNamed() {
    String bad = "name \u0001 \uFFFE \uD800 end";
    String clean = TestReports.xml(bad);
    assertEquals("name \uFFFD \uFFFD \uFFFD end", clean);
    assertEquals("ok \t\n emoji \uD83D\uDE00", TestReports.xml("ok \t\n emoji \uD83D\uDE00"));
  }
}
