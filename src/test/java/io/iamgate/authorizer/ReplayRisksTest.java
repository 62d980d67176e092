package io.iamgate.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleFiles;
import io.iamgate.bundle.BundleReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The startup warning for statements whose conditions test a per-request key no method ARN holds:
 * with answers that may be cached, an Allow they let through is replayed for the same route and
 * caller until the TTL ends.
 */
class ReplayRisksTest {
  private static Bundle read(String json) {
    var read = BundleReader.read(BundleFiles.single("test", "bundle.json", json));
    assertEquals(List.of(), read.errors(), "test bundle");
    return read.value();
  }

  private static Bundle withStatements(String statements) {
    return read(
        "{\"policies\":{\"P\":{\"Version\":\"2012-10-17\",\"Statement\":"
            + statements
            + "}},\"users\":{\"alice\":{\"policies\":[\"P\"]}},\"routes\":[]}");
  }

  @Test
  void theSampleBundlesOfficeOnlyExportIsNamed() throws IOException {
    Bundle sample =
        read(Files.readString(Path.of("src/main/resources/iamgate/sample-bundle.json")));
    assertEquals(
        List.of("policy OrdersAdmin, statement 2 (Sid ExportsFromTheOfficeOnly): aws:SourceIp"),
        ReplayRisks.of(sample));
  }

  @Test
  void keysTheArnHoldsAndStableKeysAreNotRisks() {
    Bundle b =
        withStatements(
            "[{\"Effect\":\"Allow\",\"Action\":\"a:B\",\"Resource\":\"*\",\"Condition\":{"
                + "\"StringEquals\":{\"request:path/id\":\"1\",\"request:method\":\"GET\","
                + "\"request:stage\":\"prod\",\"aws:username\":\"alice\"},"
                + "\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}}]");
    assertEquals(List.of(), ReplayRisks.of(b));
  }

  @Test
  void everyKeyOutsideTheArnIsNamed() {
    Bundle b =
        withStatements(
            "[{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Action\":\"a:B\",\"Resource\":\"*\",\"Condition\":{"
                + "\"DateLessThan\":{\"aws:CurrentTime\":\"2030-01-01T00:00:00Z\"},"
                + "\"StringLike\":{\"request:header/x-tenant\":\"t-*\",\"aws:UserAgent\":\"curl*\"},"
                + "\"StringEquals\":{\"request:query/view\":\"full\",\"aws:username\":\"${aws:SourceIp}\"}}}]");
    assertEquals(
        List.of(
            "policy P, statement 0 (Sid S): aws:CurrentTime, aws:UserAgent, aws:username (a"
                + " variable in its value), request:header/x-tenant, request:query/view"),
        ReplayRisks.of(b));
  }

  @Test
  void theWarningIsGivenOnlyWhenAnswersMayBeCached() {
    List<String> risks = List.of("policy P, statement 0: aws:SourceIp");
    String unset = ReplayRisks.warning(AuthorizerSettings.from(Map.of()), risks);
    assertNotNull(unset);
    assertTrue(unset.startsWith("answers may be cached (IAMGATE_CACHE_TTL_SECONDS is not set)"));
    assertTrue(unset.contains("policy P, statement 0: aws:SourceIp"), unset);
    String cached =
        ReplayRisks.warning(
            AuthorizerSettings.from(Map.of("IAMGATE_CACHE_TTL_SECONDS", "300")), risks);
    assertNotNull(cached);
    assertTrue(cached.contains("IAMGATE_CACHE_TTL_SECONDS=300"), cached);
    assertNull(
        ReplayRisks.warning(
            AuthorizerSettings.from(Map.of("IAMGATE_CACHE_TTL_SECONDS", "0")), risks));
    assertNull(ReplayRisks.warning(AuthorizerSettings.from(Map.of()), List.of()));
  }

  @Test
  void aLongListIsCut() {
    List<String> risks = List.of("r1", "r2", "r3", "r4", "r5", "r6", "r7");
    String w = ReplayRisks.warning(AuthorizerSettings.from(Map.of()), risks);
    assertNotNull(w);
    assertTrue(w.contains("r5; and 2 more."), w);
  }

  @Test
  void resourcesThatSubstituteAKeyOutsideTheArnAreNamed() {
    Bundle b =
        read(
            "{\"policies\":{\"P\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Deny\",\"Action\":\"a:B\",\"Resource\":\"arn:app:a:::${request:header/x-kind}\"}]}},"
                + "\"users\":{\"alice\":{\"policies\":[\"P\"]}},\"routes\":[{\"method\":\"GET\","
                + "\"path\":\"/t/{id}\",\"action\":\"a:B\",\"resource\":"
                + "\"arn:app:a:::${request:header/x-tenant, 'public'}/${request:path/id}\"}]}");
    assertEquals(
        List.of(
            "policy P, statement 0: request:header/x-kind (a variable in its resource)",
            "route GET /t/{id}: its resource substitutes request:header/x-tenant"),
        ReplayRisks.of(b));
  }

  @Test
  void roleRequestsAreNamedWhileAnswersMayBeCached() throws IOException {
    Bundle sample =
        read(Files.readString(Path.of("src/main/resources/iamgate/sample-bundle.json")));
    String w = ReplayRisks.roleWarning(AuthorizerSettings.from(Map.of()), sample);
    assertNotNull(w);
    assertTrue(w.contains("`x-iamgate-role` header, which is not part of API Gateway's cache key"));
    assertNull(
        ReplayRisks.roleWarning(
            AuthorizerSettings.from(Map.of("IAMGATE_CACHE_TTL_SECONDS", "0")), sample));
    assertNull(
        ReplayRisks.roleWarning(
            AuthorizerSettings.from(Map.of()),
            withStatements("[{\"Effect\":\"Allow\",\"Action\":\"a:B\",\"Resource\":\"*\"}]")));
  }
}
