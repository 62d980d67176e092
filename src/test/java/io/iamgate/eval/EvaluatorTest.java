package io.iamgate.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.compile.NamedDocument;
import io.iamgate.compile.PolicyCompiler;
import io.iamgate.compile.PolicyType;
import io.iamgate.compile.StatementRef;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.parse.PolicyParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Explanations: which statements decided, which gate failed, and how they are named. */
class EvaluatorTest {
  private static NamedDocument doc(String name, String statements) {
    PolicyDocument d =
        PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}", name)
            .value();
    return new NamedDocument(name, d);
  }

  private static final NamedDocument READ =
      doc(
          "read",
          """
      {"Sid":"Get","Effect":"Allow","Action":"orders:Get*","Resource":"*"},
      {"Sid":"List","Effect":"Allow","Action":"orders:List*","Resource":"*"}""");
  private static final NamedDocument ALL =
      doc("all", "{\"Sid\":\"All\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}");
  private static final NamedDocument NO_DELETE =
      doc(
          "no-delete",
          """
      {"Sid":"NoDelete","Effect":"Deny","Action":"orders:Delete*","Resource":"*"}""");

  private static Request request(String action) {
    return Request.of(action, "arn:app:orders:eu-west-1:1:order/1", RequestContext.empty());
  }

  @Test
  void allowNamesTheIdentityStatementAndTheOtherGates() {
    CompiledPolicySet set = PolicyCompiler.compileSet(List.of(READ, ALL), ALL, List.of(ALL));
    Explanation x = Evaluator.explain(set, request("orders:GetOrder"));
    assertEquals(Decision.ALLOW, x.decision());
    assertEquals(
        List.of(
            new StatementRef(PolicyType.IDENTITY, 0, "read", 0, "Get"),
            new StatementRef(PolicyType.IDENTITY, 1, "all", 0, "All")),
        x.identityAllows());
    assertEquals(1, x.boundaryAllows().size());
    assertEquals(1, x.guardrailAllows().size());
    Evaluation e = Evaluator.decide(set, request("orders:GetOrder"));
    assertEquals(new StatementRef(PolicyType.IDENTITY, 0, "read", 0, "Get"), e.statementRef());
    assertEquals("allowed by identity[read]/Statement/0 (Sid Get)", e.reason());
  }

  @Test
  void explicitDenyNamesEveryApplyingDeny() {
    CompiledPolicySet set = PolicyCompiler.compileSet(List.of(ALL, NO_DELETE), NO_DELETE, null);
    Explanation x = Evaluator.explain(set, request("orders:DeleteOrder"));
    assertEquals(Decision.EXPLICIT_DENY, x.decision());
    assertEquals(
        List.of(
            new StatementRef(PolicyType.IDENTITY, 1, "no-delete", 0, "NoDelete"),
            new StatementRef(PolicyType.BOUNDARY, 0, "no-delete", 0, "NoDelete")),
        x.denies());
    assertNull(x.failedGate());
  }

  @Test
  void implicitDenyReportsTheFirstFailingGateInOrder() {
    CompiledPolicySet noIdentity = PolicyCompiler.compileSet(List.of(), READ, List.of(READ));
    assertEquals(
        PolicyType.IDENTITY, Evaluator.decide(noIdentity, request("orders:GetOrder")).failedGate());
    CompiledPolicySet guardrailAndBoundaryFail =
        PolicyCompiler.compileSet(List.of(ALL), READ, List.of(READ));
    Evaluation e = Evaluator.decide(guardrailAndBoundaryFail, request("orders:CreateOrder"));
    assertEquals(Decision.IMPLICIT_DENY, e.decision());
    assertEquals(PolicyType.GUARDRAIL, e.failedGate());
    CompiledPolicySet boundaryFails = PolicyCompiler.compileSet(List.of(ALL), READ, null);
    assertEquals(
        PolicyType.BOUNDARY,
        Evaluator.explain(boundaryFails, request("orders:CreateOrder")).failedGate());
    assertEquals(
        "the permissions boundary does not allow the request",
        Evaluator.decide(boundaryFails, request("orders:CreateOrder")).reason());
  }

  @Test
  void emptyGuardrailLevelDeniesEverything() {
    CompiledPolicySet set = PolicyCompiler.compileSet(List.of(ALL), null, List.of());
    assertEquals(
        PolicyType.GUARDRAIL, Evaluator.decide(set, request("orders:GetOrder")).failedGate());
  }

  @Test
  void requestActionsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> request("orders"));
    assertThrows(IllegalArgumentException.class, () -> request("orders:Get*"));
    assertThrows(IllegalArgumentException.class, () -> request("*"));
    assertThrows(IllegalArgumentException.class, () -> request("or ders:Get"));
  }

  @Test
  void theSameCompiledDocumentServesSeveralGroups() {
    var compiled = io.iamgate.compile.CompiledDocument.compile(NO_DELETE);
    var identity =
        PolicyCompiler.group(
            PolicyType.IDENTITY,
            List.of(io.iamgate.compile.CompiledDocument.compile(ALL), compiled));
    var boundary = PolicyCompiler.group(PolicyType.BOUNDARY, List.of(compiled));
    Explanation x =
        Evaluator.explain(
            new CompiledPolicySet(identity, boundary, null), request("orders:DeleteOrder"));
    assertEquals(
        List.of(PolicyType.IDENTITY, PolicyType.BOUNDARY),
        x.denies().stream().map(StatementRef::source).toList());
  }

  @Test
  void contextLookupsFoldCase() {
    RequestContext ctx = RequestContext.builder().put("AWS:PrincipalTag/Team", "red").build();
    assertEquals("red", ctx.lookup("aws:principaltag/team").single().text());
    assertEquals(1, ctx.size());
  }
}
