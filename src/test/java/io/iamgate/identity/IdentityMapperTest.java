package io.iamgate.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleFiles;
import io.iamgate.bundle.BundleReader;
import io.iamgate.compile.CompiledDocument;
import io.iamgate.compile.NamedDocument;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Claims to principals, with trust policies evaluated by the engine. */
class IdentityMapperTest {
  private static final Bundle BUNDLE = load();

  private static Bundle load() {
    try {
      String text =
          new String(
              IdentityMapperTest.class
                  .getResourceAsStream("/iamgate/sample-bundle.yaml")
                  .readAllBytes(),
              java.nio.charset.StandardCharsets.UTF_8);
      return BundleReader.read(BundleFiles.single("sample", "sample-bundle.yaml", text)).value();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private final IdentityMapper mapper =
      new IdentityMapper(
          BUNDLE, p -> CompiledDocument.compile(new NamedDocument(p.name(), p.document())));
  private static final String ISSUER = "https://auth.example.invalid/iamgate-sample";

  @Test
  void theUserClaimNamesABundleUser() {
    IdentityMapper.Result r =
        mapper.fromClaims(
            Map.of("cognito:username", "alice", "cognito:groups", List.of("Extra")), ISSUER, null);
    assertEquals(Principal.Kind.USER, r.principal().kind());
    assertEquals("alice", r.principal().name());
    assertEquals(List.of("Extra"), r.principal().groups());
  }

  @Test
  void unknownCallersAreRefused() {
    IdentityMapper.Result r =
        mapper.fromClaims(Map.of("cognito:username", "mallory"), ISSUER, null);
    assertNull(r.principal());
    assertTrue(r.problem().contains("`mallory` is not a user of the bundle"), r.problem());
  }

  @Test
  void roleRulesPickARoleTheTrustPolicyAllows() {
    IdentityMapper.Result r =
        mapper.fromClaims(Map.of("sub", "svc-1", "client_id", "fulfilment-service"), ISSUER, null);
    assertEquals(Principal.Kind.ROLE, r.principal().kind());
    assertEquals("OrdersServiceRole", r.principal().name());
    assertEquals("svc-1", r.principal().sessionName());
  }

  @Test
  void aRuleMatchFromAnotherIssuerFailsTheTrustPolicy() {
    IdentityMapper.Result r =
        mapper.fromClaims(
            Map.of("sub", "svc-1", "client_id", "fulfilment-service"),
            "https://evil.example",
            null);
    assertNull(r.principal());
    assertTrue(
        r.problem().contains("trust policy of role `OrdersServiceRole` does not allow"),
        r.problem());
  }

  @Test
  void requestedRolesAreCheckedAgainstTheTrustPolicy() {
    IdentityMapper.Result carol =
        mapper.fromClaims(Map.of("cognito:username", "carol"), ISSUER, "AuditorRole");
    assertEquals("AuditorRole", carol.principal().name(), carol.problem());
    IdentityMapper.Result alice =
        mapper.fromClaims(Map.of("cognito:username", "alice"), ISSUER, "AuditorRole");
    assertNull(alice.principal());
    IdentityMapper.Result bob = mapper.userAssumesRole("bob", "AuditorRole");
    assertEquals("AuditorRole", bob.principal().name());
    assertNull(mapper.userAssumesRole("alice", "OrdersServiceRole").principal());
  }

  @Test
  void claimsAssumeARoleByItsTrustPolicyAlone() {
    // no role rule and no role request: only the trust policy decides
    IdentityMapper.Result svc =
        mapper.claimsAssumeRole(
            Map.of("sub", "svc-1", "client_id", "fulfilment-service"), ISSUER, "OrdersServiceRole");
    assertEquals("OrdersServiceRole", svc.principal().name(), svc.problem());
    assertEquals("svc-1", svc.principal().sessionName());
    IdentityMapper.Result other =
        mapper.claimsAssumeRole(
            Map.of("sub", "web", "client_id", "orders-web"), ISSUER, "OrdersServiceRole");
    assertNull(other.principal());
    assertTrue(other.problem().contains("does not allow this caller"), other.problem());
    IdentityMapper.Result carol =
        mapper.claimsAssumeRole(Map.of("cognito:username", "carol"), ISSUER, "AuditorRole");
    assertEquals("AuditorRole", carol.principal().name(), carol.problem());
    assertEquals("carol", carol.principal().sessionName());
  }

  @Test
  void claimsBecomeJwtContextKeys() {
    Map<String, Object> ctx =
        Claims.toContext(
            Map.of(
                "sub",
                "u1",
                "scope",
                "orders:read orders:write",
                "groups",
                List.of("a", "b"),
                "address",
                Map.of("country", "FR"),
                "age",
                42,
                "email_verified",
                true));
    assertEquals("u1", ctx.get("jwt:sub"));
    assertEquals(List.of("orders:read", "orders:write"), ctx.get("jwt:scope"));
    assertEquals(List.of("a", "b"), ctx.get("jwt:groups"));
    assertEquals("FR", ctx.get("jwt:address/country"));
    assertEquals("42", ctx.get("jwt:age"));
    assertEquals("true", ctx.get("jwt:email_verified"));
  }

  @Test
  void principalsContributeTheirKeysAndDocuments() {
    PrincipalResolver resolver = new PrincipalResolver(BUNDLE);
    Map<String, String> keys = resolver.contextKeys(Principal.user("alice"));
    assertEquals("alice", keys.get("aws:username"));
    assertEquals("arn:app:iam::123456789012:user/alice", keys.get("aws:PrincipalArn"));
    assertEquals("payments", keys.get("aws:PrincipalTag/team"));
    PrincipalPolicies pp = resolver.policies(Principal.user("alice")).orElseThrow();
    assertEquals(
        List.of("OrdersDeveloper", "RealtimeUpdates"),
        pp.identity().stream().map(Bundle.Policy::name).toList());
    assertEquals("DeveloperBoundary", pp.boundary().name());
    assertEquals(
        List.of("SampleGuardrail"), pp.guardrails().stream().map(Bundle.Policy::name).toList());
    Map<String, String> role = resolver.contextKeys(Principal.role("OrdersServiceRole", "svc-1"));
    assertEquals("AssumedRole", role.get("aws:PrincipalType"));
    assertEquals("OrdersServiceRole:svc-1", role.get("aws:userid"));
    assertNull(role.get("aws:username"));
  }
}
