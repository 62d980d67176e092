package io.iamgate.policy.parse;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iamgate.json.Diagnostic;
import io.iamgate.json.ParseResult;
import io.iamgate.policy.PolicyArbitraries;
import io.iamgate.policy.PolicyDocument;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Arbitrary and mutated input never makes the parser throw: it always answers with a document or
 * with positioned errors.
 */
class ParserRobustnessProperties {
  private static final String SAMPLE =
      """
      {"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":["orders:Get*"],
       "Resource":"arn:app:orders:*:1:order/${aws:username}",
       "Condition":{"IpAddress":{"aws:SourceIp":["10.0.0.0/8"]},"DateLessThan":{"aws:CurrentTime":"2030-01-01"},
       "ForAnyValue:StringLike":{"aws:TagKeys":"a*"},"Null":{"x":"true"},"Bool":{"x:b":true},"NumericEquals":{"n":1.5}}}]}
      """;

  @Provide
  Arbitrary<String> mutatedSamples() {
    Arbitrary<String> base =
        Arbitraries.oneOf(
            Arbitraries.just(SAMPLE), PolicyArbitraries.documents().map(PolicyPrinter::print));
    Arbitrary<String> junk =
        Arbitraries.strings().withChars("{}[],:\"\\ntrufalse0123456789.-+eE *?$/u").ofMaxLength(4);
    return Combinators.combine(
            base,
            Arbitraries.integers().between(0, 10_000),
            Arbitraries.integers().between(0, 6),
            junk)
        .as(
            (text, pos, cut, insert) -> {
              int at = pos % (text.length() + 1);
              int end = Math.min(text.length(), at + cut);
              return text.substring(0, at) + insert + text.substring(end);
            });
  }

  @Property(tries = 3000)
  void mutatedDocumentsNeverThrow(@ForAll("mutatedSamples") String text) {
    check(text);
  }

  @Property(tries = 2000)
  void arbitraryTextNeverThrows(@ForAll String text) {
    check(text);
  }

  private static void check(String text) {
    ParseResult<PolicyDocument> r = PolicyParser.parse(text, "fuzz.json");
    assertNotNull(r);
    if (!r.ok()) {
      assertFalse(r.errors().isEmpty());
      for (Diagnostic d : r.errors()) {
        assertNotNull(d.message());
        assertTrue(d.path().isEmpty() || d.path().startsWith("/"), d.path());
        assertFalse(d.message().contains("Exception"), d.message());
      }
    }
  }
}
