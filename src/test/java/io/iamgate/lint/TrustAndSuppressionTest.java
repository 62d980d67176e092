package io.iamgate.lint;

import static io.iamgate.lint.AnalyzerTest.bundle;
import static io.iamgate.lint.AnalyzerTest.codes;
import static io.iamgate.lint.AnalyzerTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * ALLOW_WITH_NOT_PRINCIPAL and MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL on trust policies, and
 * unknown codes in the bundle's suppression list: one input that triggers each, one that does not.
 */
class TrustAndSuppressionTest {
  private static String role(String statement) {
    return """
        identity:
          issuers:
            - {issuer: "https://auth.example.com", audiences: [orders-api], jwksUri: "https://auth.example.com/jwks.json"}
        users: {bob: {}}
        roles:
          Auditor:
            trustPolicy:
              Version: "2012-10-17"
              Statement:
                - %s
        """
        .formatted(statement);
  }

  @Test
  void anAllowWithNotPrincipalIsASecurityWarning() {
    Finding f =
        only(
            bundle(
                role("{Effect: Allow, NotPrincipal: {AWS: \"user/bob\"}, Action: sts:AssumeRole}")),
            "ALLOW_WITH_NOT_PRINCIPAL");
    assertEquals(FindingSeverity.SECURITY_WARNING, f.severity());
    assertEquals("/roles/Auditor/trustPolicy/Statement/0/NotPrincipal", f.path());
  }

  @Test
  void aDenyWithNotPrincipalIsNotReported() {
    assertFalse(
        codes(
                bundle(
                    role(
                        "{Effect: Deny, NotPrincipal: {AWS: \"user/bob\"}, Action: sts:AssumeRole}")))
            .contains("ALLOW_WITH_NOT_PRINCIPAL"));
  }

  @Test
  void anIssuerTrustedWithoutAConditionIsASecurityWarning() {
    Finding f =
        only(
            bundle(
                role(
                    "{Effect: Allow, Principal: {Federated: \"https://auth.example.com\"},"
                        + " Action: sts:AssumeRoleWithWebIdentity}")),
            "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL");
    assertTrue(f.message().contains("`https://auth.example.com`"), f.message());
  }

  @Test
  void anIssuerTrustedWithAConditionIsNotReported() {
    assertFalse(
        codes(
                bundle(
                    role(
                        "{Effect: Allow, Principal: {Federated: \"https://auth.example.com\"},"
                            + " Action: sts:AssumeRoleWithWebIdentity,"
                            + " Condition: {StringEquals: {\"jwt:client_id\": reporting}}}")))
            .contains("MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL"));
  }

  @Test
  void aTrustPolicyWithAnEmptyConditionOrEveryUserIsReported() {
    assertTrue(
        codes(
                bundle(
                    role(
                        "{Effect: Allow, Principal: {Federated: \"https://auth.example.com\"},"
                            + " Action: sts:AssumeRoleWithWebIdentity, Condition: {}}")))
            .contains("MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL"));
    assertTrue(
        codes(
                bundle(
                    role(
                        "{Effect: Allow, Principal: {AWS: \"user/*\"}, Action: sts:AssumeRole,"
                            + " Condition: {StringEquals: {}}}")))
            .contains("ROLE_TRUSTS_ANY_PRINCIPAL"));
  }

  @Test
  void aSuppressionOfAKnownCodeIsNotReported() {
    assertFalse(
        codes(
                bundle(
                    """
                    users: {bob: {}}
                    analyzer:
                      suppress: [{code: TYPE_MISMATCH, reason: known}]
                    """))
            .contains("UNKNOWN_SUPPRESSION_CODE"));
  }

  @Test
  void aSuppressionOfAnUnknownCodeIsAnErrorWithTheClosestCode() {
    Analyzer.Result r =
        bundle(
            """
            users: {bob: {}}
            analyzer:
              suppress:
                - {code: MISMATCHED_TYPE, reason: renamed}
                - {code: TYPE_MISMATCH, reason: known}
            """);
    Finding f = only(r, "UNKNOWN_SUPPRESSION_CODE");
    assertEquals(FindingSeverity.ERROR, f.severity());
    assertEquals("/analyzer/suppress/0/code", f.path());
    assertEquals(4, f.line());
    assertTrue(f.message().contains("`MISMATCHED_TYPE` is no finding code"), f.message());
    assertEquals("`MISMATCHED_TYPE` is now `TYPE_MISMATCH`", f.hint());
  }
}
