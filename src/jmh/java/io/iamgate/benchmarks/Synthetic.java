package io.iamgate.benchmarks;

import io.iamgate.policy.Clause;
import io.iamgate.policy.Condition;
import io.iamgate.policy.ConditionOperator;
import io.iamgate.policy.Effect;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.PolicyVersion;
import io.iamgate.policy.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded synthetic principals of any size, for the growth and compile benchmarks. */
final class Synthetic {
  static final int SERVICES = 50;

  private Synthetic() {}

  /**
   * A principal's policies with {@code statements} statements in documents of 10: exact and
   * wildcard actions over 50 services, ~15 % Deny, ~40 % with an IP or tag condition.
   */
  static List<PolicyDocument> principal(int statements, long seed) {
    Random rnd = new Random(seed);
    ConditionOperator ip = ConditionOperator.parse("IpAddress").operator();
    ConditionOperator tag = ConditionOperator.parse("StringEquals").operator();
    List<PolicyDocument> docs = new ArrayList<>();
    List<Statement> current = new ArrayList<>();
    for (int i = 0; i < statements; i++) {
      int svc = i % SERVICES;
      String action =
          rnd.nextInt(5) == 0 ? "svc" + svc + ":Get" + i + "*" : "svc" + svc + ":Action" + i;
      String resource =
          "arn:app:svc"
              + svc
              + ":eu-west-1:123456789012:thing/"
              + (rnd.nextBoolean() ? i + "/*" : "*");
      List<Condition> conditions = new ArrayList<>();
      int c = rnd.nextInt(10);
      if (c < 2) {
        conditions.add(new Condition(ip, "aws:SourceIp", List.of("10.0.0.0/8", "192.168.0.0/16")));
      } else if (c < 4) {
        conditions.add(new Condition(tag, "aws:PrincipalTag/team", List.of("red", "blue")));
      }
      Effect effect = rnd.nextInt(100) < 15 ? Effect.DENY : Effect.ALLOW;
      current.add(
          new Statement("S" + i, effect, Clause.of(action), Clause.of(resource), conditions));
      if (current.size() == 10) {
        docs.add(new PolicyDocument(PolicyVersion.V2012_10_17, null, current));
        current = new ArrayList<>();
      }
    }
    if (!current.isEmpty()) {
      docs.add(new PolicyDocument(PolicyVersion.V2012_10_17, null, current));
    }
    return docs;
  }

  /** Request actions for a principal of {@code statements}: mostly ones its statements name. */
  static String action(Random rnd, int statements) {
    int i = rnd.nextInt(statements);
    return rnd.nextInt(4) == 0
        ? "svc" + (i % SERVICES) + ":Get" + i + "Thing"
        : "svc" + (i % SERVICES) + ":Action" + i;
  }
}
