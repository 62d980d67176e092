package io.iamgate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The typed value syntaxes of section 4.3: IP addresses and CIDRs, numbers, dates, templates. */
class ValueSyntaxTest {
  @ParameterizedTest
  @CsvSource({
    "203.0.113.0/24, 203.0.113.255, true",
    "203.0.113.0/24, 203.0.114.0, false",
    "203.0.113.5/24, 203.0.113.99, true",
    "203.0.113.7, 203.0.113.7, true",
    "203.0.113.7, 203.0.113.8, false",
    "0.0.0.0/0, 255.255.255.255, true",
    "2001:DB8:1234:5678::/64, 2001:db8:1234:5678:abcd::1, true",
    "2001:DB8:1234:5678::/64, 2001:db8:1234:5679::1, false",
    "2001:db8::1, 2001:0db8:0000:0000:0000:0000:0000:0001, true",
    "::/0, ::1, true",
    "203.0.113.0/24, ::ffff:203.0.113.7, false",
    "::ffff:203.0.113.0/120, ::ffff:203.0.113.7, true",
    "2001:db8::/127, 2001:db8::1, true",
    "2001:db8::/65, 2001:db8:0:0:8000::, false"
  })
  void cidrContainment(String range, String address, boolean contained) {
    IpAddresses.Range r = IpAddresses.parseRange(range);
    IpAddresses.Address a = IpAddresses.parseAddress(address);
    assertNotNull(r, range);
    assertNotNull(a, address);
    assertEquals(contained, r.contains(a));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1",
        "127.1",
        "0x7f.0.0.1",
        "010.0.0.1",
        "1.2.3.4.5",
        "256.0.0.1",
        "1.2.3.",
        "fe80::1%eth0",
        "1:2:3:4:5:6:7:8:9",
        "1::2::3",
        ":1:2",
        "",
        "abc",
        "1.2.3.4/33",
        "1.2.3.4/",
        "::1/129",
        "1.2.3.4/08",
        " 1.2.3.4",
        "12345::"
      })
  void malformedAddressesAreRejected(String text) {
    assertNull(IpAddresses.parseRange(text), text);
  }

  @ParameterizedTest
  @CsvSource({"10, 10.0", "+1.50, 1.5", "-0, 0", "007, 7"})
  void numbersCompareByValue(String a, String b) {
    assertEquals(0, PolicyNumbers.parse(a).compareTo(new BigDecimal(b)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e3", "0x10", " 1", "1.", ".5", "NaN", "1,5", "--1", ""})
  void numberSyntaxIsStrict(String text) {
    assertNull(PolicyNumbers.parse(text), text);
  }

  @ParameterizedTest
  @CsvSource({
    "2020-01-01T00:00:00Z, 1577836800",
    "2020-01-01T00:00:00.000Z, 1577836800",
    "2020-01-01T02:00:00+02:00, 1577836800",
    "2020-01-01T02:00:00+0200, 1577836800",
    "2020-01-01T02:00:00+02, 1577836800",
    "2020-01-01t00:00:00z, 1577836800",
    "2020-01-01T00:00, 1577836800",
    "2020-01-01T00:00:00, 1577836800",
    "2020-01-01, 1577836800",
    "2020-01, 1577836800",
    "2020, 1577836800",
    "1577836800, 1577836800",
    "-86400, -86400",
    "2019-12-31T23:00:00-01:00, 1577836800"
  })
  void datesParseToInstants(String text, long epochSeconds) {
    assertEquals(Instant.ofEpochSecond(epochSeconds), PolicyDates.parse(text));
  }

  @Test
  void fractionsKeepNanoseconds() {
    assertEquals(
        Instant.ofEpochSecond(1577836800, 123_456_789),
        PolicyDates.parse("2020-01-01T00:00:00.1234567899Z"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "soon",
        "2020-13-01",
        "2020-02-30",
        "2020-01-01T24:00:00Z",
        "2020-01-01T00:60Z",
        "2020-01-01 00:00:00Z",
        "20-01-01",
        "2020-1-1",
        "2020-01-01T00:00:00+2",
        "2020-01-01T00:00:00.Z",
        "-",
        ""
      })
  void malformedDatesAreRejected(String text) {
    assertNull(PolicyDates.parse(text), text);
  }

  @Test
  void templatesSplitVariablesDefaultsAndSpecials() {
    Template t =
        Template.parse(
            "a/${aws:UserName}/${aws:PrincipalTag/team, 'shared'}/${*}${?}${$}/${x", true);
    assertEquals(
        List.of(
            new Template.Text("a/"),
            new Template.Variable("aws:UserName", "aws:username", null),
            new Template.Text("/"),
            new Template.Variable("aws:PrincipalTag/team", "aws:principaltag/team", "shared"),
            new Template.Text("/"),
            new Template.Literal("*"),
            new Template.Literal("?"),
            new Template.Literal("$"),
            new Template.Text("/${x")),
        t.parts());
    assertTrue(t.hasVariables());
  }

  @Test
  void defaultsAcceptAnyWhiteSpaceAfterTheComma() {
    assertEquals(
        new Template.Variable("k", "k", "d"), Template.parse("${k,'d'}", true).parts().get(0));
    assertEquals(
        new Template.Variable("k", "k", "d"), Template.parse("${k ,   'd'}", true).parts().get(0));
  }

  @Test
  void version2008TemplatesAreLiteral() {
    Template t = Template.parse("a/${aws:username}", false);
    assertEquals(List.of(new Template.Text("a/${aws:username}")), t.parts());
    assertFalse(t.hasVariables());
  }

  @ParameterizedTest
  @CsvSource({"ABC, abc", "İ, i", "Straße, straße", "ǅ, ǆ"})
  void caseFoldingIsLocaleFree(String in, String folded) {
    assertEquals(CaseFold.fold(folded), CaseFold.fold(in));
  }

  @Test
  void turkishDotlessIDoesNotFoldToI() {
    assertFalse(CaseFold.fold("ı").equals("i") && CaseFold.fold("I").equals("ı"));
    assertEquals("i", CaseFold.fold("I"));
  }

  @Test
  void arnsSplitAtTheFirstFiveColons() {
    assertEquals(
        List.of("arn", "aws", "sns", "us-east-2", "1", "x:2:t"),
        List.of(Arn.split("arn:aws:sns:us-east-2:1:x:2:t")));
    assertNull(Arn.split("arn:aws:sns"));
    assertEquals(
        List.of("arn", "aws", "sqs", "*", "*", "*"), List.of(Arn.splitPadded("arn:aws:sqs")));
  }
}
