package io.iamgate.policy.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iamgate.json.Diagnostic;
import io.iamgate.json.Json;
import io.iamgate.json.JsonReader;
import io.iamgate.json.ParseResult;
import io.iamgate.policy.BaseOperator;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.PolicyVersion;
import io.iamgate.policy.SetQualifier;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyParserTest {
  private static ParseResult<PolicyDocument> parse(String text) {
    return PolicyParser.parse(text, "p.json");
  }

  private static Diagnostic only(String text) {
    ParseResult<PolicyDocument> r = parse(text);
    assertFalse(r.ok(), "expected an error");
    assertEquals(1, r.errors().size(), () -> r.errors().toString());
    return r.errors().get(0);
  }

  private static String stmt(String members) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + members + "]}";
  }

  @Test
  void validDocumentParses() {
    ParseResult<PolicyDocument> r =
        parse(
            """
        {"Version": "2012-10-17", "Id": "x", "Statement": [
          {"Sid": "A", "Effect": "Allow", "Action": ["orders:Get*", "orders:List*"],
           "Resource": "arn:app:orders:*:123456789012:order/*",
           "Condition": {"ForAnyValue:StringEqualsIfExists": {"aws:TagKeys": ["a", 1, true]}}}]}
        """);
    assertTrue(r.ok(), () -> r.diagnostics().toString());
    PolicyDocument d = r.value();
    assertEquals(PolicyVersion.V2012_10_17, d.version());
    assertEquals("x", d.id());
    var c = d.statements().get(0).conditions().get(0);
    assertEquals(SetQualifier.FOR_ANY_VALUE, c.operator().qualifier());
    assertEquals(BaseOperator.STRING_EQUALS, c.operator().base());
    assertTrue(c.operator().ifExists());
    assertEquals(List.of("a", "1", "true"), c.values());
    assertTrue(r.diagnostics().isEmpty());
  }

  @Test
  void errorsNameFilePathLineAndColumn() {
    Diagnostic d =
        only(
            """
        {"Version": "2012-10-17",
         "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
                       {"Effect": "Allow", "Action": "*", "Resource": "*",
                        "Condition": {"IpAddress": {"aws:SourceIp": "300.1.2.3"}}}]}
        """);
    assertEquals("p.json", d.file());
    assertEquals("/Statement/1/Condition/IpAddress/aws:SourceIp", d.path());
    assertEquals(4, d.line());
    assertEquals(61, d.column());
    assertEquals("condition-value", d.code());
    assertTrue(d.message().contains("`300.1.2.3`"), d.message());
    assertEquals(
        "p.json:4:61: error[condition-value]: /Statement/1/Condition/IpAddress/aws:SourceIp: "
            + "`IpAddress` expects an IPv4 or IPv6 address or CIDR block such as `203.0.113.0/24`, found `300.1.2.3`",
        d.format());
  }

  @Test
  void everyErrorOfTheDocumentIsReportedInOrder() {
    ParseResult<PolicyDocument> r =
        parse(
            stmt(
                "{\"Effect\":\"allow\",\"Action\":\"s3\",\"Resource\":\"bucket\"},"
                    + "{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringEqual\":{\"a\":\"b\"}}}"));
    List<String> codes = r.errors().stream().map(Diagnostic::code).toList();
    assertEquals(List.of("effect", "action", "resource", "unknown-operator"), codes);
    assertNull(r.value());
  }

  @Test
  void operatorTypoGetsAHint() {
    Diagnostic d =
        only(
            stmt(
                "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringEqual\":{\"a\":\"b\"}}}"));
    assertEquals("did you mean `StringEquals`?", d.hint());
    assertEquals("/Statement/0/Condition/StringEqual", d.path());
  }

  @Test
  void memberTypoGetsAHint() {
    Diagnostic d =
        only(stmt("{\"Effect\":\"Allow\",\"Actoin\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}"));
    assertEquals("unknown-member", d.code());
    assertEquals("did you mean `Action`?", d.hint());
  }

  @Test
  void lowerCaseMemberNamesAreUnknown() {
    Diagnostic d =
        only(
            "{\"Version\":\"2012-10-17\",\"statement\":[],\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}");
    assertEquals("/statement", d.path());
    assertEquals("did you mean `Statement`?", d.hint());
  }

  @Test
  void duplicateMembersAreErrors() {
    Diagnostic d =
        only(
            stmt("{\"Effect\":\"Allow\",\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}"));
    assertEquals("duplicate-member", d.code());
    assertEquals("/Statement/0/Effect", d.path());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},]}|trailing commas",
        "{\"Statement\":[/* c */{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}|comments",
        "{\"Statement\":[]} {}|end of the input",
        "[]|a policy document object",
        "''|empty input"
      })
  void syntaxErrorsAreReportedNotThrown(String text, String expectedText) {
    String input = text.equals("''") ? "" : text;
    ParseResult<PolicyDocument> r = parse(input);
    assertFalse(r.ok());
    String messages = r.errors().toString();
    assertTrue(messages.contains(expectedText) || messages.contains("empty"), messages);
    assertTrue(r.errors().get(0).line() >= 1, messages);
  }

  @Test
  void nullsAreErrorsWherever() {
    ParseResult<PolicyDocument> r =
        parse(
            stmt(
                "{\"Effect\":\"Allow\",\"Action\":[\"*\",null],\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"a\":null}}}"));
    assertEquals(
        List.of("/Statement/0/Action/1", "/Statement/0/Condition/StringEquals/a"),
        r.errors().stream().map(Diagnostic::path).toList());
    assertTrue(r.errors().stream().allMatch(d -> d.code().equals("null-value")));
  }

  @Test
  void charactersOutsideLatin1AreErrors() {
    Diagnostic d =
        only(
            stmt(
                "{\"Sid\":\"caf\\u00e9\\u2603\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}"));
    assertEquals("character", d.code());
    assertTrue(d.message().contains("U+2603"), d.message());
  }

  @Test
  void missingVersionIsAWarningNotAnError() {
    ParseResult<PolicyDocument> r =
        parse("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}");
    assertTrue(r.ok());
    assertEquals(PolicyVersion.UNSPECIFIED, r.value().version());
    assertEquals("version-missing", r.warnings().get(0).code());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "StringEquals|StringEquals",
        "stringequals|StringEquals",
        "ForAllValues:StringLikeIfExists|ForAllValues:StringLikeIfExists",
        "forallvalues:stringlikeifexists|ForAllValues:StringLikeIfExists",
        "NumericLessThanEqualsIfExists|NumericLessThanEqualsIfExists",
        "BinaryEquals|BinaryEquals"
      })
  void operatorNamesAreCaseInsensitive(String written, String canonical) {
    var parsed = io.iamgate.policy.ConditionOperator.parse(written);
    assertNotNull(parsed.operator(), parsed.error());
    assertEquals(canonical, parsed.operator().text());
  }

  @ParameterizedTest
  @CsvSource({
    "NullIfExists",
    "ForAnyValue:Null",
    "ForAnyValue::StringEquals",
    "ForSome:StringEquals",
    "StringEqual",
    "IfExists"
  })
  void invalidOperatorsAreRejected(String written) {
    assertNull(io.iamgate.policy.ConditionOperator.parse(written).operator());
  }

  @Test
  void batchEmbeddedDocumentsReportTheirPathAndLine() {
    ParseResult<Json> line =
        JsonReader.read(
            "{\"policies\":[{\"Statement\":{\"Effect\":\"Maybe\",\"Action\":\"*\",\"Resource\":\"*\"}}]}",
            null,
            6);
    Json doc = ((Json.JArray) ((Json.JObject) line.value()).get("policies")).items().get(0);
    Diagnostic d = PolicyParser.parse(doc, null, "/policies/0").errors().get(0);
    assertEquals("/policies/0/Statement/Effect", d.path());
    assertEquals(7, d.line());
  }
}
