package io.iamgate.policy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of valid policy documents over a small vocabulary (two services, a few resources,
 * variables and conditions), so that random requests often hit statements and near misses.
 */
public final class PolicyArbitraries {
  private PolicyArbitraries() {}

  public static final List<String> REQUEST_ACTIONS =
      List.of("svc1:GetThing", "svc1:PutThing", "svc2:ListThings", "SVC2:GetThing", "svc3:Other");

  public static final List<String> REQUEST_RESOURCES =
      List.of(
          "arn:app:svc1:r1:111:thing/a",
          "arn:app:svc1:r2:111:thing/ba",
          "arn:app:svc2:r1:222:thing/alice",
          "arn:app:svc2:r1:222:thing/*",
          "arn:app:svc1:r1:111:other/a",
          "not-an-arn");

  public static final List<String> CONTEXT_KEYS =
      List.of("x:team", "x:n", "aws:SourceIp", "x:mfa", "x:user", "x:tags");

  static Arbitrary<String> actionPatterns() {
    return Arbitraries.of(
        "*",
        "svc1:*",
        "svc1:Get*",
        "svc1:GetThing",
        "svc1:?etThing",
        "SVC1:getthing",
        "svc2:*Things",
        "svc2:*",
        "svc3:Other",
        "svc1:*Thing*");
  }

  static Arbitrary<String> resourcePatterns() {
    return Arbitraries.of(
        "*",
        "arn:app:svc1:r1:111:thing/*",
        "arn:app:svc1:*:111:thing/a",
        "arn:app:svc1:r?:*:thing/*a",
        "arn:app:svc2:r1:222:thing/${x:user}",
        "arn:app:svc2:r1:222:thing/${x:user, 'alice'}",
        "arn:app:svc2:r1:222:thing/${*}",
        "arn:app:svc1",
        "arn:app:svc2:r1:*:*",
        "arn:app:svc1:r1:111:*/a");
  }

  static Arbitrary<Condition> conditions() {
    return Arbitraries.oneOf(
        cond("StringEquals", "x:team", Arbitraries.of("red", "blue")),
        cond("StringNotEquals", "x:team", Arbitraries.of("red", "${x:user}")),
        cond("StringEqualsIgnoreCase", "X:Team", Arbitraries.of("RED")),
        cond("StringLike", "x:user", Arbitraries.of("a*", "*e", "${x:team}*", "?ob")),
        cond("StringNotLike", "x:user", Arbitraries.of("a*")),
        cond("ForAllValues:StringEquals", "x:tags", Arbitraries.of("a", "b")),
        cond("ForAnyValue:StringLike", "x:tags", Arbitraries.of("a*", "c")),
        cond("ForAnyValue:StringNotEquals", "x:tags", Arbitraries.of("a")),
        cond("ForAllValues:StringNotLike", "x:tags", Arbitraries.of("b*")),
        cond("NumericLessThan", "x:n", Arbitraries.of("10", "2.5")),
        cond("NumericGreaterThanEquals", "x:n", Arbitraries.of("3")),
        cond("NumericEquals", "x:n", Arbitraries.of("5.0")),
        cond("Bool", "x:mfa", Arbitraries.of("true", "false")),
        cond("BoolIfExists", "x:mfa", Arbitraries.of("false")),
        cond("StringEqualsIfExists", "x:team", Arbitraries.of("red")),
        cond("IpAddress", "aws:SourceIp", Arbitraries.of("10.0.0.0/8", "192.168.1.7")),
        cond("NotIpAddress", "aws:SourceIp", Arbitraries.of("10.1.0.0/16")),
        cond("Null", "x:team", Arbitraries.of("true", "false")),
        cond("Null", "x:tags", Arbitraries.of("false")));
  }

  private static Arbitrary<Condition> cond(String op, String key, Arbitrary<String> value) {
    ConditionOperator operator = ConditionOperator.parse(op).operator();
    return value
        .list()
        .ofMinSize(1)
        .ofMaxSize(2)
        .uniqueElements()
        .map(vs -> new Condition(operator, key, vs));
  }

  static Arbitrary<Statement> statements() {
    Arbitrary<Clause> action =
        Combinators.combine(
                Arbitraries.of(false, false, true),
                actionPatterns().list().ofMinSize(1).ofMaxSize(2).uniqueElements())
            .as(Clause::new);
    Arbitrary<Clause> resource =
        Combinators.combine(
                Arbitraries.of(false, false, true),
                resourcePatterns().list().ofMinSize(1).ofMaxSize(2).uniqueElements())
            .as(Clause::new);
    Arbitrary<List<Condition>> conditions =
        conditions()
            .list()
            .ofMaxSize(2)
            .filter(
                cs ->
                    cs.stream()
                            .map(c -> c.operator().text() + c.key().toLowerCase())
                            .distinct()
                            .count()
                        == cs.size());
    return Combinators.combine(
            Arbitraries.of(Effect.ALLOW, Effect.ALLOW, Effect.DENY), action, resource, conditions)
        .as((effect, a, r, cs) -> new Statement(null, effect, a, r, cs));
  }

  /** A valid document: 1 to 4 statements, mostly Version 2012-10-17. */
  public static Arbitrary<PolicyDocument> documents() {
    return Combinators.combine(
            Arbitraries.of(
                PolicyVersion.V2012_10_17, PolicyVersion.V2012_10_17, PolicyVersion.UNSPECIFIED),
            statements().list().ofMinSize(1).ofMaxSize(4))
        .as((v, ss) -> new PolicyDocument(v, null, ss));
  }

  /** A context over {@link #CONTEXT_KEYS}; values are a String or a List of String. */
  public static Arbitrary<java.util.Map<String, Object>> contexts() {
    Arbitrary<Object> team = Arbitraries.of("red", "Red", "blue", "");
    Arbitrary<Object> n = Arbitraries.of("2", "3", "5", "10.0", "abc");
    Arbitrary<Object> ip = Arbitraries.of("10.1.2.3", "192.168.1.7", "8.8.8.8");
    Arbitrary<Object> mfa = Arbitraries.of("true", "false", "TRUE", "nope");
    Arbitrary<Object> user = Arbitraries.of("alice", "bob", "*", "a");
    Arbitrary<Object> tags =
        Arbitraries.oneOf(
            Arbitraries.of("a", "b", "c", "").list().ofMinSize(1).ofMaxSize(3).map(l -> (Object) l),
            Arbitraries.of("a", ""));
    return Combinators.combine(
            team.injectNull(0.3),
            n.injectNull(0.3),
            ip.injectNull(0.3),
            mfa.injectNull(0.3),
            user.injectNull(0.3),
            tags.injectNull(0.3))
        .as(
            (a, b, c, d, e, f) -> {
              java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
              Object[] vs = {a, b, c, d, e, f};
              for (int i = 0; i < vs.length; i++) {
                if (vs[i] != null) {
                  m.put(CONTEXT_KEYS.get(i), vs[i]);
                }
              }
              return m;
            });
  }
}
