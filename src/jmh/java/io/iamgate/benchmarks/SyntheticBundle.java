package io.iamgate.benchmarks;

import java.util.Random;

/**
 * A seeded bundle of any size, as JSON text: managed policies of three statements, groups with two
 * managed policies, users in one to three groups with tags (some with a policy of their own and an
 * inline policy), roles with two managed policies, an inline policy and a trust policy.
 */
final class SyntheticBundle {
  private SyntheticBundle() {}

  static String json(int users, int groups, int roles, int policies, long seed) {
    Random rnd = new Random(seed);
    StringBuilder sb = new StringBuilder(16 * 1024 * 1024);
    sb.append("{\"format\":\"iamgate-bundle/1\",\"account\":\"123456789012\",\"policies\":{");
    for (int p = 0; p < policies; p++) {
      if (p > 0) {
        sb.append(',');
      }
      int svc = p % 40;
      sb.append("\"P")
          .append(p)
          .append("\":{\"Version\":\"2012-10-17\",\"Statement\":[")
          .append("{\"Sid\":\"Read\",\"Effect\":\"Allow\",\"Action\":[\"svc")
          .append(svc)
          .append(":Get*\",\"svc")
          .append(svc)
          .append(":List*\"],\"Resource\":\"arn:app:svc")
          .append(svc)
          .append(":*:123456789012:thing/")
          .append(p)
          .append("/*\"},")
          .append("{\"Sid\":\"Write\",\"Effect\":\"Allow\",\"Action\":\"svc")
          .append(svc)
          .append(":Update")
          .append(p)
          .append(
              "\",\"Resource\":\"*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"192.168.0.0/16\"]}}},")
          .append("{\"Sid\":\"NoDelete\",\"Effect\":\"Deny\",\"Action\":\"svc")
          .append(svc)
          .append(":Delete*\",\"Resource\":\"*\",")
          .append("\"Condition\":{\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}}}]}");
    }
    sb.append("},\"groups\":{");
    for (int g = 0; g < groups; g++) {
      if (g > 0) {
        sb.append(',');
      }
      int first = rnd.nextInt(policies);
      sb.append("\"G")
          .append(g)
          .append("\":{\"policies\":[\"P")
          .append(first)
          .append("\",\"P")
          .append((first + 1 + rnd.nextInt(policies - 1)) % policies)
          .append("\"]}");
    }
    sb.append("},\"users\":{");
    for (int u = 0; u < users; u++) {
      if (u > 0) {
        sb.append(',');
      }
      int n = 1 + rnd.nextInt(3);
      sb.append("\"u").append(u).append("\":{\"groups\":[");
      java.util.Set<Integer> gs = new java.util.LinkedHashSet<>();
      while (gs.size() < n) {
        gs.add(rnd.nextInt(groups));
      }
      sb.append(String.join(",", gs.stream().map(g -> "\"G" + g + "\"").toList()));
      sb.append("],\"tags\":{\"team\":\"t").append(u % 8).append("\"}");
      if (u % 4 == 0) {
        sb.append(",\"policies\":[\"P").append(rnd.nextInt(policies)).append("\"]");
      }
      if (u % 10 == 0) {
        sb.append(
                ",\"inlinePolicies\":{\"own\":{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",")
            .append(
                "\"Action\":\"svc0:GetThing\",\"Resource\":\"arn:app:svc0:*:123456789012:thing/home/${aws:username}/*\"}}}");
      }
      sb.append('}');
    }
    sb.append("},\"roles\":{");
    for (int r = 0; r < roles; r++) {
      if (r > 0) {
        sb.append(',');
      }
      int first = rnd.nextInt(policies);
      sb.append("\"R")
          .append(r)
          .append("\":{\"policies\":[\"P")
          .append(first)
          .append("\",\"P")
          .append((first + 1 + rnd.nextInt(policies - 1)) % policies)
          .append("\"],\"inlinePolicies\":{\"extra\":{\"Version\":\"2012-10-17\",")
          .append(
              "\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"svc1:Get*\",\"Resource\":\"*\"}}},")
          .append(
              "\"trustPolicy\":{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",")
          .append("\"Principal\":{\"AWS\":\"group/G")
          .append(rnd.nextInt(groups))
          .append("\"},\"Action\":\"sts:AssumeRole\"}}}");
    }
    sb.append("}}");
    return sb.toString();
  }
}
