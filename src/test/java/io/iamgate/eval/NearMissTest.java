package io.iamgate.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.compile.NamedDocument;
import io.iamgate.compile.PolicyCompiler;
import io.iamgate.compile.PolicyType;
import io.iamgate.compile.StatementRef;
import io.iamgate.policy.parse.PolicyParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** "Why not": the near misses explain reports for an implicit deny. */
class NearMissTest {
  private static final String INVOICE = "arn:app:orders:eu-west-1:1:invoice/7";
  private static final String ORDER = "arn:app:orders:eu-west-1:1:order/7";

  private static NamedDocument doc(String name, String statements) {
    return new NamedDocument(
        name,
        PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}", name)
            .value());
  }

  private static final NamedDocument ALL =
      doc("all", "{\"Sid\":\"All\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}");

  @Test
  void aResourceNearMissNamesTheClosestPattern() {
    NamedDocument orders =
        doc(
            "orders",
            """
            {"Sid":"Orders","Effect":"Allow","Action":"orders:Get*",
             "Resource":["arn:app:billing:*:*:bill/*","arn:app:orders:*:*:order/*"]},
            {"Sid":"Other","Effect":"Allow","Action":"orders:List*","Resource":"*"}""");
    CompiledPolicySet set = PolicyCompiler.compileSet(List.of(orders), null, null);
    Explanation x =
        Evaluator.explain(set, Request.of("orders:GetOrder", INVOICE, RequestContext.empty()));
    assertEquals(Decision.IMPLICIT_DENY, x.decision());
    assertEquals(
        List.of(
            new NearMiss(
                new StatementRef(PolicyType.IDENTITY, 0, "orders", 0, "Orders"),
                NearMiss.Kind.RESOURCE,
                "resource " + INVOICE + " does not match arn:app:orders:*:*:order/*")),
        x.nearMisses());
    assertEquals(
        "identity[orders]/Statement/0 (Sid Orders): action matches, resource "
            + INVOICE
            + " does not match arn:app:orders:*:*:order/*",
        x.nearMisses().get(0).toString());
  }

  @Test
  void aFailedConditionOnAnAbsentKeySaysAbsent() {
    NamedDocument office =
        doc(
            "office",
            """
            {"Sid":"Office","Effect":"Allow","Action":"orders:*","Resource":"*",
             "Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}""");
    CompiledPolicySet set = PolicyCompiler.compileSet(List.of(office), null, null);
    Explanation absent =
        Evaluator.explain(set, Request.of("orders:GetOrder", ORDER, RequestContext.empty()));
    assertEquals(
        List.of(
            new NearMiss(
                new StatementRef(PolicyType.IDENTITY, 0, "office", 0, "Office"),
                NearMiss.Kind.CONDITION,
                "condition IpAddress aws:SourceIp: request absent, policy 10.0.0.0/8")),
        absent.nearMisses());
    RequestContext ctx = RequestContext.builder().put("aws:SourceIp", "198.51.100.7").build();
    assertEquals(
        "condition IpAddress aws:SourceIp: request 198.51.100.7, policy 10.0.0.0/8",
        Evaluator.explain(set, Request.of("orders:GetOrder", ORDER, ctx))
            .nearMisses()
            .get(0)
            .detail());
  }

  @Test
  void aBoundaryDenyReportsTheBoundarysNearMissesOnly() {
    NamedDocument boundary =
        doc(
            "boundary",
            """
            {"Sid":"OrdersOnly","Effect":"Allow","Action":"orders:*",
             "Resource":"arn:app:orders:*:*:order/*"}""");
    CompiledPolicySet set = PolicyCompiler.compileSet(List.of(ALL), boundary, null);
    Explanation x =
        Evaluator.explain(set, Request.of("orders:GetInvoice", INVOICE, RequestContext.empty()));
    assertEquals(PolicyType.BOUNDARY, x.failedGate());
    assertEquals(1, x.nearMisses().size());
    NearMiss m = x.nearMisses().get(0);
    assertEquals(PolicyType.BOUNDARY, m.statement().source());
    assertEquals(NearMiss.Kind.RESOURCE, m.kind());
    // an action the boundary does not name at all is no near miss
    assertEquals(
        List.of(),
        Evaluator.explain(set, Request.of("billing:GetBill", INVOICE, RequestContext.empty()))
            .nearMisses());
  }

  @Test
  void allowsAndExplicitDeniesHaveNoNearMisses() {
    NamedDocument deny =
        doc(
            "deny",
            """
            {"Sid":"NoInvoices","Effect":"Deny","Action":"*","Resource":"arn:app:orders:*:*:invoice/*"},
            {"Sid":"Narrow","Effect":"Allow","Action":"*","Resource":"arn:app:x:*:*:y"}""");
    CompiledPolicySet allowed = PolicyCompiler.compileSet(List.of(ALL, deny), null, null);
    assertEquals(
        List.of(),
        Evaluator.explain(allowed, Request.of("orders:GetOrder", ORDER, RequestContext.empty()))
            .nearMisses());
    assertEquals(
        List.of(),
        Evaluator.explain(allowed, Request.of("orders:GetOrder", INVOICE, RequestContext.empty()))
            .nearMisses());
  }
}
