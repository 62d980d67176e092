package io.iamgate.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iamgate.json.Diagnostic;
import io.iamgate.json.ParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleReaderTest {
  private static ParseResult<Bundle> json(String text) {
    return BundleReader.read(BundleFiles.single("b.json", "b.json", text));
  }

  private static ParseResult<Bundle> yaml(String text) {
    return BundleReader.read(BundleFiles.single("b.yaml", "b.yaml", text));
  }

  private static final String DOC =
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"orders:Get*\",\"Resource\":\"*\"}}";

  @Test
  void jsonAndYamlOfTheSameContentHaveTheSameVersion() {
    ParseResult<Bundle> a =
        json(
            "{\"account\":\"1\",\"policies\":{\"P\":"
                + DOC
                + "},\"users\":{\"alice\":{\"policies\":[\"P\"]}}}");
    ParseResult<Bundle> b =
        yaml(
            """
        account: "1"
        users:
          alice: {policies: [P]}
        policies:
          P: {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "orders:Get*", "Resource": "*"}}
        """);
    assertTrue(a.ok(), a.diagnostics().toString());
    assertTrue(b.ok(), b.diagnostics().toString());
    assertEquals(a.value().version(), b.value().version());
    assertEquals(64, a.value().version().length());
  }

  @Test
  void referencesMustResolveWithHints() {
    ParseResult<Bundle> r =
        json(
            """
        {"policies": {"OrdersRead": %s},
         "groups": {"Developers": {"policies": ["OrdersReed"]}},
         "users": {"alice": {"groups": ["Developer"], "permissionsBoundary": "Nope"}},
         "guardrails": ["Missing"]}"""
                .formatted(DOC));
    List<String> messages =
        r.errors().stream().map(d -> d.path() + " " + d.message() + " " + d.hint()).toList();
    assertFalse(r.ok());
    assertTrue(
        messages.contains(
            "/groups/Developers/policies/0 unknown policy `OrdersReed` did you mean `OrdersRead`?"),
        messages.toString());
    assertTrue(
        messages.contains(
            "/users/alice/groups/0 unknown group `Developer` did you mean `Developers`?"),
        messages.toString());
    assertTrue(
        messages.stream()
            .anyMatch(
                m ->
                    m.startsWith(
                        "/users/alice/permissionsBoundary unknown managed policy `Nope`")));
    assertTrue(
        messages.stream().anyMatch(m -> m.startsWith("/guardrails/0 unknown policy `Missing`")));
  }

  @Test
  void embeddedDocumentErrorsCarryTheirBundlePath() {
    ParseResult<Bundle> r =
        yaml(
            """
        policies:
          Broken:
            Version: "2012-10-17"
            Statement:
              - Effect: allow
                Action: "orders:Get"
                Resource: "*"
        """);
    Diagnostic d = r.errors().get(0);
    assertEquals("/policies/Broken/Statement/0/Effect", d.path());
    assertEquals("b.yaml", d.file());
    assertEquals(5, d.line());
  }

  @Test
  void quotasAreEnforcedAndConfigurable() {
    String bigStatementList =
        "["
            + String.join(
                ",",
                java.util.Collections.nCopies(
                    80,
                    "{\"Effect\":\"Allow\",\"Action\":\"orders:GetOrder\",\"Resource\":\"arn:app:orders:eu-west-1:123456789012:order/*\"}"))
            + "]";
    String bundle =
        "{\"policies\":{\"Big\":{\"Version\":\"2012-10-17\",\"Statement\":"
            + bigStatementList
            + "}}%s}";
    ParseResult<Bundle> r = json(bundle.formatted(""));
    assertTrue(
        r.errors().stream()
            .anyMatch(
                d ->
                    d.code().equals("quota")
                        && d.message().contains("more than the quota of 6144")),
        r.errors().toString());
    assertTrue(json(bundle.formatted(",\"quotas\":{\"managedPolicyChars\":20000}")).ok());
  }

  @Test
  void anUnknownIssuerMemberListsTheValidOnes() {
    ParseResult<Bundle> r =
        yaml(
            """
        identity:
          issuers:
            - issuer: "https://auth.example.com"
              audience: [orders-api]
              clientIds: [orders-web]
              jwksUri: "https://auth.example.com/jwks"
        """);
    assertFalse(r.ok());
    Diagnostic d = r.errors().get(0);
    assertEquals(1, r.errors().size(), r.errors().toString());
    assertEquals("unknown-member", d.code());
    assertEquals("/identity/issuers/0/audience", d.path());
    assertEquals(4, d.line());
    assertEquals(7, d.column());
    assertEquals(
        "unknown member `audience` in an issuer, expected one of `issuer`, `audiences`,"
            + " `clientIds`, `tokenUse`, `algorithms`, `jwks`, `jwksUri`",
        d.message());
    assertEquals("did you mean `audiences`?", d.hint());
  }

  /** A bundle with one issuer whose embedded keys are {@code keys} (JWK JSON objects). */
  private static ParseResult<Bundle> issuerWithKeys(String... keys) {
    return json(
        """
        {"identity": {"issuers": [
          {"issuer": "https://other.example.com", "audiences": ["a"],
           "jwksUri": "https://other.example.com/jwks.json"},
          {"issuer": "https://auth.example.com", "audiences": ["a"],
           "jwks": {"keys": [%s]}}]}}"""
            .formatted(String.join(",", keys)));
  }

  private static String rsaJwk(int bits) throws Exception {
    var g = java.security.KeyPairGenerator.getInstance("RSA");
    g.initialize(bits);
    var pub = (java.security.interfaces.RSAPublicKey) g.generateKeyPair().getPublic();
    return "{\"kty\": \"RSA\", \"e\": \"AQAB\", \"n\": \"%s\"}".formatted(b64(pub.getModulus()));
  }

  private static String ecJwk(boolean onCurve) throws Exception {
    var g = java.security.KeyPairGenerator.getInstance("EC");
    g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    var w = ((java.security.interfaces.ECPublicKey) g.generateKeyPair().getPublic()).getW();
    java.math.BigInteger y =
        onCurve ? w.getAffineY() : w.getAffineY().add(java.math.BigInteger.ONE);
    return "{\"kty\": \"EC\", \"crv\": \"P-256\", \"x\": \"%s\", \"y\": \"%s\"}"
        .formatted(b64(w.getAffineX()), b64(y));
  }

  private static String b64(java.math.BigInteger n) {
    byte[] b = n.toByteArray();
    if (b[0] == 0) {
      b = java.util.Arrays.copyOfRange(b, 1, b.length);
    }
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  @Test
  void weakRsaKeysAndEcPointsOffTheirCurveAreRefused() throws Exception {
    ParseResult<Bundle> r = issuerWithKeys(rsaJwk(2048), rsaJwk(1024), ecJwk(true), ecJwk(false));
    List<String> messages = r.errors().stream().map(d -> d.path() + " " + d.message()).toList();
    assertEquals(
        List.of(
            "/identity/issuers/1/jwks/keys/1 issuer `https://auth.example.com`: an RSA key of 1024"
                + " bits is too weak; at least 2048 are required",
            "/identity/issuers/1/jwks/keys/3 issuer `https://auth.example.com`: the EC key's point"
                + " (x, y) is not on the curve P-256"),
        messages);
    assertTrue(issuerWithKeys(rsaJwk(2048), ecJwk(true)).ok());
  }

  @Test
  void anUnknownQuotaListsTheValidOnes() {
    ParseResult<Bundle> r = json("{\"quotas\": {\"managedPoliciesPerUsers\": 20}}");
    assertFalse(r.ok());
    Diagnostic d = r.errors().get(0);
    assertEquals(1, r.errors().size(), r.errors().toString());
    assertEquals("unknown-member", d.code());
    assertEquals("/quotas/managedPoliciesPerUsers", d.path());
    assertEquals(
        "unknown member `managedPoliciesPerUsers` in the quotas, expected one of"
            + " `managedPolicyChars`, `userInlineChars`, `groupInlineChars`, `roleInlineChars`,"
            + " `managedPoliciesPerUser`, `managedPoliciesPerRole`, `managedPoliciesPerGroup`,"
            + " `groupsPerUser`, `trustPolicyChars`, `guardrailChars`, `guardrailsPerLevel`,"
            + " `policyNameChars`, `userNameChars`, `roleNameChars`, `groupNameChars`,"
            + " `tagsPerPrincipal`, `tagKeyChars`, `tagValueChars`",
        d.message());
    assertEquals("did you mean `managedPoliciesPerUser`?", d.hint());
  }

  @Test
  void yamlSyntaxErrorsHaveTheirOwnCodeAPositionAndNoParserInternals() {
    ParseResult<Bundle> truncated =
        yaml(
            """
        users:
          alice:
            groups: [Developers
        """);
    assertFalse(truncated.ok());
    assertEquals(1, truncated.diagnostics().size(), truncated.diagnostics().toString());
    Diagnostic d = truncated.errors().get(0);
    assertEquals("yaml-syntax", d.code());
    assertEquals("b.yaml", d.file());
    assertEquals(4, d.line());
    assertEquals(1, d.column());
    assertEquals(
        "expected `,` or `]`, found the end of the input (in the `[...]` list that starts at 3:13)",
        d.message());

    List<String> malformed =
        List.of(
            "users:\n  alice:\n  - x\n bad: 1\n", // inconsistent indentation
            "users:\n\talice: {}\n", // a tab
            "account: 'unterminated\n",
            "? [a]\n: 1\n", // a sequence as a key
            "policies: {P: {Version: \"2012-10-17\", Statement: [}}\n",
            "");
    for (String text : malformed) {
      ParseResult<Bundle> r = yaml(text);
      assertFalse(r.ok(), text);
      Diagnostic e = r.errors().get(0);
      assertEquals("yaml-syntax", e.code(), e.format());
      assertTrue(e.line() > 0 && e.column() > 0, e.format());
      for (String internal :
          List.of("org.", "com.", "snakeyaml", "Exception", "Event", "[Source", "<", "\n")) {
        assertFalse(e.message().contains(internal), e.format());
      }
    }
    assertEquals("json-syntax", json("{\"users\": {").errors().get(0).code());
  }

  @Test
  void aYamlBinaryValueIsAnErrorNotACrash() {
    ParseResult<Bundle> r = yaml("account: !!binary aGVsbG8=\n");
    assertFalse(r.ok());
    Diagnostic d = r.errors().get(0);
    assertEquals("yaml-syntax", d.code());
    assertEquals("/account", d.path());
    assertEquals(1, d.line());
    assertEquals(10, d.column());
  }

  @Test
  void countsInMessagesArePluralisedCorrectly() {
    ParseResult<Bundle> r =
        yaml(
            """
        quotas: {groupsPerUser: 0, managedPoliciesPerUser: 0, managedPoliciesPerGroup: 1,
                 tagsPerPrincipal: 0, tagKeyChars: 1, userInlineChars: 0, guardrailsPerLevel: 0}
        policies:
          P: {Version: "2012-10-17", Statement: {Effect: Allow, Action: "orders:Get*", Resource: "*"}}
        groups:
          G: {policies: [P, ReadOnlyAccess]}
        users:
          alice:
            groups: [G]
            policies: [P]
            tags: {team: payments}
            inlinePolicies: {X: 5}
        guardrails: [P]
        """);
    List<String> messages = r.errors().stream().map(Diagnostic::message).toList();
    assertTrue(
        messages.containsAll(
            List.of(
                "group `G` has 2 managed policies, more than the quota of 1",
                "user `alice` is in 1 group, more than the quota of 0",
                "user `alice` has 1 managed policy, more than the quota of 0",
                "user `alice` has 1 character of inline policies, more than the quota of 0",
                "1 tag, more than the quota of 0",
                "a tag key has 1 to 1 character",
                "the guardrail level has 1 policy, more than the quota of 0")),
        messages.toString());
  }

  @Test
  void rolesNeedTrustPoliciesWithPrincipals() {
    ParseResult<Bundle> r =
        json(
            """
        {"groups": {"Admins": {}},
         "roles": {
          "NoTrust": {},
          "BadTrust": {"trustPolicy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}}},
          "Good": {"trustPolicy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "group/Admins"}, "Action": "sts:AssumeRole"}}}}}""");
    List<String> codes = r.errors().stream().map(d -> d.path() + ":" + d.code()).toList();
    assertTrue(codes.contains("/roles/NoTrust:missing-member"), codes.toString());
    assertTrue(
        codes.contains("/roles/BadTrust/trustPolicy/Statement:trust-principal"), codes.toString());
    assertTrue(
        codes.contains("/roles/BadTrust/trustPolicy/Statement/Resource:trust-resource"),
        codes.toString());
    assertFalse(codes.stream().anyMatch(c -> c.startsWith("/roles/Good")), codes.toString());
  }

  @Test
  void aTrustPrincipalWithNoUsableNameIsReportedWhereItIsWritten() {
    ParseResult<Bundle> r =
        json(
            """
        {"roles": {
          "Empty": {"trustPolicy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {}, "Action": "sts:AssumeRole"}}},
          "Bad": {"trustPolicy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "**"}, "Action": "sts:AssumeRole"}}}}}""");
    List<String> codes = r.errors().stream().map(d -> d.path() + ":" + d.code()).toList();
    assertEquals(
        List.of(
            "/roles/Bad/trustPolicy/Statement/Principal/AWS:trust-principal",
            "/roles/Empty/trustPolicy/Statement/Principal:trust-principal"),
        codes.stream().sorted().toList());
  }

  @Test
  void trustPoliciesNameOnlyPrincipalsAndIssuersTheBundleDefines() {
    ParseResult<Bundle> r =
        yaml(
            """
            account: "123456789012"
            groups: {Admins: {}}
            users: {alice: {groups: [Admins]}, bob: {}}
            identity:
              issuers:
                - {issuer: "https://auth.example.com", audiences: [a], jwksUri: "https://auth.example.com/jwks"}
            roles:
              Auditor:
                trustPolicy:
                  Statement:
                    - Effect: Allow
                      Principal: {AWS: ["group/Admins", "user/carol", "group/Admin", "role/Nobody"]}
                      Action: sts:AssumeRole
                    - Effect: Allow
                      Principal:
                        AWS: "arn:app:iam::123456789012:user/dave"
                        Federated: "https://auth.example.org"
                      Action: sts:AssumeRoleWithWebIdentity
              Fine:
                trustPolicy:
                  Statement:
                    Effect: Allow
                    Principal:
                      AWS: ["user/alice", "arn:app:iam::123456789012:user/bob", "role/Auditor", "user/*"]
                      Federated: "https://auth.example.com"
                    Action: sts:AssumeRole
            """);
    List<String> messages =
        r.errors().stream().map(d -> d.path() + " " + d.message() + " " + d.hint()).toList();
    String p = "/roles/Auditor/trustPolicy/Statement/";
    String names = " the trust policy of role `Auditor` names ";
    assertEquals(
        List.of(
            p
                + "0/Principal/AWS/1"
                + names
                + "`user/carol`, which is not a user of the bundle null",
            p
                + "0/Principal/AWS/2"
                + names
                + "`group/Admin`, which is not a group of the bundle did you mean `Admins`?",
            p
                + "0/Principal/AWS/3"
                + names
                + "`role/Nobody`, which is not a role of the bundle null",
            p
                + "1/Principal/AWS"
                + names
                + "`arn:app:iam::123456789012:user/dave`, which is not the ARN of a bundle user null",
            p
                + "1/Principal/Federated"
                + names
                + "`https://auth.example.org`, which is not an issuer of `identity.issuers` did you"
                + " mean `https://auth.example.com`?"),
        messages);
  }

  @Test
  void apiKeysAreStoredOnlyAsSaltedHashes() {
    ApiKeys.NewKey k = ApiKeys.create("ci-key");
    String ok =
        "{\"users\":{\"bob\":{\"apiKeys\":[{\"id\":\"ci-key\",\"hash\":\""
            + k.hash()
            + "\",\"created\":\"2026-01-01T00:00:00Z\"}]}}}";
    ParseResult<Bundle> r = json(ok);
    assertTrue(r.ok(), r.diagnostics().toString());
    assertTrue(ApiKeys.verify(k.key(), r.value().users().get("bob").apiKeys().get(0).hash()));
    assertFalse(ApiKeys.verify("ci-key.wrong", k.hash()));
    ParseResult<Bundle> plain =
        json(
            "{\"users\":{\"bob\":{\"apiKeys\":[{\"id\":\"k\",\"hash\":\"secret123\",\"created\":\"2026-01-01\"}]}}}");
    assertEquals("/users/bob/apiKeys/0/hash", plain.errors().get(0).path());
  }

  @Test
  void namesDuplicatesAndRoutesAreChecked() {
    ParseResult<Bundle> r =
        json(
            """
        {"users": {"bad name": {}, "alice": {"groups": []}},
         "policies": {"AdministratorAccess": %s},
         "routes": [{"method": "GET", "path": "/orders/{id}", "action": "orders:GetOrder", "resource": "*"},
                    {"method": "GET", "path": "/orders/{orderId}", "action": "orders:GetOrder", "resource": "*"},
                    {"method": "FETCH", "path": "orders", "action": "orders:*", "resource": "x"}]}"""
                .formatted(DOC));
    List<String> paths = r.errors().stream().map(d -> d.path() + ":" + d.code()).toList();
    assertTrue(paths.contains("/users/bad name:name"), paths.toString());
    assertTrue(paths.contains("/policies/AdministratorAccess:duplicate-name"), paths.toString());
    assertTrue(paths.contains("/routes/1:duplicate-name"), paths.toString());
    assertTrue(
        paths.containsAll(
            List.of(
                "/routes/2/method:route",
                "/routes/2/path:route",
                "/routes/2/action:route",
                "/routes/2/resource:route")),
        paths.toString());
  }

  @Test
  void directoryBundlesReadPoliciesFiles(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("bundle.yaml"), "users:\n  alice:\n    policies: [OrdersRead]\n");
    Files.createDirectories(dir.resolve("policies"));
    Files.writeString(dir.resolve("policies/OrdersRead.json"), DOC);
    ParseResult<Bundle> r = BundleReader.read(BundleFiles.read(dir));
    assertTrue(r.ok(), r.diagnostics().toString());
    assertEquals("OrdersRead", r.value().policies().get("OrdersRead").name());
    String v1 = r.value().version();
    Files.writeString(dir.resolve("policies/OrdersRead.json"), DOC.replace("Get*", "List*"));
    assertNotEquals(v1, BundleReader.read(BundleFiles.read(dir)).value().version());
    Files.writeString(dir.resolve("policies/Broken.json"), "{\"Statement\": []}");
    Diagnostic d = BundleReader.read(BundleFiles.read(dir)).errors().get(0);
    assertEquals(dir + "/policies/Broken.json", d.file());
  }

  @Test
  void builtInReadOnlyCoversTheServicesTheBundleNames() {
    ParseResult<Bundle> r =
        json(
            """
        {"policies": {"P": %s},
         "routes": [{"method": "GET", "path": "/invoices", "action": "invoices:ListInvoices", "resource": "*"}]}"""
                .formatted(DOC));
    var ro = r.value().policies().get("ReadOnlyAccess");
    assertTrue(ro.builtIn());
    assertEquals(
        List.of(
            "invoices:Get*",
            "invoices:List*",
            "invoices:Describe*",
            "orders:Get*",
            "orders:List*",
            "orders:Describe*"),
        ro.policy().document().statements().get(0).action().patterns());
  }

  @Test
  void theSampleBundleIsValid() throws Exception {
    String text =
        new String(
            BundleReaderTest.class
                .getResourceAsStream("/iamgate/sample-bundle.yaml")
                .readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    ParseResult<Bundle> r = yaml(text);
    assertTrue(r.ok(), r.diagnostics().toString());
    assertTrue(r.warnings().isEmpty(), r.warnings().toString());
  }

  @Test
  void routeResourceVariablesMustBeSuppliableByTheRoute() {
    ParseResult<Bundle> r =
        yaml(
            """
            account: "123456789012"
            routes:
              - {method: GET, path: "/orders/{id}", action: "orders:GetOrder",
                 resource: "arn:app:orders:eu-west-1:${account}:order/${request:path/orderId}"}
              - {method: GET, path: "/items/{itemId}", action: "items:GetItem",
                 resource: "arn:app:items:eu-west-1:${acount}:item/${request:path/itemId}"}
              - {method: GET, path: "/reports/{owner}/{id}", action: "reports:GetReport",
                 resource: "arn:app:reports:${aws:RequestedRegion}:${account}:report/${request:path/owner}/${request:path/id}"}
              - {method: GET, path: "/files/{path+}", action: "files:Get",
                 resource: "arn:app:files:::${request:path/path}/${request:path/x, 'none'}"}
            """);
    List<String> messages = r.errors().stream().map(Diagnostic::format).toList();
    assertEquals(2, r.errors().size(), messages.toString());
    Diagnostic missing = r.errors().get(0);
    assertEquals("/routes/0/resource", missing.path());
    assertEquals(
        "`${request:path/orderId}` names no parameter of the path `/orders/{id}` (its parameters:"
            + " id)",
        missing.message());
    Diagnostic typo = r.errors().get(1);
    assertEquals("/routes/1/resource", typo.path());
    assertTrue(typo.message().startsWith("unknown variable `${acount}`"), typo.message());
    assertEquals("did you mean `account`?", typo.hint());
  }
}
