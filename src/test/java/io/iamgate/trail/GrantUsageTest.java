package io.iamgate.trail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleFiles;
import io.iamgate.bundle.BundleReader;
import io.iamgate.json.ParseResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Grants expanded against the catalogue and set against what was used. */
class GrantUsageTest {
  static final String BUNDLE =
      """
      format: iamgate-bundle/1
      account: "123456789012"
      policies:
        Readers:
          Version: "2012-10-17"
          Statement:
            - {Effect: Allow, Action: "orders:Get*", Resource: "*"}
            - {Effect: Deny, Action: "orders:GetSecret", Resource: "*"}
        AllButDelete:
          Version: "2012-10-17"
          Statement:
            - {Effect: Allow, NotAction: "orders:DeleteOrder", Resource: "arn:app:orders:*:*:order/*"}
      groups:
        Team: {policies: [Readers]}
      users:
        dana:
          groups: [Team]
          inlinePolicies:
            Own:
              Version: "2012-10-17"
              Statement:
                - {Effect: Allow, Action: "reports:GetReport", Resource: "*"}
        eve: {policies: [AllButDelete]}
      routes:
        - {method: GET, path: "/orders/{id}", action: "orders:GetOrder", resource: "arn:app:orders:eu-west-1:${account}:order/${request:path/id}"}
        - {method: DELETE, path: "/orders/{id}", action: "orders:DeleteOrder", resource: "arn:app:orders:eu-west-1:${account}:order/${request:path/id}"}
      """;

  static Bundle bundle() {
    ParseResult<Bundle> b = BundleReader.read(BundleFiles.single("t", "bundle.yaml", BUNDLE));
    assertTrue(b.ok(), b.diagnostics()::toString);
    return b.value();
  }

  static List<DecisionRecord> events(String... lines) throws Exception {
    return TrailReader.read(
            "t.log",
            new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)))
        .records();
  }

  @Test
  void grantsAreExpandedAgainstTheCatalogueAndUsesCounted() throws Exception {
    List<DecisionRecord> records =
        events(
            TrailReaderTest.line(
                "2026-11-29T10:00:00.000Z", "Allow", "user/dana", "orders:GetOrder", "o1"),
            TrailReaderTest.line(
                "2026-11-29T11:00:00.000Z", "Allow", "user/dana", "orders:GetOrder", "o2"),
            TrailReaderTest.line(
                "2026-11-29T12:00:00.000Z", "ImplicitDeny", "user/dana", "reports:GetReport", "r"),
            TrailReaderTest.line(
                "2026-11-29T12:30:00.000Z", "Allow", "user/eve", "orders:ListOrders", "o3"),
            TrailReaderTest.line(
                "2026-11-29T13:00:00.000Z", "Allow", "user/zoe", "orders:GetOrder", "o4"));
    GrantUsage.Report r = GrantUsage.of(bundle(), records);
    assertEquals(
        List.of("user/dana", "user/eve"), r.principals().stream().map(p -> p.principal()).toList());
    assertEquals(List.of("user/zoe"), r.notInBundle());

    GrantUsage.PrincipalUse dana = r.principals().get(0);
    assertEquals(Instant.parse("2026-11-29T12:00:00Z"), dana.lastSeen());
    assertEquals(2, dana.policies().size());
    GrantUsage.PolicyUse own = dana.policies().get(0);
    assertEquals("Own", own.policy());
    assertEquals("user inline", own.via());
    assertEquals(List.of("reports:GetReport"), own.unused(), "a denied call is no use");
    GrantUsage.PolicyUse readers = dana.policies().get(1);
    assertEquals("group/Team", readers.via());
    // orders:Get* expands to the catalogue's GetOrder and the literal GetSecret (of the Deny)
    assertEquals(
        List.of(new GrantUsage.Use("orders:GetOrder", Instant.parse("2026-11-29T11:00:00Z"), 2)),
        readers.used());
    assertEquals(List.of("orders:GetSecret"), readers.unused());

    GrantUsage.PolicyUse eve = r.principals().get(1).policies().get(0);
    assertEquals("user", eve.via());
    // NotAction: every catalogue action but DeleteOrder, the observed ListOrders included
    assertEquals(
        List.of("orders:ListOrders"), eve.used().stream().map(GrantUsage.Use::action).toList());
    assertTrue(eve.unused().contains("orders:GetOrder"));
    assertTrue(eve.unused().contains("reports:GetReport"));
    assertTrue(!eve.unused().contains("orders:DeleteOrder"));
  }

  @Test
  void aPrincipalNeverSeenHasEveryGrantUnused() throws Exception {
    GrantUsage.Report r = GrantUsage.of(bundle(), List.of());
    GrantUsage.PrincipalUse dana = r.principals().get(0);
    assertNull(dana.lastSeen());
    assertTrue(dana.policies().stream().allMatch(p -> p.used().isEmpty()));
    assertNotNull(r.notInBundle());
    assertTrue(r.notInBundle().isEmpty());
  }

  @Test
  void theCatalogueHoldsRouteActionsAndLiteralPolicyActions() {
    assertEquals(
        List.of("orders:DeleteOrder", "orders:GetOrder", "orders:GetSecret", "reports:GetReport"),
        GrantDiff.catalogue(bundle()));
  }
}
