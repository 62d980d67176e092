package io.iamgate.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iamgate.bundle.BundleFiles;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every check: one input that triggers it and one that does not. */
class AnalyzerTest {
  private static final Analyzer ANALYZER = new Analyzer(Analyzer.DEFAULT_SENSITIVE);

  /** A document with these statements (JSON objects, comma-separated). */
  static Analyzer.Result policy(String statements) {
    return ANALYZER.policy(
        "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}", "p.json");
  }

  static Analyzer.Result bundle(String yaml) {
    return ANALYZER.bundle(BundleFiles.single("b.yaml", "b.yaml", yaml));
  }

  static List<String> codes(Analyzer.Result r) {
    return r.findings().stream().map(Finding::code).toList();
  }

  static Finding only(Analyzer.Result r, String code) {
    List<Finding> f = r.findings().stream().filter(x -> x.code().equals(code)).toList();
    assertEquals(1, f.size(), r.findings().toString());
    return f.get(0);
  }

  private static final String READ =
      "{\"Effect\":\"Allow\",\"Action\":\"orders:GetOrder\",\"Resource\":\"arn:app:orders:*:1:order/*\"}";

  @Test
  void aCleanPolicyHasNoFindings() {
    assertEquals(List.of(), policy(READ).findings());
  }

  // 1. validation errors

  @Test
  void validationErrorsAreErrorFindings() {
    Analyzer.Result r =
        policy("{\"Effect\":\"Allow\",\"Action\":\"*:GetOrder\",\"Resource\":\"*\"}");
    Finding f = only(r, "VALIDATION_ERROR");
    assertEquals(FindingSeverity.ERROR, f.severity());
    assertEquals("/Statement/0/Action", f.path());
    assertTrue(f.line() > 0 && f.column() > 0);
    assertTrue(f.message().startsWith("action: "), f.message());
  }

  @Test
  void bundleErrorsAreErrorFindingsInTheirFile() {
    Analyzer.Result r = bundle("users:\n  alice: {groups: [Nope]}\n");
    Finding f = only(r, "VALIDATION_ERROR");
    assertEquals("b.yaml", f.file());
    assertEquals("/users/alice/groups/0", f.path());
    assertEquals(2, f.line());
  }

  // 2. administrator grants

  private static final String ADMIN_BUNDLE =
      """
      policies:
        All: {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}
        Orders: {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "orders:*", "Resource": "*"}}
      groups:
        Admins: {policies: [All, Orders]}
      users:
        alice: {groups: [Admins]}
        bob: {policies: [Orders]}
      """;

  @Test
  void anAdministratorGrantToAnUnmarkedPrincipalIsASecurityWarning() {
    Analyzer.Result r = bundle(ADMIN_BUNDLE);
    List<Finding> admin =
        r.findings().stream().filter(f -> f.code().equals("ADMINISTRATOR_GRANT")).toList();
    assertEquals(2, admin.size(), r.findings().toString());
    assertEquals(FindingSeverity.SECURITY_WARNING, admin.get(0).severity());
    assertEquals("/policies/All/Statement", admin.get(0).path());
    assertTrue(admin.get(1).message().contains("`group/Admins`, `user/bob`"), admin.toString());
  }

  @Test
  void anAdministratorGrantToMarkedAdminsOrWithAConditionOrInAGuardrailIsNotReported() {
    Analyzer.Result r =
        bundle(
            ADMIN_BUNDLE.replace("bob: {policies: [Orders]}", "bob: {}")
                + "analyzer: {admins: [group/Admins]}\n");
    assertFalse(codes(r).contains("ADMINISTRATOR_GRANT"), r.findings().toString());
    Analyzer.Result guardrail =
        bundle(
            """
            policies:
              All: {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}
              Read: {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "orders:Get*", "Resource": "*"}}
            groups:
              Readers: {policies: [Read]}
            users:
              bob: {groups: [Readers], permissionsBoundary: All}
            guardrails: [All]
            """);
    assertEquals(List.of(), guardrail.findings());
    Analyzer.Result conditioned =
        policy(
            "{\"Effect\":\"Allow\",\"Action\":\"orders:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}}");
    assertFalse(codes(conditioned).contains("ADMINISTRATOR_GRANT"));
  }

  // 3. NotAction / NotResource

  @Test
  void allowWithNotActionOrNotResourceIsReported() {
    Finding na =
        only(
            policy("{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}"),
            "ALLOW_WITH_NOT_ACTION");
    assertEquals(FindingSeverity.SECURITY_WARNING, na.severity());
    assertEquals("/Statement/0/NotAction", na.path());
    Finding readOnly =
        only(
            policy(
                "{\"Effect\":\"Allow\",\"Action\":\"orders:GetOrder\","
                    + "\"NotResource\":\"arn:app:orders:*:1:secret/*\"}"),
            "ALLOW_WITH_NOT_RESOURCE");
    assertEquals(FindingSeverity.WARNING, readOnly.severity());
    Finding write =
        only(
            policy(
                "{\"Effect\":\"Allow\",\"Action\":\"orders:DeleteOrder\","
                    + "\"NotResource\":\"arn:app:orders:*:1:secret/*\"}"),
            "ALLOW_WITH_NOT_RESOURCE");
    assertEquals(FindingSeverity.SECURITY_WARNING, write.severity());
  }

  @Test
  void denyWithNotActionIsNotReported() {
    Analyzer.Result r =
        policy(
            READ
                + ",{\"Effect\":\"Deny\",\"NotAction\":\"orders:Get*\","
                + "\"NotResource\":\"arn:app:orders:*:1:order/*\"}");
    assertEquals(List.of(), r.findings());
  }

  // 4. sensitive actions without MFA

  @Test
  void sensitiveActionsWithoutMfaAreWarnings() {
    for (String action : List.of("orders:CreateOrder", "orders:*", "orders:Up*", "orders:*Order")) {
      Finding f =
          only(
              policy(
                  "{\"Effect\":\"Allow\",\"Action\":\""
                      + action
                      + "\",\"Resource\":\"arn:app:orders:*:1:order/*\"}"),
              "SENSITIVE_ACTION_WITHOUT_MFA");
      assertEquals(FindingSeverity.WARNING, f.severity());
      assertEquals("/Statement/0/Action", f.path());
    }
  }

  @Test
  void sensitiveActionsWithMfaOrReadActionsAreNotReported() {
    assertEquals(
        List.of(),
        policy(
                "{\"Effect\":\"Allow\",\"Action\":\"orders:DeleteOrder\","
                    + "\"Resource\":\"arn:app:orders:*:1:order/*\","
                    + "\"Condition\":{\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":\"3600\"}}}")
            .findings());
    assertEquals(
        List.of(),
        policy(
                "{\"Effect\":\"Allow\",\"Action\":[\"orders:Get*\",\"orders:ListOrders\"],"
                    + "\"Resource\":\"arn:app:orders:*:1:order/*\"}")
            .findings());
    Analyzer custom = new Analyzer(List.of("Refund"));
    Analyzer.Result r =
        custom.policy(
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Action\":[\"orders:DeleteOrder\",\"orders:RefundOrder\"],"
                + "\"Resource\":\"arn:app:orders:*:1:order/*\"}}",
            "p.json");
    assertTrue(
        only(r, "SENSITIVE_ACTION_WITHOUT_MFA").message().contains("action `orders:RefundOrder`"));
  }

  // 5. MFA conditions bypassed by API-key callers

  private static final String KEYS =
      """
      users:
        bob:
          policies: [P]
          apiKeys:
            - {id: bob-ci, hash: "sha256$c2FtcGxlLXNhbHQtMDAx$4O9KKlxtKqN/v8hOrBwwLP2g4J7OwXlzglM/b2g7F6A=", created: "2026-01-01T00:00:00Z"}
      policies:
        P:
          Version: "2012-10-17"
          Statement:
      """;

  @Test
  void mfaConditionsThatApiKeyCallersPassAreSecurityWarnings() {
    Analyzer.Result allow =
        bundle(
            KEYS
                + """
                    - Effect: Allow
                      Action: orders:DeleteOrder
                      Resource: "arn:app:orders:*:1:order/*"
                      Condition: {BoolIfExists: {"aws:MultiFactorAuthPresent": "true"}}
                """);
    Finding f = only(allow, "MFA_CONDITION_BYPASSED_BY_API_KEYS");
    assertEquals(FindingSeverity.SECURITY_WARNING, f.severity());
    assertEquals(
        "/policies/P/Statement/0/Condition/BoolIfExists/aws:MultiFactorAuthPresent", f.path());
    assertTrue(f.hint().startsWith("use `Bool`"), f.hint());
    Analyzer.Result deny =
        bundle(
            KEYS
                + """
                    - Effect: Deny
                      Action: orders:DeleteOrder
                      Resource: "*"
                      Condition: {Bool: {"aws:MultiFactorAuthPresent": "false"}}
                """);
    assertTrue(
        only(deny, "MFA_CONDITION_BYPASSED_BY_API_KEYS").hint().contains("BoolIfExists"),
        deny.findings().toString());
  }

  @Test
  void safeMfaConditionsOrBundlesWithoutApiKeysAreNotReported() {
    String denyIfExists =
        """
            - Effect: Deny
              Action: orders:DeleteOrder
              Resource: "*"
              Condition: {BoolIfExists: {"aws:MultiFactorAuthPresent": "false"}}
        """;
    assertFalse(codes(bundle(KEYS + denyIfExists)).contains("MFA_CONDITION_BYPASSED_BY_API_KEYS"));
    String allowIfExists =
        """
            - Effect: Allow
              Action: orders:DeleteOrder
              Resource: "arn:app:orders:*:1:order/*"
              Condition: {BoolIfExists: {"aws:MultiFactorAuthPresent": "true"}}
        """;
    String noKeys = KEYS.replaceAll("(?s)    apiKeys:.*?\n(?=policies)", "");
    Analyzer.Result r = bundle(noKeys + allowIfExists);
    assertTrue(r.findings().stream().noneMatch(f -> f.code().startsWith("VALIDATION")), noKeys);
    assertFalse(codes(r).contains("MFA_CONDITION_BYPASSED_BY_API_KEYS"));
  }

  // 6. wildcard resources on write actions

  @Test
  void writeActionsOnEveryResourceAreWarnings() {
    for (String resource : List.of("*", "arn:app:orders:eu-west-1:1:*")) {
      Finding f =
          only(
              policy(
                  "{\"Effect\":\"Allow\",\"Action\":\"orders:DeleteOrder\",\"Resource\":\""
                      + resource
                      + "\",\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}}"),
              "WILDCARD_RESOURCE_ON_WRITE_ACTION");
      assertEquals("/Statement/0/Resource", f.path());
    }
  }

  @Test
  void readActionsOnEveryResourceOrWritesOnNamedResourcesAreNotReported() {
    assertEquals(
        List.of(),
        policy("{\"Effect\":\"Allow\",\"Action\":\"orders:GetOrder\",\"Resource\":\"*\"}")
            .findings());
    assertFalse(
        codes(
                policy(
                    "{\"Effect\":\"Allow\",\"Action\":\"orders:DeleteOrder\","
                        + "\"Resource\":\"arn:app:orders:*:1:order/*\"}"))
            .contains("WILDCARD_RESOURCE_ON_WRITE_ACTION"));
  }

  // 7. condition keys

  private static Analyzer.Result condition(String condition) {
    return policy(
        "{\"Effect\":\"Deny\",\"Action\":\"orders:*\",\"Resource\":\"*\",\"Condition\":"
            + condition
            + "}");
  }

  @Test
  void anUnknownGlobalKeyIsAnErrorWithAHint() {
    Finding f =
        only(
            condition("{\"IpAddress\":{\"aws:SoruceIp\":\"10.0.0.0/8\"}}"),
            "INVALID_GLOBAL_CONDITION_KEY");
    assertEquals(FindingSeverity.ERROR, f.severity());
    assertEquals("did you mean `aws:SourceIp`?", f.hint());
    assertEquals("/Statement/0/Condition/IpAddress/aws:SoruceIp", f.path());
  }

  @Test
  void knownGlobalKeysTagKeysAndOtherNamespacesAreNotReported() {
    assertEquals(
        List.of(),
        condition(
                "{\"IpAddress\":{\"aws:sourceip\":\"10.0.0.0/8\"},"
                    + "\"StringEquals\":{\"aws:PrincipalTag/team\":\"a\",\"jwt:client_id\":\"x\"},"
                    + "\"ForAllValues:StringEquals\":{\"aws:TagKeys\":\"env\"}}")
            .findings());
  }

  @Test
  void operatorsOfTheWrongTypeAreReported() {
    Finding ip =
        only(condition("{\"IpAddress\":{\"aws:username\":\"10.0.0.1\"}}"), "TYPE_MISMATCH");
    assertEquals(FindingSeverity.WARNING, ip.severity());
    only(condition("{\"StringEquals\":{\"aws:SourceIp\":\"10.0.0.1\"}}"), "TYPE_MISMATCH");
    assertEquals(
        List.of(),
        condition(
                "{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:app:iam::1:role/*\"},"
                    + "\"StringLike\":{\"aws:PrincipalArn\":\"arn:app:iam::1:role/*\"},"
                    + "\"Null\":{\"aws:SourceIp\":\"true\"},"
                    + "\"NumericLessThan\":{\"aws:EpochTime\":\"1\"}}")
            .findings());
  }

  @Test
  void setOperatorsOnSingleValuedKeysAreReported() {
    Finding all =
        only(
            condition("{\"ForAllValues:StringEquals\":{\"aws:RequestedRegion\":\"eu-west-1\"}}"),
            "FORALLVALUES_WITH_SINGLE_VALUED_KEY");
    assertEquals(FindingSeverity.SECURITY_WARNING, all.severity());
    assertEquals("write `StringEquals`", all.hint());
    Finding any =
        only(
            condition("{\"ForAnyValue:StringLike\":{\"aws:username\":\"a*\"}}"),
            "FORANYVALUE_WITH_SINGLE_VALUED_KEY");
    assertEquals(FindingSeverity.WARNING, any.severity());
    assertEquals(
        List.of(),
        condition("{\"ForAnyValue:StringEquals\":{\"aws:PrincipalOrgPaths\":\"o-1/*\"}}")
            .findings());
  }

  @Test
  void operatorsInNonCanonicalCaseAreSuggestions() {
    Finding f =
        only(
            condition("{\"stringEQUALS\":{\"aws:username\":\"alice\"}}"),
            "NON_CANONICAL_OPERATOR_CASE");
    assertEquals(FindingSeverity.SUGGESTION, f.severity());
    assertEquals("write `StringEquals`", f.hint());
    assertEquals(
        List.of(),
        condition("{\"ForAnyValue:StringEqualsIfExists\":{\"aws:TagKeys\":\"a\"}}").findings());
  }

  // 8. policy variables

  @Test
  void unknownPolicyVariablesAreWarningsWithADidYouMean() {
    Finding f =
        only(
            policy(
                "{\"Effect\":\"Allow\",\"Action\":\"orders:GetOrder\","
                    + "\"Resource\":[\"arn:app:orders:*:1:order/a\","
                    + "\"arn:app:orders:*:1:order/${aws:usernme}/*\"]}"),
            "UNKNOWN_POLICY_VARIABLE");
    assertEquals(FindingSeverity.WARNING, f.severity());
    assertEquals("/Statement/0/Resource/1", f.path());
    assertEquals("did you mean `${aws:username}`?", f.hint());
    Finding bare =
        only(
            condition("{\"StringEquals\":{\"orders:owner\":\"${username}\"}}"),
            "UNKNOWN_POLICY_VARIABLE");
    assertEquals("/Statement/0/Condition/StringEquals/orders:owner", bare.path());
    assertEquals("did you mean `${aws:username}`?", bare.hint());
  }

  @Test
  void knownSpecialAndOtherNamespaceVariablesAreNotReported() {
    assertEquals(
        List.of(),
        policy(
                "{\"Effect\":\"Allow\",\"Action\":\"orders:GetOrder\","
                    + "\"Resource\":\"arn:app:orders:*:1:order/${AWS:UserName}/${*}\","
                    + "\"Condition\":{\"StringEquals\":{\"orders:team\":"
                    + "[\"${aws:PrincipalTag/team, 'x'}\",\"${jwt:sub}\"]}}}")
            .findings());
  }

  @Test
  void variablesInA2008DocumentAreTakenLiterally() {
    Analyzer.Result r =
        ANALYZER.policy(
            "{\"Version\":\"2008-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Action\":\"orders:GetOrder\","
                + "\"Resource\":\"arn:app:orders:*:1:order/${aws:username}\"}}",
            "p.json");
    Finding f = only(r, "VARIABLE_UNSUPPORTED_IN_VERSION");
    assertEquals(FindingSeverity.ERROR, f.severity());
    assertEquals("/Statement/Resource", f.path());
    Analyzer.Result plain =
        ANALYZER.policy(
            "{\"Version\":\"2008-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Action\":\"orders:GetOrder\","
                + "\"Resource\":\"arn:app:orders:*:1:order/$1\"}}",
            "p.json");
    // validate's `version-2008` warning is about the document; this check names each value
    assertEquals(List.of("VALIDATION_WARNING"), codes(plain));
  }

  // 9. bundle best practices

  @Test
  void usersWithDirectPoliciesAreSuggestions() {
    Analyzer.Result r =
        bundle(
            """
            policies:
              Read: {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "orders:GetOrder", "Resource": "*"}}
            users:
              bob: {policies: [Read]}
            """);
    Finding f = only(r, "USER_WITH_DIRECT_POLICIES");
    assertEquals(FindingSeverity.SUGGESTION, f.severity());
    assertEquals("/users/bob/policies", f.path());
    assertEquals(List.of("USER_WITH_DIRECT_POLICIES"), codes(r));
  }

  @Test
  void usersWithPoliciesThroughGroupsAreNotReported() {
    assertEquals(
        List.of(),
        bundle(
                """
                policies:
                  Read: {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "orders:GetOrder", "Resource": "*"}}
                groups:
                  Readers: {policies: [Read]}
                users:
                  bob: {groups: [Readers], policies: []}
                """)
            .findings());
  }

  private static final String NO_CLAIM = "identity: {userClaim: sub}\n";

  @Test
  void unusedGroupsAndPoliciesAreSuggestions() {
    Analyzer.Result r =
        bundle(
            """
            policies:
              Read: {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "orders:GetOrder", "Resource": "*"}}
              Spare: {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "orders:GetOrder", "Resource": "*"}}
            groups:
              Readers: {policies: [Read]}
            """
                + NO_CLAIM);
    Finding g = only(r, "UNUSED_GROUP");
    assertEquals(FindingSeverity.SUGGESTION, g.severity());
    assertEquals("/groups/Readers", g.path());
    Finding p = only(r, "UNUSED_MANAGED_POLICY");
    assertEquals(FindingSeverity.SUGGESTION, p.severity());
    assertEquals("/policies/Spare", p.path());
  }

  @Test
  void groupsWithUsersOrAGroupsClaimAndAttachedPoliciesAreNotReported() {
    String groups =
        """
        policies:
          Read: {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "orders:GetOrder", "Resource": "*"}}
          Cap: {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "orders:*", "Resource": "*"}}
        groups:
          Readers: {policies: [Read]}
        guardrails: [Cap]
        """;
    assertEquals(
        List.of(), bundle(groups + "users:\n  bob: {groups: [Readers]}\n" + NO_CLAIM).findings());
    assertEquals(
        List.of(), bundle(groups + "identity: {userClaim: sub, groupsClaim: groups}\n").findings());
  }

  private static final String TRUST =
      """
      users:
        bob: {}
      roles:
        R:
          trustPolicy:
            Version: "2012-10-17"
            Statement: {Effect: Allow, Principal: PRINCIPAL, Action: sts:AssumeRole}
      """;

  @Test
  void aRoleAnyCallerMayAssumeIsASecurityWarning() {
    for (String principal : List.of("\"*\"", "{AWS: \"*\"}", "{AWS: [user/bob, \"*\"]}")) {
      Finding f = only(bundle(TRUST.replace("PRINCIPAL", principal)), "ROLE_TRUSTS_ANY_PRINCIPAL");
      assertEquals(FindingSeverity.SECURITY_WARNING, f.severity());
      assertEquals("/roles/R/trustPolicy/Statement/Principal", f.path());
    }
  }

  @Test
  void aRoleWithNamedPrincipalsOrAConditionIsNotReported() {
    assertEquals(List.of(), bundle(TRUST.replace("PRINCIPAL", "{AWS: user/bob}")).findings());
    Analyzer.Result conditioned =
        bundle(
            TRUST.replace(
                "PRINCIPAL, Action: sts:AssumeRole",
                "\"*\", Action: sts:AssumeRole,"
                    + " Condition: {StringEquals: {\"jwt:aud\": orders-api}}"));
    assertFalse(codes(conditioned).contains("ROLE_TRUSTS_ANY_PRINCIPAL"), conditioned.toString());
  }

  private static final String KEY =
      """
      users:
        bob:
          apiKeys:
            - {id: bob-ci, hash: "sha256$c2FtcGxlLXNhbHQtMDAx$4O9KKlxtKqN/v8hOrBwwLP2g4J7OwXlzglM/b2g7F6A=", created: "2026-01-01T00:00:00Z"}
      """;

  private static Analyzer.Result keyAt(String now, int maxDays) {
    Analyzer a =
        new Analyzer(
            Analyzer.DEFAULT_SENSITIVE, maxDays, Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
    return a.bundle(BundleFiles.single("b.yaml", "b.yaml", KEY));
  }

  @Test
  void anApiKeyOlderThanTheMaximumAgeIsAWarning() {
    Finding f = only(keyAt("2026-04-02T00:00:00Z", 90), "API_KEY_NOT_ROTATED");
    assertEquals(FindingSeverity.WARNING, f.severity());
    assertEquals("/users/bob/apiKeys/0/created", f.path());
    assertTrue(f.message().contains("more than 90 days ago"), f.message());
    only(keyAt("2026-01-12T00:00:00Z", 10), "API_KEY_NOT_ROTATED");
  }

  @Test
  void aYoungerApiKeyIsNotReported() {
    assertEquals(List.of(), keyAt("2026-03-31T00:00:00Z", 90).findings());
    assertEquals(List.of(), keyAt("2026-06-01T00:00:00Z", 365).findings());
  }

  // 10. routes

  private static final String ROUTED =
      """
      policies:
        P: {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": ACTIONS, "Resource": "*"}}
      groups:
        G: {policies: [P]}
      users:
        bob: {groups: [G]}
      routes:
        - {method: GET, path: "/orders/{id}", action: "orders:GetOrder", resource: "arn:app:orders:eu:${account}:order/${request:path/id}"}
        - {method: GET, path: /orders, action: "orders:ListOrders", resource: "arn:app:orders:eu:${account}:order/*"}
      """;

  @Test
  void anActionNoRouteProducesIsAWarningWithADidYouMean() {
    Analyzer.Result r =
        bundle(ROUTED.replace("ACTIONS", "[\"orders:GetOrder\", \"orders:GetOrdr\"]"));
    Finding f = only(r, "UNROUTED_ACTION");
    assertEquals(FindingSeverity.WARNING, f.severity());
    assertEquals("/policies/P/Statement/Action/1", f.path());
    assertEquals("did you mean `orders:GetOrder`?", f.hint());
  }

  @Test
  void routedWildcardAndOtherServiceActionsAreNotReported() {
    Analyzer.Result r =
        bundle(
            ROUTED.replace(
                "ACTIONS",
                "[\"orders:getorder\", \"orders:List*\", \"orders:*\", \"reports:GetReport\"]"));
    assertFalse(codes(r).contains("UNROUTED_ACTION"), r.findings().toString());
  }

  private static Analyzer.Result withCallers(RouteCallers callers) {
    Analyzer a =
        new Analyzer(
            Analyzer.DEFAULT_SENSITIVE,
            Analyzer.DEFAULT_MAX_KEY_AGE_DAYS,
            Clock.systemUTC(),
            callers);
    return a.bundle(
        BundleFiles.single("b.yaml", "b.yaml", ROUTED.replace("ACTIONS", "\"orders:GetOrder\"")));
  }

  @Test
  void aRouteNobodyMayCallIsAWarning() {
    Finding f =
        only(withCallers(b -> r -> r.action().equals("orders:GetOrder")), "ROUTE_NOBODY_MAY_CALL");
    assertEquals(FindingSeverity.WARNING, f.severity());
    assertEquals("/routes/1", f.path());
    assertTrue(f.message().contains("`GET /orders`"), f.message());
  }

  @Test
  void routesSomeoneMayCallAreNotReported() {
    assertEquals(List.of(), withCallers(b -> r -> true).findings());
    assertFalse(
        codes(bundle(ROUTED.replace("ACTIONS", "\"orders:GetOrder\"")))
            .contains("ROUTE_NOBODY_MAY_CALL"),
        "without route callers the check does not run");
  }

  // 12. statements that never take effect

  @Test
  void anExactDuplicateStatementIsAWarning() {
    Finding f =
        only(
            policy(
                READ
                    + ",{\"Sid\":\"Again\",\"Resource\":\"arn:app:orders:*:1:order/*\","
                    + "\"Action\":\"orders:GetOrder\",\"Effect\":\"Allow\"}"),
            "REDUNDANT_STATEMENT");
    assertEquals(FindingSeverity.SUGGESTION, f.severity());
    assertEquals("/Statement/1", f.path());
    assertTrue(f.message().contains("statement 0"), f.message());
  }

  @Test
  void statementsThatDifferAreNotDuplicates() {
    assertEquals(
        List.of(),
        policy(READ + "," + READ.replace("orders:GetOrder", "orders:ListOrders")).findings());
  }

  @Test
  void aCoveredActionInOneStatementIsASuggestion() {
    Analyzer.Result r =
        policy(
            "{\"Effect\":\"Allow\",\"Action\":[\"orders:Get*\",\"orders:GetOrder\","
                + "\"orders:ListOrders\",\"orders:listorders\"],"
                + "\"Resource\":\"arn:app:orders:*:1:order/*\"}");
    List<Finding> f =
        r.findings().stream().filter(x -> x.code().equals("REDUNDANT_ACTION")).toList();
    assertEquals(2, f.size(), r.findings().toString());
    assertEquals(FindingSeverity.SUGGESTION, f.get(0).severity());
    assertEquals("/Statement/0/Action/1", f.get(0).path());
    assertEquals("/Statement/0/Action/3", f.get(1).path());
  }

  @Test
  void actionsNoOtherEntryCoversAreNotRedundant() {
    assertEquals(
        List.of(),
        policy(
                "{\"Effect\":\"Allow\",\"Action\":[\"orders:Get?\",\"orders:List*\","
                    + "\"reports:GetOrder\",\"orders:GetOrder\"],"
                    + "\"Resource\":\"arn:app:orders:*:1:order/*\"}")
            .findings());
  }

  // 13. conditions that can never be true

  private static Analyzer.Result dated(String condition) {
    Analyzer a =
        new Analyzer(
            Analyzer.DEFAULT_SENSITIVE,
            Analyzer.DEFAULT_MAX_KEY_AGE_DAYS,
            Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));
    return a.policy(
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\","
            + "\"Action\":\"orders:*\",\"Resource\":\"*\",\"Condition\":"
            + condition
            + "}}",
        "p.json");
  }

  @Test
  void aDateLessThanInThePastIsAWarning() {
    Finding f =
        only(
            dated("{\"DateLessThan\":{\"aws:CurrentTime\":\"2026-05-31T00:00:00Z\"}}"),
            "EXPIRED_DATE_CONDITION");
    assertEquals(FindingSeverity.WARNING, f.severity());
    assertEquals("/Statement/Condition/DateLessThan/aws:CurrentTime", f.path());
  }

  @Test
  void aDateLessThanInTheFutureIsNotReported() {
    assertEquals(
        List.of(),
        dated(
                "{\"DateLessThan\":{\"aws:CurrentTime\":"
                    + "[\"2026-05-31T00:00:00Z\",\"2026-06-02T00:00:00Z\"]}}")
            .findings());
  }

  @Test
  void aDateGreaterThanMoreThanTenYearsAheadIsAWarning() {
    Finding f =
        only(
            dated("{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2062-01-01T00:00:00Z\"}}"),
            "FAR_FUTURE_DATE_CONDITION");
    assertEquals(FindingSeverity.WARNING, f.severity());
  }

  @Test
  void aDateGreaterThanWithinTenYearsIsNotReported() {
    assertEquals(
        List.of(),
        dated("{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2036-05-01T00:00:00Z\"}}").findings());
  }

  @Test
  void stringEqualsAndStringNotEqualsOfTheSameValueContradict() {
    Finding f =
        only(
            condition(
                "{\"StringEquals\":{\"aws:PrincipalTag/team\":\"ops\"},"
                    + "\"StringNotEquals\":{\"aws:principaltag/team\":[\"ops\",\"dev\"]}}"),
            "CONTRADICTORY_CONDITION");
    assertEquals(FindingSeverity.WARNING, f.severity());
    assertEquals("/Statement/0/Condition/StringNotEquals/aws:principaltag~1team", f.path());
  }

  @Test
  void stringEqualsAndStringNotEqualsOfOtherValuesDoNotContradict() {
    assertEquals(
        List.of(),
        condition(
                "{\"StringEquals\":{\"aws:PrincipalTag/team\":[\"ops\",\"dev\"]},"
                    + "\"StringNotEquals\":{\"aws:PrincipalTag/team\":\"ops\"}}")
            .findings());
  }

  // suppressions

  @Test
  void theBundlesSuppressListHidesMatchingFindingsOnly() {
    Analyzer.Result r =
        bundle(
            ADMIN_BUNDLE
                + """
                analyzer:
                  suppress:
                    - {code: ADMINISTRATOR_GRANT, path: /policies/All, reason: break-glass group}
                    - {code: SENSITIVE_ACTION_WITHOUT_MFA, reason: no MFA in this app}
                """);
    assertEquals(3, r.suppressed(), r.findings().toString());
    Finding left = only(r, "ADMINISTRATOR_GRANT");
    assertEquals("/policies/Orders/Statement", left.path());
  }
}
