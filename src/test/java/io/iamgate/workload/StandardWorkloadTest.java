package io.iamgate.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java workload is the Python script's: the {@link PythonRandom} streams equal python3 3.11's
 * for seed 42 (constants captured from {@code random.Random(42)}), the written files hash like the
 * script's output, and the reference evaluator decides hand-written cases as IAM does.
 */
class StandardWorkloadTest {
  private static StandardWorkload standard;

  @BeforeAll
  static void generateStandardWorkload() {
    standard = StandardWorkload.generate(StandardWorkload.Options.DEFAULTS);
  }

  // ------------------------------------------------------------ the standard workload

  @Test
  void defaultWorkloadHasTheScriptsSizesAndDecisions() {
    assertEquals(200, standard.roles().size());
    assertEquals(200, standard.statements().size());
    assertEquals(1992, standard.statementCount());
    assertEquals(1000, standard.principals().size());
    assertEquals(100_000, standard.requests().size());
    assertEquals(100_000, standard.expected().size());
    assertEquals(
        Map.of("Allow", 44_341, "ImplicitDeny", 39_036, "ExplicitDeny", 16_623),
        standard.decisionCounts());
    assertEquals(
        List.of("role-0000", "role-0001"), standard.roles().keySet().stream().limit(2).toList());
    assertEquals("q099999", standard.requests().get(99_999).id());
  }

  @Test
  void defaultWorkloadMatchesTheScriptsSamples() {
    assertTrue(
        standard
            .roles()
            .get("role-0000")
            .startsWith(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"S00\",\"Effect\":\"Allow\","
                    + "\"Action\":\"payments:Get*\","
                    + "\"Resource\":\"arn:app:payments:*:123456789012:payment/*\"},{\"Sid\":\"S01\","));
    // the example line of shared/bench/README.md
    WorkloadRequest q = standard.requests().get(2);
    assertEquals("q000002", q.id());
    assertEquals("user-00001", q.principal());
    assertEquals(List.of("role-0104"), q.roles());
    assertEquals("orders:ListOrderItems", q.action());
    assertEquals("arn:app:orders:us-east-1:123456789012:order/ord-00393", q.resource());
    assertEquals(
        List.of("aws:SourceIp", "aws:MultiFactorAuthPresent", "aws:PrincipalTag/team"),
        List.copyOf(q.context().keySet()));
    assertEquals(List.of("172.27.109.185", "true", "logistics"), List.copyOf(q.context().values()));
  }

  @Test
  void writtenFilesAreByteIdenticalToTheScriptsOutput(@TempDir Path dir) throws Exception {
    standard.writeTo(dir);
    // sha256sum of python3 gen_workload.py --out ... (seed 42, defaults)
    assertEquals(
        "f22f1ee2772110250a466bc9966653467856839974c57967f7db0ab89def1f65",
        sha256(dir.resolve("iam/roles.json")));
    assertEquals(
        "b9cc872a39e84094c489ecfdde9995416adbb7f5c1638392b5d5e883e1707009",
        sha256(dir.resolve("iam/requests.jsonl")));
    assertEquals(
        "bfa2f2023e155d2a96e654547cdf87a66c1b25c7b73d3a352c2949d2961eb15b",
        sha256(dir.resolve("iam/principals.json")));
    assertEquals(
        "accdfe541d1150625b2ede9c41d64c0bcf56ee26bfbe0fae021b35424009af46",
        sha256(dir.resolve("expected.jsonl")));
  }

  @Test
  void otherOptionsAlsoMatchTheScript(@TempDir Path dir) throws Exception {
    var options = new StandardWorkload.Options(7, 20, 50, 2000);
    StandardWorkload small = StandardWorkload.generate(options);
    assertEquals(206, small.statementCount());
    assertEquals(
        Map.of("Allow", 871, "ImplicitDeny", 812, "ExplicitDeny", 317), small.decisionCounts());
    small.writeTo(dir);
    // python3 gen_workload.py --seed 7 --roles 20 --principals 50 --requests 2000
    assertEquals(
        "4223482da48a9ec442720d58dbf172e211bcf8a80e227531fc3e867704598d03",
        sha256(dir.resolve("iam/roles.json")));
    assertEquals(
        "ad20b8fa72d72ac4fab238fa8d05774a7abff76ca0102001c9dd3e8b9fb114d3",
        sha256(dir.resolve("iam/requests.jsonl")));
    assertEquals(
        "047c3f05dfacbdc77a4ab8bc187c6dbdc79fb19b6e94b7e4fcf9556c9e2bf4b5",
        sha256(dir.resolve("iam/principals.json")));
    assertEquals(
        "5939f3ceeeb9c2f6e4278687766c95c53a97a64c20a534b99f708c813d128f10",
        sha256(dir.resolve("expected.jsonl")));
  }

  @Test
  void sameSeedGivesTheSameWorkloadAndAnotherSeedAnotherOne() {
    var options = new StandardWorkload.Options(42, 30, 100, 3000);
    StandardWorkload first = StandardWorkload.generate(options);
    StandardWorkload second = StandardWorkload.generate(options);
    assertEquals(first, second);
    StandardWorkload other =
        StandardWorkload.generate(new StandardWorkload.Options(43, 30, 100, 3000));
    assertNotEquals(first.roles(), other.roles());
    assertNotEquals(first.requests(), other.requests());
    // a smaller workload with the default seed is a prefix of the stream: same first roles
    assertEquals(standard.roles().get("role-0000"), first.roles().get("role-0000"));
  }

  @Test
  void resultIsUnmodifiable() {
    assertThrows(UnsupportedOperationException.class, () -> standard.roles().put("x", "{}"));
    assertThrows(UnsupportedOperationException.class, () -> standard.expected().set(0, "Allow"));
    assertThrows(
        UnsupportedOperationException.class,
        () -> standard.requests().get(0).context().put("aws:SourceIp", "10.0.0.1"));
  }

  @Test
  void optionsRejectImpossibleSizes() {
    assertThrows(IllegalArgumentException.class, () -> new StandardWorkload.Options(42, 2, 10, 10));
    assertThrows(IllegalArgumentException.class, () -> new StandardWorkload.Options(42, 10, 0, 10));
  }

  // ------------------------------------------------------------ PythonRandom vs python3 3.11

  @Test
  void randomMatchesPythonForSeed42() {
    var r = new PythonRandom(42);
    double[] expected = {
      0.6394267984578837,
      0.025010755222666936,
      0.27502931836911926,
      0.22321073814882275,
      0.7364712141640124
    };
    for (double e : expected) {
      assertEquals(e, r.random(), 0.0);
    }
  }

  @Test
  void integerFunctionsMatchPython() {
    // python3: r = random.Random(42); [r.random() for _ in range(5)]; then the calls below in order
    var r = new PythonRandom(42);
    IntStream.range(0, 5).forEach(i -> r.random());
    List<Long> ints = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ints.add(r.randint(1, 100));
    }
    assertEquals(List.of(87L, 95L, 70L, 12L, 76L, 55L, 5L, 4L, 12L, 28L), ints);
    var chars = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      chars.append(r.choice("abcdefg"));
    }
    assertEquals("beeaebfffe", chars.toString());
    // sample: pool branch (n = 20 <= 21), set branch (n = 1000), a full permutation
    assertEquals(List.of(13, 7, 14, 8, 0), r.sample(range(20), 5));
    assertEquals(List.of(777, 825, 163, 714), r.sample(range(1000), 4));
    assertEquals(
        List.of("g", "c", "h", "b", "e", "d", "a", "f"),
        r.sample(List.of("a", "b", "c", "d", "e", "f", "g", "h"), 8));
    List<Integer> x = new ArrayList<>(range(10));
    r.shuffle(x);
    assertEquals(List.of(3, 8, 0, 7, 4, 2, 9, 5, 1, 6), x);
    assertEquals(1L, r.getrandbits(1));
    assertEquals(536124280L, r.getrandbits(32));
    assertEquals(8474467660L, r.getrandbits(33));
    assertEquals(726803524325187859L, r.getrandbits(63));
    assertEquals(18L, r.randrange(10, 20));
    assertEquals(314797776L, r.randrange(1000000007));
    assertEquals(
        List.of("b", "b", "c", "b", "b", "a", "a", "a", "a", "a"),
        r.choices(List.of("a", "b", "c"), new double[] {50, 35, 15}, 10));
    assertEquals(List.of("x", "x", "y", "y", "y"), r.choices(List.of("x", "y", "z"), 5));
    assertEquals(3.5475351538574387, r.uniform(2.5, 7.5), 0.0);
  }

  @Test
  void seedingMatchesPythonForZeroNegativeAndWideSeeds() {
    assertEquals(0.8444218515250481, new PythonRandom(0).random(), 0.0);
    assertEquals(0.6394267984578837, new PythonRandom(-42).random(), 0.0); // abs(seed)
    assertEquals(0.5043802970418443, new PythonRandom((1L << 40) + 5).random(), 0.0);
    assertEquals(0.5534639983914199, new PythonRandom(Long.MIN_VALUE).random(), 0.0);
  }

  // ------------------------------------------------------------ reference evaluator

  private static final String ORDER = "arn:app:orders:eu-west-1:123456789012:order/ord-00042";

  private static PolicyStatement allow(
      String action, String resource, PolicyStatement.Condition... conditions) {
    return new PolicyStatement(
        "A", "Allow", List.of(action), List.of(resource), List.of(conditions));
  }

  private static PolicyStatement deny(
      String action, String resource, PolicyStatement.Condition... conditions) {
    return new PolicyStatement(
        "D", "Deny", List.of(action), List.of(resource), List.of(conditions));
  }

  private static PolicyStatement.Condition cond(String op, String key, String... values) {
    return new PolicyStatement.Condition(op, key, List.of(values));
  }

  private static Map<String, String> ctx(String ip, String mfa, String team) {
    var m = new LinkedHashMap<String, String>();
    m.put("aws:SourceIp", ip);
    m.put("aws:MultiFactorAuthPresent", mfa);
    m.put("aws:PrincipalTag/team", team);
    return m;
  }

  @Test
  void explicitDenyWinsOverAllowInAnyRoleOrder() {
    var ev =
        new ReferenceEvaluator(
            Map.of(
                "reader", List.of(allow("orders:Get*", "arn:app:orders:*:123456789012:order/*")),
                "blocker", List.of(deny("*", "*"))));
    Map<String, String> c = ctx("10.1.2.3", "true", "billing");
    assertEquals(
        "ExplicitDeny", ev.decide(List.of("reader", "blocker"), "orders:GetOrder", ORDER, c));
    assertEquals(
        "ExplicitDeny", ev.decide(List.of("blocker", "reader"), "orders:GetOrder", ORDER, c));
    assertEquals("Allow", ev.decide(List.of("reader"), "orders:GetOrder", ORDER, c));
  }

  @Test
  void noMatchingAllowIsImplicitDeny() {
    var ev =
        new ReferenceEvaluator(
            Map.of(
                "reader",
                List.of(allow("orders:GetOrder", "arn:app:orders:eu-west-1:*:order/ord-000*"))));
    Map<String, String> c = ctx("10.1.2.3", "true", "billing");
    assertEquals("Allow", ev.decide(List.of("reader"), "ORDERS:getorder", ORDER, c)); // any case
    assertEquals("ImplicitDeny", ev.decide(List.of("reader"), "orders:DeleteOrder", ORDER, c));
    assertEquals(
        "ImplicitDeny",
        ev.decide(
            List.of("reader"),
            "orders:GetOrder",
            "arn:app:orders:eu-west-1:123456789012:order/ord-00142",
            c));
    assertEquals(
        "ImplicitDeny",
        ev.decide(
            List.of("reader"),
            "orders:GetOrder",
            ORDER.toUpperCase(Locale.ROOT),
            c)); // resources are case-sensitive
    assertEquals("ImplicitDeny", ev.decide(List.of(), "orders:GetOrder", ORDER, c));
    assertThrows(
        IllegalArgumentException.class,
        () -> ev.decide(List.of("nobody"), "orders:GetOrder", ORDER, c));
  }

  @Test
  void sourceIpConditionsTestCidrMembership() {
    var ev =
        new ReferenceEvaluator(
            Map.of(
                "office",
                    List.of(
                        allow(
                            "orders:*",
                            "*",
                            cond("IpAddress", "aws:SourceIp", "10.20.30.7/24", "192.168.0.0/16"))),
                "fence",
                    List.of(
                        allow("orders:*", "*"),
                        deny("*", "*", cond("NotIpAddress", "aws:SourceIp", "10.0.0.0/8")))));
    String get = "orders:GetOrder";
    assertEquals(
        "Allow",
        ev.decide(
            List.of("office"),
            get,
            ORDER,
            ctx("10.20.30.255", "true", "x"))); // host bits of 10.20.30.7/24 are ignored
    assertEquals(
        "Allow", ev.decide(List.of("office"), get, ORDER, ctx("192.168.7.1", "true", "x")));
    assertEquals(
        "ImplicitDeny", ev.decide(List.of("office"), get, ORDER, ctx("10.20.31.1", "true", "x")));
    assertEquals("ImplicitDeny", ev.decide(List.of("office"), get, ORDER, Map.of()));
    assertEquals("Allow", ev.decide(List.of("fence"), get, ORDER, ctx("10.9.9.9", "true", "x")));
    assertEquals(
        "ExplicitDeny", ev.decide(List.of("fence"), get, ORDER, ctx("52.1.2.3", "true", "x")));
    // a missing key makes NotIpAddress true, so the fence denies
    assertEquals("ExplicitDeny", ev.decide(List.of("fence"), get, ORDER, Map.of()));
  }

  @Test
  void boolAndStringEqualsConditions() {
    var ev =
        new ReferenceEvaluator(
            Map.of(
                "mfa-team",
                List.of(
                    allow(
                        "invoices:List*",
                        "*",
                        cond("Bool", "aws:MultiFactorAuthPresent", "true"),
                        cond("StringEquals", "aws:PrincipalTag/team", "billing", "finance")))));
    String list = "invoices:ListInvoices";
    String inv = "arn:app:invoices:eu-west-1:123456789012:invoice/inv-00001";
    assertEquals(
        "Allow", ev.decide(List.of("mfa-team"), list, inv, ctx("8.8.8.8", "TRUE", "finance")));
    assertEquals(
        "ImplicitDeny",
        ev.decide(List.of("mfa-team"), list, inv, ctx("8.8.8.8", "false", "finance")));
    assertEquals(
        "ImplicitDeny",
        ev.decide(
            List.of("mfa-team"),
            list,
            inv,
            ctx("8.8.8.8", "true", "Finance"))); // StringEquals is case-sensitive
  }

  @Test
  void unsupportedOperatorIsRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ReferenceEvaluator(
                Map.of(
                    "r",
                    List.of(allow("*", "*", cond("StringLike", "aws:PrincipalTag/team", "b*"))))));
  }

  // ------------------------------------------------------------ glob and JSON helpers

  @Test
  void globMatchesLikeTheScriptsRegex() {
    assertTrue(
        Glob.matches(
            "arn:app:orders:*:*:order/ord-00*",
            "arn:app:orders:eu-west-1:1:order/ord-00042",
            false));
    assertTrue(Glob.matches("a*b*c", "aXXbYYbc", false));
    assertTrue(Glob.matches("a?c", "abc", false));
    assertTrue(Glob.matches("*", "", false));
    assertFalse(Glob.matches("a?c", "ac", false));
    assertFalse(Glob.matches("order/*", "Order/1", false));
    assertTrue(Glob.matches("orders:get*", "orders:GetOrder", true));
  }

  @Test
  void jsonStringsAreEscapedLikePythonEnsureAscii() {
    // python3 -c 'import json; print(json.dumps("a\"b\\c\n\t\x01\x7f \xe9 \u2028 \U0001f600 /"))'
    assertEquals(
        "\"a\\\"b\\\\c\\n\\t\\u0001\\u007f \\u00e9 \\u2028 \\ud83d\\ude00 /\"",
        Json.string(new StringBuilder(), "a\"b\\c\n\t\u0001\u007f \u00e9 \u2028 \uD83D\uDE00 /")
            .toString());
  }

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
