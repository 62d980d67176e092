package io.iamgate.lint;

import static io.iamgate.lint.AnalyzerTest.bundle;
import static io.iamgate.lint.AnalyzerTest.codes;
import static io.iamgate.lint.AnalyzerTest.only;
import static io.iamgate.lint.AnalyzerTest.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * ALLOW_SHADOWED_BY_DENY, ALLOW_OUTSIDE_PERMISSIONS_BOUNDARY and ALLOW_OUTSIDE_GUARDRAILS: one
 * input that triggers each and one that does not (soundness over random inputs: {@link
 * ShadowingProperties}).
 */
class NeverTakesEffectTest {
  private static final String GET =
      "{\"Effect\":\"Allow\",\"Action\":\"orders:GetOrder\","
          + "\"Resource\":\"arn:app:orders:*:1:order/*\"}";

  @Test
  void anAllowCoveredByAnUnconditionalDenyOfTheSamePolicyIsReported() {
    Finding f =
        only(
            policy(
                GET
                    + ",{\"Sid\":\"NoOrders\",\"Effect\":\"Deny\",\"Action\":\"orders:*\","
                    + "\"Resource\":\"*\"}"),
            "ALLOW_SHADOWED_BY_DENY");
    assertEquals(FindingSeverity.WARNING, f.severity());
    assertEquals("/Statement/0", f.path());
    assertTrue(f.message().contains("this policy Statement/1 (Sid NoOrders)"), f.message());
  }

  @Test
  void aDenyThatLeavesPartOfTheAllowOrHasAConditionIsNotReported() {
    assertFalse(
        codes(
                policy(
                    GET
                        + ",{\"Effect\":\"Deny\",\"Action\":\"orders:GetOrder\","
                        + "\"Resource\":\"arn:app:orders:*:1:order/secret-*\"}"))
            .contains("ALLOW_SHADOWED_BY_DENY"));
    assertFalse(
        codes(
                policy(
                    GET
                        + ",{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\","
                        + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}"))
            .contains("ALLOW_SHADOWED_BY_DENY"));
  }

  private static final String GROUPS =
      """
      policies:
        Read: {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "orders:GetOrder", "Resource": "*"}}
        NoReads: {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "orders:Get*", "Resource": "*"}}
        Payments: {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "payments:*", "Resource": "*"}}
      groups:
        Readers: {policies: [Read]}
        Blocked: {policies: [NoReads]}
      identity: {userClaim: sub}          # no groups claim: only bundle users are in groups
      """;

  @Test
  void aGroupPolicyShadowedForEveryMemberIsReportedWithTheDeny() {
    Finding f =
        only(
            bundle(
                GROUPS
                    + """
                    users:
                      alice: {groups: [Readers, Blocked]}
                    """),
            "ALLOW_SHADOWED_BY_DENY");
    assertEquals("/policies/Read/Statement", f.path());
    assertTrue(
        f.message().contains("for user/alice the unconditional Deny policy `NoReads`"),
        f.message());
  }

  @Test
  void aGroupPolicyIsNotReportedWhenACallerMayClaimTheGroupAlone() {
    assertFalse(
        codes(
                bundle(
                    GROUPS.replace("{userClaim: sub}", "{groupsClaim: groups}")
                        + """
                        users:
                          alice: {groups: [Readers, Blocked]}
                        """))
            .contains("ALLOW_SHADOWED_BY_DENY"));
  }

  @Test
  void aGroupPolicyThatTakesEffectForOneMemberIsNotReported() {
    assertFalse(
        codes(
                bundle(
                    GROUPS
                        + """
                        users:
                          alice: {groups: [Readers, Blocked]}
                          bob: {groups: [Readers]}
                        """))
            .contains("ALLOW_SHADOWED_BY_DENY"));
  }

  @Test
  void anAllowOutsideThePermissionsBoundaryIsReported() {
    Finding f =
        only(
            bundle(
                GROUPS
                    + """
                    users:
                      carol: {policies: [Payments], permissionsBoundary: Read}
                    """),
            "ALLOW_OUTSIDE_PERMISSIONS_BOUNDARY");
    assertEquals("/policies/Payments/Statement", f.path());
    assertTrue(f.message().contains("the permissions boundary `Read`"), f.message());
  }

  @Test
  void anAllowTheBoundaryPartlyAllowsIsNotReported() {
    assertFalse(
        codes(
                bundle(
                    GROUPS
                        + """
                        users:
                          carol: {policies: [Read], permissionsBoundary: Read}
                        """))
            .contains("ALLOW_OUTSIDE_PERMISSIONS_BOUNDARY"));
  }

  @Test
  void anAllowNoGuardrailAllowsIsReported() {
    Finding f =
        only(
            bundle(
                GROUPS
                    + """
                    users:
                      dave: {groups: [Readers], policies: [Payments]}
                    guardrails: [Read]
                    """),
            "ALLOW_OUTSIDE_GUARDRAILS");
    assertEquals("/policies/Payments/Statement", f.path());
  }

  @Test
  void withoutAGuardrailLevelNothingIsOutsideIt() {
    assertFalse(
        codes(
                bundle(
                    GROUPS
                        + """
                        users:
                          dave: {groups: [Readers], policies: [Payments]}
                        """))
            .contains("ALLOW_OUTSIDE_GUARDRAILS"));
  }

  @Test
  void aStatementBothTheGuardrailsAndTheBoundaryBlockIsOutsideTheGuardrails() {
    Finding f =
        only(
            bundle(
                GROUPS
                    + """
                    users:
                      carol: {policies: [Payments], permissionsBoundary: NoReads}
                    guardrails: [Read]
                    """),
            "ALLOW_OUTSIDE_GUARDRAILS");
    assertFalse(f.message().contains("boundary"), f.message());
  }
}
