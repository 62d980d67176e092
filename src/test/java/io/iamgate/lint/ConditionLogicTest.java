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
 * The condition checks of {@link ConditionLogic}: one input that triggers each case and one that
 * does not.
 */
class ConditionLogicTest {
  private static Analyzer.Result allow(String condition) {
    return policy(
        "{\"Effect\":\"Allow\",\"Action\":\"orders:GetOrder\",\"Resource\":\"*\",\"Condition\":"
            + condition
            + "}");
  }

  // ForAllValues without a Null guard

  @Test
  void forAllValuesInAnAllowWithoutANullGuardIsASecurityWarning() {
    Finding f =
        only(
            allow("{\"ForAllValues:StringEquals\":{\"jwt:groups\":[\"ops\",\"dev\"]}}"),
            "FORALLVALUES_WITHOUT_NULL_GUARD");
    assertEquals(FindingSeverity.SECURITY_WARNING, f.severity());
    assertEquals("/Statement/0/Condition/ForAllValues:StringEquals/jwt:groups", f.path());
    assertTrue(f.hint().contains("\"Null\": {\"jwt:groups\": \"false\"}"), f.hint());
  }

  @Test
  void forAllValuesWithANullGuardOrInADenyIsNotReported() {
    assertEquals(
        java.util.List.of(),
        allow(
                "{\"ForAllValues:StringEquals\":{\"jwt:groups\":[\"ops\",\"dev\"]},"
                    + "\"Null\":{\"jwt:groups\":\"false\"}}")
            .findings());
    assertFalse(
        codes(
                policy(
                    "{\"Effect\":\"Deny\",\"Action\":\"orders:*\",\"Resource\":\"*\",\"Condition\":"
                        + "{\"ForAllValues:StringEquals\":{\"jwt:groups\":\"ops\"}}}"))
            .contains("FORALLVALUES_WITHOUT_NULL_GUARD"));
  }

  // empty IP sets

  @Test
  void aNotIpAddressThatExcludesEveryAddressIpAddressAdmitsIsReported() {
    Finding f =
        only(
            allow(
                "{\"IpAddress\":{\"aws:SourceIp\":\"10.1.0.0/16\"},"
                    + "\"NotIpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"192.0.2.0/24\"]}}"),
            "EMPTY_IP_SET");
    assertTrue(f.message().endsWith("never true"), f.message());
  }

  @Test
  void aNotIpAddressOfEveryAddressIsReported() {
    Finding f =
        only(
            allow("{\"NotIpAddress\":{\"aws:SourceIp\":[\"0.0.0.0/0\",\"::/0\"]}}"),
            "EMPTY_IP_SET");
    assertTrue(f.message().contains("true only for requests without"), f.message());
  }

  @Test
  void aNotIpAddressThatLeavesSomeAddressesIsNotReported() {
    assertEquals(
        java.util.List.of(),
        allow(
                "{\"IpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"192.0.2.0/24\"]},"
                    + "\"NotIpAddress\":{\"aws:SourceIp\":[\"10.1.0.0/16\",\"0.0.0.0/0\"]}}")
            .findings()
            .stream()
            .filter(x -> !x.code().equals("EMPTY_IP_SET") || x.message().contains("IPv6"))
            .toList());
    assertFalse(
        codes(allow("{\"NotIpAddress\":{\"aws:SourceIp\":\"0.0.0.0/0\"}}"))
            .contains("EMPTY_IP_SET"));
  }

  // contradictions beyond StringEquals/StringNotEquals

  @Test
  void boundsThatAdmitNoValueContradict() {
    Finding f =
        only(
            allow(
                "{\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":\"300\"},"
                    + "\"NumericGreaterThanEquals\":{\"aws:MultiFactorAuthAge\":[\"300\",\"900\"]}}"),
            "CONTRADICTORY_CONDITION");
    assertTrue(f.message().contains("admit no value between them"), f.message());
    only(
        allow(
            "{\"DateLessThan\":{\"aws:TokenIssueTime\":\"2026-01-01T00:00:00Z\"},"
                + "\"DateGreaterThan\":{\"aws:TokenIssueTime\":\"2026-01-01T00:00:00Z\"}}"),
        "CONTRADICTORY_CONDITION");
  }

  @Test
  void boundsThatAdmitSomeValueDoNotContradict() {
    assertEquals(
        java.util.List.of(),
        allow(
                "{\"NumericLessThanEquals\":{\"aws:MultiFactorAuthAge\":\"300\"},"
                    + "\"NumericGreaterThanEquals\":{\"aws:MultiFactorAuthAge\":\"300\"}}")
            .findings());
  }

  @Test
  void nullTrueBesideAnOperatorThatNeedsTheKeyContradicts() {
    only(
        allow("{\"Null\":{\"jwt:tenant\":\"true\"},\"StringEquals\":{\"jwt:tenant\":\"acme\"}}"),
        "CONTRADICTORY_CONDITION");
  }

  @Test
  void nullTrueBesideANegatedOrIfExistsOperatorDoesNotContradict() {
    assertEquals(
        java.util.List.of(),
        allow(
                "{\"Null\":{\"jwt:tenant\":\"true\"},\"StringNotEquals\":{\"jwt:tenant\":\"acme\"},"
                    + "\"StringEqualsIfExists\":{\"jwt:tenant\":\"acme\"}}")
            .findings());
  }

  // keys no request holds

  @Test
  void aKeyOfAnotherServiceIsReported() {
    Finding f =
        only(allow("{\"StringLike\":{\"s3:prefix\":\"home/\"}}"), "CONDITION_KEY_NOT_SUPPLIED");
    assertEquals(FindingSeverity.WARNING, f.severity());
    assertTrue(f.message().contains("service `s3`"), f.message());
    assertTrue(f.message().contains("`StringLike` is always false"), f.message());
  }

  @Test
  void keysOfTheStatementsServiceJwtAndRequestFamiliesAreNotReported() {
    assertEquals(
        java.util.List.of(),
        allow(
                "{\"StringEquals\":{\"orders:Status\":\"open\",\"jwt:tenant\":\"a\","
                    + "\"request:header/x-tenant\":\"a\",\"request:method\":\"GET\"}}")
            .findings());
  }

  @Test
  void aRequestKeyOfNoFamilyIsReported() {
    Finding f =
        only(allow("{\"StringEquals\":{\"request:verb\":\"GET\"}}"), "CONDITION_KEY_NOT_SUPPLIED");
    assertTrue(f.hint().contains("request:method"), f.hint());
  }

  private static final String ROUTED =
      """
      policies:
        Read:
          Version: "2012-10-17"
          Statement:
            Effect: Allow
            Action: orders:GetOrder
            Resource: "*"
            Condition: {%s}
      users:
        alice: {policies: [Read]}
      routes:
        - {method: GET, path: "/orders/{orderId}", action: orders:GetOrder, resource: "arn:app:orders:::order/${request:path/orderId}"}
      """;

  @Test
  void anAwsKeyTheAuthorizerNeverSuppliesIsReportedForRoutedActions() {
    Finding f =
        only(
            bundle(String.format(ROUTED, "StringEquals: {\"aws:SourceVpc\": vpc-1}")),
            "CONDITION_KEY_NOT_SUPPLIED");
    assertTrue(f.message().contains("the authorizer never supplies `aws:SourceVpc`"), f.message());
  }

  @Test
  void aPathParameterNoRouteHasIsReportedWithADidYouMean() {
    Finding f =
        only(
            bundle(String.format(ROUTED, "StringEquals: {\"request:path/ordrId\": o-1}")),
            "CONDITION_KEY_NOT_SUPPLIED");
    assertEquals("did you mean `orderId`?", f.hint());
  }

  @Test
  void suppliedKeysOfARoutedStatementAreNotReported() {
    assertFalse(
        codes(
                bundle(
                    String.format(
                        ROUTED,
                        "StringEquals: {\"request:path/orderId\": o-1, \"aws:username\": alice}")))
            .contains("CONDITION_KEY_NOT_SUPPLIED"));
  }

  // multi-valued keys without a set operator

  @Test
  void aPlainOperatorOnTheTokensScopesIsAnError() {
    Finding f =
        only(allow("{\"StringEquals\":{\"jwt:scope\":\"orders.read\"}}"), "MISSING_QUALIFIER");
    assertEquals(FindingSeverity.ERROR, f.severity());
    assertEquals(
        "write `ForAnyValue:StringEquals` (some value matches) or"
            + " `ForAllValues:StringEquals` (every value matches)",
        f.hint());
  }

  @Test
  void aSetOperatorOrNullOnAMultiValuedKeyOrAPlainOneOnAClaimIsNotReported() {
    assertEquals(
        java.util.List.of(),
        allow(
                "{\"ForAnyValue:StringEquals\":{\"jwt:scope\":\"orders.read\"},"
                    + "\"Null\":{\"jwt:scp\":\"true\"},\"StringEquals\":{\"jwt:sub\":\"a\"}}")
            .findings());
  }

  // what the adversarial review found

  @Test
  void nullTrueBesideAnOperatorThatMatchesTheEmptyStringDoesNotContradict() {
    // "" is null-ish (4.6): Null true holds, and so does StringEquals ""
    assertEquals(
        java.util.List.of(),
        allow(
                "{\"Null\":{\"request:header/n\":\"true\"},"
                    + "\"StringEquals\":{\"request:header/n\":\"\"},"
                    + "\"StringLike\":{\"request:header/n\":\"*\"}}")
            .findings());
  }

  @Test
  void forAnyValueOrANullOnTheKeyGuardsForAllValues() {
    assertEquals(
        java.util.List.of(),
        allow(
                "{\"ForAllValues:StringEquals\":{\"jwt:groups\":\"x\"},"
                    + "\"ForAnyValue:StringEquals\":{\"jwt:groups\":\"x\"}}")
            .findings());
    assertEquals(
        java.util.List.of(),
        allow(
                "{\"ForAllValues:StringEquals\":{\"jwt:groups\":\"x\"},"
                    + "\"Null\":{\"jwt:groups\":\"true\"}}")
            .findings());
  }

  @Test
  void pathParameterNamesCompareWithoutCase() {
    assertFalse(
        codes(bundle(String.format(ROUTED, "StringEquals: {\"request:path/orderid\": o-1}")))
            .contains("CONDITION_KEY_NOT_SUPPLIED"));
  }

  @Test
  void anIfExistsOperatorOnAMultiValuedKeyIsToldWhatAbsenceThenMeans() {
    Finding f =
        only(allow("{\"StringEqualsIfExists\":{\"aws:TagKeys\":\"env\"}}"), "MISSING_QUALIFIER");
    assertTrue(
        f.hint().startsWith("write `ForAllValues:StringEqualsIfExists` (every value"), f.hint());
  }
}
