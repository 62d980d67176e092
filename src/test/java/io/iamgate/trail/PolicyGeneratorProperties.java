package io.iamgate.trail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.eval.Evaluator;
import io.iamgate.eval.Request;
import io.iamgate.eval.RequestContext;
import io.iamgate.json.ParseResult;
import io.iamgate.lint.Analyzer;
import io.iamgate.lint.Finding;
import io.iamgate.lint.FindingSeverity;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.parse.PolicyParser;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What the generated policy promises, for random sets of observed calls: it validates, {@code
 * analyze} finds no security warning or error in it, it allows every observed call (asked of the
 * engine), it allows no action that was not observed and nothing of a service that was not, and its
 * resources are never {@code *} on their own.
 */
class PolicyGeneratorProperties {
  static final List<String> SERVICES = List.of("orders", "reports", "execute-api", "billing");
  static final List<String> NAMES =
      List.of(
          "GetOrder",
          "ListOrders",
          "CreateOrder",
          "DeleteOrder",
          "UpdateOrder",
          "CancelOrder",
          "GetReport",
          "ExportReport",
          "Invoke",
          "PutThing");
  static final List<String> REGIONS = List.of("eu-west-1", "eu-central-1");
  static final List<String> TYPES = List.of("order/", "report/alice/", "report/bob/", "", "x:");

  @Provide
  Arbitrary<List<PolicyGenerator.Call>> callLists() {
    return calls().list().ofMinSize(1).ofMaxSize(12);
  }

  Arbitrary<PolicyGenerator.Call> calls() {
    Arbitrary<String> action =
        Combinators.combine(Arbitraries.of(SERVICES), Arbitraries.of(NAMES))
            .as((s, n) -> s + ":" + n);
    Arbitrary<String> id =
        Arbitraries.oneOf(
            Arbitraries.strings()
                .withChars('a', 'b', '1', '-', '$', '{', '}')
                .ofMinLength(1)
                .ofMaxLength(5),
            Arbitraries.of("*", "ord-42", "ord-7", "$connect", "a*b", "q?"));
    Arbitrary<String> resource =
        Combinators.combine(
                Arbitraries.of(SERVICES), Arbitraries.of(REGIONS), Arbitraries.of(TYPES), id)
            .as((s, r, t, i) -> "arn:app:" + s + ":" + r + ":123456789012:" + t + i);
    Arbitrary<Boolean> mfa = Arbitraries.of(Boolean.TRUE, Boolean.FALSE).injectNull(0.3);
    Arbitrary<String> ip =
        Arbitraries.of("10.0.0.1", "10.0.0.2", "10.0.1.9", "203.0.113.7", "2001:db8::1", "bad")
            .injectNull(0.2);
    return Combinators.combine(action, resource, mfa, ip).as(PolicyGenerator.Call::new);
  }

  static boolean allows(CompiledPolicySet set, PolicyGenerator.Call c) {
    RequestContext.Builder ctx = RequestContext.builder();
    if (Boolean.TRUE.equals(c.mfa())) {
      ctx.put("aws:MultiFactorAuthPresent", "true");
    }
    return Evaluator.decide(set, Request.of(c.action(), c.resource(), ctx.build()))
        .decision()
        .allowed();
  }

  @Property(tries = 300)
  void theGeneratedPolicyKeepsItsPromises(@ForAll("callLists") List<PolicyGenerator.Call> calls) {
    PolicyGenerator.Generated g = PolicyGenerator.generate(calls, Analyzer.DEFAULT_SENSITIVE);
    // every generated call is one of the observed ones, and every observed call that can be
    // written into a policy is used
    for (PolicyGenerator.Call c : calls) {
      assertEquals(PolicyGenerator.unusable(c) == null, g.calls().contains(c), c::toString);
    }
    if (g.calls().isEmpty()) {
      assertTrue(g.statements().isEmpty());
      return;
    }
    ParseResult<PolicyDocument> parsed = PolicyParser.parse(g.text(), "generated");
    assertTrue(parsed.ok(), () -> parsed.diagnostics() + "\n" + g.text());
    assertTrue(parsed.diagnostics().isEmpty(), () -> parsed.diagnostics().toString());
    List<Finding> findings =
        new Analyzer(Analyzer.DEFAULT_SENSITIVE, 90, Clock.systemUTC())
            .policy(g.text(), "generated")
            .findings();
    for (Finding f : findings) {
      assertFalse(
          f.severity().atLeast(FindingSeverity.SECURITY_WARNING),
          () -> f.format() + "\n" + g.text());
    }
    CompiledPolicySet set = g.compiled();
    for (PolicyGenerator.Call c : g.calls()) {
      assertTrue(allows(set, c), () -> c + " not allowed by\n" + g.text());
    }
    Set<String> observed =
        g.calls().stream()
            .map(c -> c.action().toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
    Set<String> services =
        observed.stream().map(a -> a.substring(0, a.indexOf(':'))).collect(Collectors.toSet());
    String anyResource = g.calls().get(0).resource();
    for (String svc : SERVICES) {
      for (String name : NAMES) {
        String action = svc + ":" + name;
        if (!observed.contains(action.toLowerCase(Locale.ROOT))) {
          for (PolicyGenerator.Call c : g.calls()) {
            assertFalse(
                allows(set, new PolicyGenerator.Call(action, c.resource(), true, null)),
                () -> action + " was not observed but is allowed by\n" + g.text());
          }
        }
      }
      if (!services.contains(svc)) {
        assertFalse(
            allows(set, new PolicyGenerator.Call(svc + ":GetOrder", anyResource, true, null)));
      }
    }
    for (PolicyGenerator.GeneratedStatement s : g.statements()) {
      for (String r : s.resources()) {
        assertFalse(r.equals("*") || Resources.resourcePart(r).equals("*"), r);
      }
      assertEquals(s.actions().stream().sorted().toList(), s.actions());
      assertEquals(s.resources().stream().sorted().toList(), s.resources());
    }
  }

  static PolicyGenerator.Call call(String action, String resource, Boolean mfa, String ip) {
    return new PolicyGenerator.Call(action, resource, mfa, ip);
  }

  static final String O = "arn:app:orders:eu-west-1:123456789012:order/";

  @Example
  void severalIdsUnderOnePrefixBecomeAWildcardOverTheId() {
    PolicyGenerator.Generated g =
        PolicyGenerator.generate(
            List.of(
                call("orders:GetOrder", O + "ord-1", false, "10.0.0.1"),
                call("orders:GetOrder", O + "ord-2", false, "10.0.0.1"),
                call(
                    "orders:ListOrderItems",
                    "arn:app:orders:eu-central-1:123456789012:order/ord-9",
                    false,
                    "10.0.0.1")),
            Analyzer.DEFAULT_SENSITIVE);
    assertEquals(1, g.statements().size());
    PolicyGenerator.GeneratedStatement s = g.statements().get(0);
    assertEquals("Orders", s.sid());
    assertEquals(List.of("orders:GetOrder", "orders:ListOrderItems"), s.actions());
    assertEquals(
        List.of("arn:app:orders:eu-central-1:123456789012:order/ord-9", O + "*"), s.resources());
    assertEquals(
        List.of(
            new PolicyGenerator.Suggestion(
                "Orders",
                "IpAddress",
                "aws:SourceIp",
                List.of("10.0.0.1/32"),
                "all 3 observed calls came from this address")),
        g.suggestions());
  }

  @Example
  void oneIdIsKeptAsObservedAndAnIdWithoutATypeIsNeverGeneralised() {
    assertEquals(List.of(O + "ord-1"), Resources.generalise(List.of(O + "ord-1", O + "ord-1")));
    List<String> flat =
        List.of("arn:app:orders:eu-west-1:1:ord-1", "arn:app:orders:eu-west-1:1:ord-2");
    assertEquals(flat, Resources.generalise(flat));
    assertEquals(
        List.of(
            "arn:app:reports:eu-west-1:1:report/alice/*",
            "arn:app:reports:eu-west-1:1:report/bob/q1"),
        Resources.generalise(
            List.of(
                "arn:app:reports:eu-west-1:1:report/alice/q1",
                "arn:app:reports:eu-west-1:1:report/alice/q2",
                "arn:app:reports:eu-west-1:1:report/bob/q1")));
  }

  @Example
  void aSensitiveActionAlwaysCalledWithMfaRequiresItInItsOwnStatement() {
    PolicyGenerator.Generated g =
        PolicyGenerator.generate(
            List.of(
                call("orders:GetOrder", O + "ord-1", false, null),
                call("orders:DeleteOrder", O + "ord-1", true, null),
                call("orders:UpdateOrder", O + "ord-1", true, null),
                call("orders:UpdateOrder", O + "ord-2", null, null)),
            Analyzer.DEFAULT_SENSITIVE);
    assertEquals(
        List.of("Orders", "OrdersWithMfa"), g.statements().stream().map(s -> s.sid()).toList());
    assertEquals(List.of("orders:GetOrder", "orders:UpdateOrder"), g.statements().get(0).actions());
    assertFalse(g.statements().get(0).requiresMfa());
    assertEquals(List.of("orders:DeleteOrder"), g.statements().get(1).actions());
    assertTrue(g.statements().get(1).requiresMfa());
    assertTrue(g.text().contains("\"aws:MultiFactorAuthPresent\" : \"true\""), g.text());
    assertEquals(1, g.notes().size());
    assertTrue(
        g.notes()
            .get(0)
            .startsWith(
                "`orders:UpdateOrder` is sensitive, but 1 of its 2 observed calls had no MFA"),
        g.notes().get(0));
    // without MFA the delete is not allowed, with it it is
    CompiledPolicySet set = g.compiled();
    assertFalse(allows(set, call("orders:DeleteOrder", O + "ord-1", false, null)));
    assertTrue(allows(set, call("orders:DeleteOrder", O + "ord-1", true, null)));
  }

  @Example
  void callsThatCannotBeWrittenIntoAPolicyAreLeftOutWithANote() {
    PolicyGenerator.Generated g =
        PolicyGenerator.generate(
            List.of(
                call("orders:*", O + "ord-1", false, null),
                call("orders:GetOrder", "*", false, null),
                call("orders:GetOrder", "order/ord-1", false, null),
                call("orders:GetOrder", "arn:app:orders:eu-west-1:1:*", false, null),
                call("orders:GetOrder", O + "ord-\u20ac", false, null),
                // a caller's path can put wildcards into a resource (GET /orders/*): one such
                // call is no evidence that every order was used
                new PolicyGenerator.Call("orders:GetOrder", O + "*", false, null, true),
                new PolicyGenerator.Call("orders:ListOrderItems", O + "ord-?", false, null, true)),
            Analyzer.DEFAULT_SENSITIVE);
    assertTrue(g.statements().isEmpty());
    assertEquals(7, g.notes().size(), g.notes()::toString);
    assertTrue(
        g.notes().stream().anyMatch(n -> n.contains("the caller may have put them there")),
        g.notes()::toString);
  }

  @Example
  void aPolicyVariableInAnObservedResourceIsWrittenLiterally() {
    PolicyGenerator.Generated g =
        PolicyGenerator.generate(
            List.of(call("orders:GetOrder", O + "${aws:username}", false, null)),
            Analyzer.DEFAULT_SENSITIVE);
    assertTrue(g.text().contains(O + "${$}{aws:username}"), g.text());
    CompiledPolicySet set = g.compiled();
    assertTrue(allows(set, call("orders:GetOrder", O + "${aws:username}", false, null)));
  }

  @Example
  void networksAreSuggestedOnlyWhenEveryCallCameFromOne() {
    assertEquals(
        List.of("10.0.0.0/24"),
        Resources.commonNetworks(List.of("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4")));
    assertEquals(
        List.of("10.0.0.0/16"),
        Resources.commonNetworks(List.of("10.0.0.1", "10.0.1.2", "10.0.2.3", "10.0.3.4")));
    assertEquals(
        List.of(),
        Resources.commonNetworks(List.of("10.0.0.1", "11.0.1.2", "12.0.2.3", "13.0.3.4")));
    assertEquals(List.of(), Resources.commonNetworks(java.util.Arrays.asList("10.0.0.1", null)));
    assertEquals(List.of(), Resources.commonNetworks(List.of("test-invoke-source-ip")));
    assertEquals(List.of("2001:db8::1/128"), Resources.commonNetworks(List.of("2001:db8::1")));
  }

  @Example
  void sidsAreTheServiceInPascalCase() {
    assertEquals("Orders", PolicyGenerator.pascal("orders"));
    assertEquals("ExecuteApi", PolicyGenerator.pascal("execute-api"));
  }
}
