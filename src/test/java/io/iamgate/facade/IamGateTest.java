package io.iamgate.facade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iamgate.eval.Decision;
import io.iamgate.identity.Principal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The facade on the embedded sample bundle. */
class IamGateTest {
  private static final IamGate GATE = IamGate.open("");
  private static final String ORDER = "arn:app:orders:eu-west-1:123456789012:order/ord-1";
  private static final Map<String, Object> EU = Map.of("aws:RequestedRegion", "eu-west-1");

  @Test
  void usersGetTheirGroupsPolicies() {
    Authorization a = GATE.authorize(Principal.user("alice"), "orders:GetOrder", ORDER, EU);
    assertTrue(a.allowed(), a.reason());
    assertNull(a.problem());
    assertEquals(
        List.of("OrdersDeveloper"), a.statements().stream().map(s -> s.documentName()).toList());
    assertEquals(GATE.bundleVersion().orElseThrow(), a.bundleVersion());
  }

  @Test
  void principalTagsCannotBeOverriddenByTheCaller() {
    // alice's team tag is `payments`, which WriteOwnTeamOrders allows; the caller's value is
    // ignored
    Map<String, Object> ctx =
        Map.of("aws:RequestedRegion", "eu-west-1", "AWS:PrincipalTag/Team", "nobody");
    assertTrue(GATE.authorize(Principal.user("alice"), "orders:UpdateOrder", ORDER, ctx).allowed());
    // bob (support) cannot update, whatever tag he claims
    Map<String, Object> spoof =
        Map.of("aws:RequestedRegion", "eu-west-1", "aws:PrincipalTag/team", "payments");
    assertFalse(
        GATE.authorize(Principal.user("bob"), "orders:UpdateOrder", ORDER, spoof).allowed());
  }

  @Test
  void boundariesAndGuardrailsApply() {
    Authorization boundary = GATE.explain(Principal.user("alice"), "invoices:GetInvoice", "*", EU);
    assertEquals(Decision.IMPLICIT_DENY, boundary.decision());
    Authorization guardrail =
        GATE.authorize(
            Principal.user("carol"),
            "orders:GetOrder",
            ORDER,
            Map.of("aws:RequestedRegion", "us-east-1"));
    assertEquals(Decision.EXPLICIT_DENY, guardrail.decision());
    assertEquals("SampleGuardrail", guardrail.statements().get(0).documentName());
  }

  @Test
  void mfaProtectsDestructiveAdminActions() {
    assertEquals(
        Decision.EXPLICIT_DENY,
        GATE.authorize(
                Principal.user("carol"),
                "orders:DeleteOrder",
                ORDER,
                Map.of("aws:RequestedRegion", "eu-west-1", "aws:MultiFactorAuthPresent", "false"))
            .decision());
    assertTrue(
        GATE.authorize(
                Principal.user("carol"),
                "orders:DeleteOrder",
                ORDER,
                Map.of("aws:RequestedRegion", "eu-west-1", "aws:MultiFactorAuthPresent", "true"))
            .allowed());
  }

  @Test
  void failuresAreDenialsWithAProblem() {
    Authorization unknown = GATE.authorize(Principal.user("mallory"), "orders:GetOrder", ORDER, EU);
    assertEquals(Decision.IMPLICIT_DENY, unknown.decision());
    assertEquals("the bundle has no user `mallory`", unknown.problem());
    Authorization badIp =
        GATE.authorize(
            Principal.user("alice"), "orders:GetOrder", ORDER, Map.of("aws:SourceIp", "nope"));
    assertFalse(badIp.allowed());
    assertTrue(badIp.problem().contains("aws:SourceIp"), badIp.problem());
    Authorization badAction = GATE.authorize(Principal.user("alice"), "orders", ORDER, EU);
    assertFalse(badAction.allowed());
  }

  @Test
  void settingsComeFromTheEnvironment() {
    IamGate.Settings s =
        IamGate.Settings.from(
            Map.of("IAMGATE_BUNDLE", "file:/b.yaml", "IAMGATE_REFRESH_SECONDS", "30"));
    assertEquals("file:/b.yaml", s.bundle());
    assertEquals(java.time.Duration.ofSeconds(30), s.refresh());
    assertEquals(java.time.Duration.ofMillis(2000), s.fetchTimeout());
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> IamGate.Settings.from(Map.of("IAMGATE_FETCH_TIMEOUT_MS", "soon")));
    assertTrue(e.getMessage().startsWith("IAMGATE_FETCH_TIMEOUT_MS `soon`"), e.getMessage());
  }

  @Test
  void batchesAnswerInOrder() {
    List<Authorization> out =
        GATE.authorizeAll(
            List.of(
                new AuthorizationRequest(Principal.user("bob"), "orders:ListOrders", ORDER, EU),
                new AuthorizationRequest(Principal.user("bob"), "orders:DeleteOrder", ORDER, EU),
                new AuthorizationRequest(
                    Principal.role("AuditorRole", "carol"), "orders:GetOrder", ORDER, EU)));
    assertEquals(
        List.of(Decision.ALLOW, Decision.IMPLICIT_DENY, Decision.ALLOW),
        out.stream().map(Authorization::decision).toList());
  }

  @Test
  void fromEnvironmentRefusesTheSampleBundleUnlessAllowed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> IamGate.fromEnvironment(Map.of()));
    assertTrue(e.getMessage().contains("IAMGATE_BUNDLE is not set"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> IamGate.fromEnvironment(Map.of("IAMGATE_BUNDLE", "embedded:")));
    assertEquals(
        "IAMGATE_BUNDLE is `embedded:` but IAMGATE_ALLOW_SAMPLE_BUNDLE is not true: refusing to"
            + " run on the embedded SAMPLE bundle (set IAMGATE_BUNDLE to your bundle, or"
            + " IAMGATE_ALLOW_SAMPLE_BUNDLE=true for a demo)",
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            IamGate.fromEnvironment(
                Map.of("IAMGATE_BUNDLE", "embedded:", "IAMGATE_ALLOW_SAMPLE_BUNDLE", "false")));
    IamGate demo = IamGate.fromEnvironment(Map.of("IAMGATE_ALLOW_SAMPLE_BUNDLE", "true"));
    assertTrue(demo.bundleVersion().isPresent());
    IamGate named =
        IamGate.fromEnvironment(
            Map.of("IAMGATE_BUNDLE", "embedded:", "IAMGATE_ALLOW_SAMPLE_BUNDLE", "true"));
    assertEquals(demo.bundleVersion(), named.bundleVersion());
  }
}
