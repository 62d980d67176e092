package io.iamgate.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.compile.NamedDocument;
import io.iamgate.compile.PolicyCompiler;
import io.iamgate.eval.Evaluator;
import io.iamgate.eval.Request;
import io.iamgate.eval.RequestContext;
import io.iamgate.json.ParseResult;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.Statement;
import io.iamgate.policy.parse.PolicyParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.jspecify.annotations.Nullable;

/**
 * {@link Shadowing} is sound: whenever it says an {@code Allow} never takes effect, removing that
 * statement changes no decision of the engine, for every request of a universe that exercises every
 * pattern, with and without MFA and a user name. Statements are drawn from small pattern pools
 * (wildcards, {@code ?}, {@code NotAction}/{@code NotResource}, a policy variable, a condition) so
 * that the shadowed case is common.
 */
class ShadowingProperties {
  private static final List<String> ACTIONS =
      List.of("s:Get", "s:Put", "s:Got", "s:Pat", "s:GetX", "t:Get", "u:List");
  private static final List<String> RESOURCES =
      List.of(
          "arn:app:s:::x/1",
          "arn:app:s:::x/2",
          "arn:app:s:::y/1",
          "arn:app:s:::x/alice",
          "arn:app:s:eu:1:x/1",
          "arn:app:t:::z",
          "plain");

  @Provide
  Arbitrary<String> statements() {
    Arbitrary<String> effect = Arbitraries.of("Allow", "Deny");
    Arbitrary<String> action =
        clause(
            "Action",
            Arbitraries.of(
                "s:Get", "s:Put", "s:G*", "s:*", "*", "s:?et", "t:Get", "s:P?t", "s:GetX"));
    Arbitrary<String> resource =
        clause(
            "Resource",
            Arbitraries.of(
                "*",
                "arn:app:s:::x/1",
                "arn:app:s:::x/*",
                "arn:app:s:::y/*",
                "arn:app:s:::*",
                "arn:app:s",
                "arn:app:s:::x/${aws:username}",
                "arn:app:s:::?/1",
                "arn:app:s:*:*:*"));
    Arbitrary<String> condition =
        Arbitraries.of(
                "", "", "", ",\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}")
            .map(String::valueOf);
    return Combinators.combine(effect, action, resource, condition)
        .as((e, a, r, c) -> "{\"Effect\":\"" + e + "\"," + a + "," + r + c + "}");
  }

  private static Arbitrary<String> clause(String name, Arbitrary<String> patterns) {
    Arbitrary<Boolean> negated = Arbitraries.of(false, false, false, true);
    return Combinators.combine(negated, patterns.list().ofMinSize(1).ofMaxSize(2).uniqueElements())
        .as(
            (n, ps) ->
                "\""
                    + (n ? "Not" : "")
                    + name
                    + "\":["
                    + String.join(",", ps.stream().map(p -> "\"" + p + "\"").toList())
                    + "]");
  }

  private static PolicyDocument doc(List<String> statements) {
    ParseResult<PolicyDocument> r =
        PolicyParser.parse(
            "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}",
            "p.json");
    return Objects.requireNonNull(r.value(), () -> r.diagnostics().toString());
  }

  @Property(tries = 1500)
  @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
  void aStatementReportedAsNeverTakingEffectChangesNoDecision(
      @ForAll("statements") String allow,
      @ForAll("statementLists") List<String> identity,
      @ForAll("boundaries") @Nullable List<String> boundary,
      @ForAll("boundaries") @Nullable List<String> guardrail) {
    String allowStatement = allow.replace("\"Effect\":\"Deny\"", "\"Effect\":\"Allow\"");
    List<String> others = identity;
    PolicyDocument allowDoc = doc(List.of(allowStatement));
    PolicyDocument othersDoc =
        doc(
            others.isEmpty()
                ? List.of("{\"Effect\":\"Deny\",\"Action\":\"zz:None\",\"Resource\":\"*\"}")
                : others);
    PolicyDocument boundaryDoc = boundary == null ? null : doc(boundary);
    PolicyDocument guardrailDoc = guardrail == null ? null : doc(guardrail);

    List<Shadowing.Source> sources = new ArrayList<>();
    for (Statement s : othersDoc.statements()) {
      sources.add(new Shadowing.Source("identity", s, true));
    }
    Shadowing.PrincipalSet set =
        new Shadowing.PrincipalSet(
            "user/alice",
            sources,
            boundaryDoc == null ? null : "B",
            boundaryDoc == null ? List.of() : sourcesOf(boundaryDoc),
            guardrailDoc != null,
            guardrailDoc == null ? List.of() : sourcesOf(guardrailDoc));
    Shadowing.Blocked blocked = Shadowing.blocked(allowDoc.statements().get(0), true, set);
    Statistics.label("blocked").collect(blocked == null ? "no" : blocked.check().code());
    // each kind of finding must be drawn often enough for the property to mean something
    Statistics.label("blocked")
        .coverage(
            c -> {
              c.check("ALLOW_SHADOWED_BY_DENY").percentage(p -> p >= 3);
              c.check("ALLOW_OUTSIDE_PERMISSIONS_BOUNDARY").percentage(p -> p >= 3);
              c.check("ALLOW_OUTSIDE_GUARDRAILS").percentage(p -> p >= 1);
            });
    if (blocked == null) {
      return;
    }
    CompiledPolicySet with = set(List.of(allowDoc, othersDoc), boundaryDoc, guardrailDoc);
    CompiledPolicySet without = set(List.of(othersDoc), boundaryDoc, guardrailDoc);
    for (String a : ACTIONS) {
      for (String r : RESOURCES) {
        for (RequestContext ctx : contexts()) {
          Request request = Request.of(a, r, ctx);
          assertEquals(
              Evaluator.decide(without, request).decision(),
              Evaluator.decide(with, request).decision(),
              () -> blocked.why() + " but it decides " + a + " on " + r + " with " + ctx);
        }
      }
    }
  }

  @Provide
  Arbitrary<List<String>> statementLists() {
    return statements().list().ofMaxSize(3);
  }

  @Provide
  Arbitrary<@Nullable List<String>> boundaries() {
    return statements().list().ofMinSize(1).ofMaxSize(2).injectNull(0.4);
  }

  private static List<Shadowing.Source> sourcesOf(PolicyDocument d) {
    return d.statements().stream().map(s -> new Shadowing.Source("x", s, true)).toList();
  }

  private static CompiledPolicySet set(
      List<PolicyDocument> identity,
      @Nullable PolicyDocument boundary,
      @Nullable PolicyDocument guardrail) {
    return PolicyCompiler.compileSet(
        identity.stream().map(d -> new NamedDocument(null, d)).toList(),
        boundary == null ? null : new NamedDocument("B", boundary),
        guardrail == null ? null : List.of(new NamedDocument("G", guardrail)));
  }

  private static List<RequestContext> contexts() {
    return List.of(
        RequestContext.empty(),
        RequestContext.builder().put("aws:MultiFactorAuthPresent", "true").build(),
        RequestContext.builder()
            .put("aws:MultiFactorAuthPresent", "true")
            .put("aws:username", "alice")
            .build(),
        RequestContext.builder().put("aws:username", "1").build());
  }

  @Example
  void anUnconditionalDenyOfTheSameSetShadowsAnAllow() {
    PolicyDocument d =
        doc(
            List.of(
                "{\"Effect\":\"Allow\",\"Action\":\"s:Get\",\"Resource\":\"arn:app:s:::x/1\"}",
                "{\"Effect\":\"Deny\",\"Action\":\"s:*\",\"Resource\":\"arn:app:s:::x/*\"}"));
    Shadowing.Blocked b = Shadowing.blocked(d.statements().get(0), true, Shadowing.document(d));
    assertNotNull(b);
    assertEquals(Check.ALLOW_SHADOWED_BY_DENY, b.check());
  }

  @Example
  void aConditionalDenyShadowsNothing() {
    PolicyDocument d =
        doc(
            List.of(
                "{\"Effect\":\"Allow\",\"Action\":\"s:Get\",\"Resource\":\"*\"}",
                "{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\","
                    + "\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"false\"}}}"));
    assertNull(Shadowing.blocked(d.statements().get(0), true, Shadowing.document(d)));
  }
}
