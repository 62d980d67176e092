package io.iamgate.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.compile.NamedDocument;
import io.iamgate.compile.PolicyCompiler;
import io.iamgate.policy.PolicyArbitraries;
import io.iamgate.policy.PolicyDocument;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The compiled evaluator (both the fast path and the explaining path) against the naive reference
 * evaluator, on random documents, boundaries, guardrail levels and requests.
 */
class EvaluatorProperties {
  @Provide
  Arbitrary<List<PolicyDocument>> identity() {
    return PolicyArbitraries.documents().list().ofMaxSize(3);
  }

  @Provide
  Arbitrary<PolicyDocument> boundary() {
    return PolicyArbitraries.documents().injectNull(0.6);
  }

  @Provide
  Arbitrary<List<PolicyDocument>> guardrails() {
    return PolicyArbitraries.documents().list().ofMaxSize(2).injectNull(0.6);
  }

  @Provide
  Arbitrary<String> action() {
    return Arbitraries.of(PolicyArbitraries.REQUEST_ACTIONS);
  }

  @Provide
  Arbitrary<String> resource() {
    return Arbitraries.of(PolicyArbitraries.REQUEST_RESOURCES);
  }

  @Provide
  Arbitrary<Map<String, Object>> context() {
    return PolicyArbitraries.contexts();
  }

  @Property(tries = 3000)
  void compiledEvaluatorAgreesWithTheNaiveOne(
      @ForAll("identity") List<PolicyDocument> identity,
      @ForAll("boundary") PolicyDocument boundary,
      @ForAll("guardrails") List<PolicyDocument> guardrails,
      @ForAll("action") String action,
      @ForAll("resource") String resource,
      @ForAll("context") Map<String, Object> context) {
    String expected =
        NaiveEvaluator.decide(identity, boundary, guardrails, action, resource, context);
    Statistics.collect(expected);
    Statistics.coverage(
        c -> {
          c.check("Allow").percentage(p -> p > 5);
          c.check("ExplicitDeny").percentage(p -> p > 5);
          c.check("ImplicitDeny").percentage(p -> p > 5);
        });

    CompiledPolicySet set =
        PolicyCompiler.compileSet(
            named(identity),
            boundary == null ? null : new NamedDocument("boundary", boundary),
            guardrails == null ? null : named(guardrails));
    Request request = Request.of(action, resource, TestContexts.of(context));
    Evaluation fast = Evaluator.decide(set, request);
    Explanation full = Evaluator.explain(set, request);
    assertEquals(expected, fast.decision().text(), "fast path");
    assertEquals(expected, full.decision().text(), "explaining path");
    assertEquals(full.failedGate(), fast.failedGate(), "failed gate");
    if (fast.statement() != null) {
      assertEquals(
          true, full.decidingStatements().contains(fast.statementRef()), "deciding statement");
    }
  }

  private static List<NamedDocument> named(List<PolicyDocument> docs) {
    return docs.stream().map(d -> new NamedDocument(null, d)).toList();
  }
}
