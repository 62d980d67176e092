package io.iamgate.policy.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iamgate.json.ParseResult;
import io.iamgate.policy.PolicyArbitraries;
import io.iamgate.policy.PolicyDocument;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** parse ∘ print is the identity on the model, and printing is idempotent. */
class RoundTripProperties {
  @Provide
  Arbitrary<PolicyDocument> documents() {
    return PolicyArbitraries.documents();
  }

  @Property(tries = 1000)
  void printThenParseGivesTheSameDocument(@ForAll("documents") PolicyDocument doc) {
    String text = PolicyPrinter.print(doc);
    ParseResult<PolicyDocument> r = PolicyParser.parse(text, null);
    assertTrue(r.ok(), () -> r.errors() + "\n" + text);
    assertEquals(doc, r.value());
    assertEquals(text, PolicyPrinter.print(r.value()));
  }

  @Example
  void sameOperatorUnderTwoSpellingsSurvives() {
    String text =
        """
        {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*",
         "Condition":{"StringEquals":{"k":"a"},"stringequals":{"k":"b"}}}}""";
    PolicyDocument doc = PolicyParser.parse(text, null).value();
    PolicyDocument again = PolicyParser.parse(PolicyPrinter.print(doc), null).value();
    assertEquals(doc, again);
  }
}
