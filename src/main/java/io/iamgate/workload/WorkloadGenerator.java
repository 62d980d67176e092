package io.iamgate.workload;

import static io.iamgate.workload.Catalogue.ACCOUNTS;
import static io.iamgate.workload.Catalogue.ALLOW_CIDRS;
import static io.iamgate.workload.Catalogue.ALL_ACTIONS;
import static io.iamgate.workload.Catalogue.IDS_PER_SERVICE;
import static io.iamgate.workload.Catalogue.NOTIN_CIDRS;
import static io.iamgate.workload.Catalogue.REGIONS;
import static io.iamgate.workload.Catalogue.SERVICE_NAMES;
import static io.iamgate.workload.Catalogue.TEAMS;
import static io.iamgate.workload.Catalogue.definition;
import static io.iamgate.workload.Catalogue.verbsOf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The generation half of {@code gen_workload.py}, statement for statement: {@code gen_role} (with
 * {@code gen_action_patterns}, {@code gen_resource_pattern}, {@code gen_conditions}), the
 * principals, {@code gen_requests} (with {@code ResPattern.instantiate} and {@code random_ip}).
 * Every call to the {@link PythonRandom} is made in the script's order (Python evaluates operands
 * and f-string fields left to right), so that the stream, and with it the whole workload, is the
 * script's.
 */
final class WorkloadGenerator {
  private static final List<String> CONDITION_KINDS = List.of("ip", "mfa", "team");
  private static final List<Long> PUBLIC_FIRST_OCTETS = List.of(52L, 34L, 8L, 91L, 185L, 3L);
  private static final int STATEMENTS_PER_ROLE = 10;

  private final PythonRandom rng;
  private final Map<String, List<String>> expanded = new HashMap<>();

  WorkloadGenerator(PythonRandom rng) {
    this.rng = rng;
  }

  /** {@code expand_action_pattern}: the catalogue actions an IAM action pattern matches. */
  List<String> expandActionPattern(String pattern) {
    return expanded.computeIfAbsent(
        pattern, p -> ALL_ACTIONS.stream().filter(a -> Glob.matches(p, a, true)).toList());
  }

  /** Python's {@code f"{n:0{width}d}"} for a non-negative {@code n}. */
  static String pad(long n, int width) {
    String digits = Long.toString(n);
    return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
  }

  // ---------------------------------------------------------------- roles

  /** {@code ResPattern}: a resource pattern that can also instantiate matching ARNs. */
  record ResPattern(
      @Nullable String service,
      @Nullable String region,
      @Nullable String account,
      @Nullable String idPrefix,
      @Nullable String exactId,
      boolean anyAll) {
    static final ResPattern ANY = new ResPattern(null, null, null, null, null, true);

    String arn() {
      if (anyAll) {
        return "*";
      }
      String tail;
      if (service == null) {
        tail = "*";
      } else {
        String type = definition(service).type();
        tail =
            exactId != null
                ? type + "/" + exactId
                : idPrefix != null ? type + "/" + idPrefix + "*" : type + "/*";
      }
      return "arn:app:"
          + orStar(service)
          + ":"
          + orStar(region)
          + ":"
          + orStar(account)
          + ":"
          + tail;
    }

    private static String orStar(@Nullable String s) {
      return s == null ? "*" : s;
    }

    String instantiate(PythonRandom rng, String actionService) {
      String svc = service != null ? service : actionService;
      Catalogue.Service def = definition(svc);
      String reg = region != null ? region : rng.choice(REGIONS);
      String acc = account != null ? account : rng.choice(ACCOUNTS);
      String rid;
      if (exactId != null && service != null) {
        rid = exactId;
      } else if (idPrefix != null && service != null) {
        rid = idPrefix + rng.choice("0123456789") + rng.choice("0123456789");
      } else {
        rid = def.idPrefix() + pad(rng.randrange(IDS_PER_SERVICE), 5);
      }
      return "arn:app:" + svc + ":" + reg + ":" + acc + ":" + def.type() + "/" + rid;
    }
  }

  private String randomId(String service) {
    return definition(service).idPrefix() + pad(rng.randrange(IDS_PER_SERVICE), 5);
  }

  private ResPattern genResourcePattern(@Nullable String svc) {
    double x = rng.random();
    if (svc == null) { // Action "*": Resource "*"; the region draw is kept for the stream
      if (x >= 0.5) {
        rng.choice(REGIONS);
      }
      return ResPattern.ANY;
    }
    if (x < 0.12) {
      return ResPattern.ANY;
    }
    if (x < 0.27) {
      return new ResPattern(svc, null, rng.choice(ACCOUNTS), null, null, false);
    }
    if (x < 0.57) {
      String region = rng.choice(REGIONS);
      return new ResPattern(svc, region, rng.choice(ACCOUNTS), null, null, false);
    }
    if (x < 0.62) {
      return new ResPattern(svc, rng.choice(REGIONS), null, null, null, false);
    }
    if (x < 0.82) {
      String idPrefix = definition(svc).idPrefix() + "00" + rng.randrange(10);
      String region = rng.choice(REGIONS);
      return new ResPattern(svc, region, rng.choice(ACCOUNTS), idPrefix, null, false);
    }
    String region = rng.choice(REGIONS);
    String account = rng.choice(ACCOUNTS);
    return new ResPattern(svc, region, account, null, randomId(svc), false);
  }

  private List<String> genActionPatterns(String svc) {
    double x = rng.random();
    List<String> acts = definition(svc).actions();
    if (x < 0.35) {
      return List.of(svc + ":" + rng.choice(acts));
    }
    if (x < 0.55) {
      int k = (int) rng.randint(2, 3);
      return rng.sample(acts, k).stream().map(a -> svc + ":" + a).toList();
    }
    if (x < 0.82) {
      return List.of(svc + ":" + rng.choice(verbsOf(svc)) + "*");
    }
    return List.of(svc + ":*");
  }

  private List<PolicyStatement.Condition> genConditions(boolean allow) {
    double pCond = allow ? 0.40 : 0.75;
    if (rng.random() >= pCond) {
      return List.of();
    }
    var cond = new ArrayList<PolicyStatement.Condition>();
    int n = rng.random() < 0.7 ? 1 : 2;
    for (String kind : rng.sample(CONDITION_KINDS, n)) {
      switch (kind) {
        case "ip" -> {
          if (allow) {
            List<String> cidrs = rng.sample(ALLOW_CIDRS, rng.random() < 0.6 ? 1 : 2);
            cond.add(new PolicyStatement.Condition("IpAddress", "aws:SourceIp", cidrs));
          } else { // deny unless the caller comes from a corporate range
            cond.add(
                new PolicyStatement.Condition(
                    "NotIpAddress", "aws:SourceIp", List.of(rng.choice(NOTIN_CIDRS))));
          }
        }
        case "mfa" ->
            cond.add(
                new PolicyStatement.Condition(
                    "Bool", "aws:MultiFactorAuthPresent", List.of(allow ? "true" : "false")));
        default -> {
          List<String> teams = rng.sample(TEAMS, rng.random() < 0.6 ? 1 : 2);
          cond.add(new PolicyStatement.Condition("StringEquals", "aws:PrincipalTag/team", teams));
        }
      }
    }
    return cond;
  }

  /** A role's statements and, per statement, the resource patterns its ARNs were made from. */
  record Role(List<PolicyStatement> statements, List<List<ResPattern>> patterns) {}

  /** {@code gen_role}: the next role, of 8 to 12 statements about 2 or 3 focus services. */
  Role genRole() {
    int n = Math.max(1, STATEMENTS_PER_ROLE + (int) rng.randint(-2, 2));
    var statements = new ArrayList<PolicyStatement>();
    var patterns = new ArrayList<List<ResPattern>>();
    List<String> focus = rng.sample(SERVICE_NAMES, (int) rng.randint(2, 3));
    for (int i = 0; i < n; i++) {
      boolean allow = !(rng.random() < 0.15);
      String svc;
      List<String> actions;
      if (!allow && rng.random() < 0.08) {
        svc = null;
        actions = List.of("*");
      } else {
        svc = rng.random() < 0.85 ? rng.choice(focus) : rng.choice(SERVICE_NAMES);
        actions = genActionPatterns(svc);
      }
      int nres = rng.random() < 0.85 ? 1 : 2;
      var rps = new ArrayList<ResPattern>();
      for (int r = 0; r < nres; r++) {
        rps.add(genResourcePattern(svc));
      }
      List<String> arns = rps.stream().map(ResPattern::arn).toList();
      List<PolicyStatement.Condition> cond = genConditions(allow);
      statements.add(
          new PolicyStatement("S" + pad(i, 2), allow ? "Allow" : "Deny", actions, arns, cond));
      patterns.add(List.copyOf(rps));
    }
    return new Role(List.copyOf(statements), List.copyOf(patterns));
  }

  // ---------------------------------------------------------------- principals and requests

  /** The next principal: 1, 2 or 3 roles (weights 50/35/15), sorted, and a team. */
  WorkloadPrincipal genPrincipal(List<String> roleNames) {
    int k = rng.choices(List.of(1, 2, 3), new double[] {50, 35, 15}, 1).get(0);
    var roles = new ArrayList<>(rng.sample(roleNames, k));
    roles.sort(null);
    return new WorkloadPrincipal(roles, rng.choice(TEAMS));
  }

  private String randomIp() {
    double x = rng.random();
    if (x < 0.30) {
      long third = rng.choice(List.of(30L, rng.randrange(256)));
      return "10.20." + third + "." + rng.randrange(1, 255);
    }
    if (x < 0.42) {
      return "10." + rng.randrange(256) + "." + rng.randrange(256) + "." + rng.randrange(1, 255);
    }
    if (x < 0.52) {
      return "192.168." + rng.randrange(256) + "." + rng.randrange(1, 255);
    }
    if (x < 0.60) {
      return "203.0.113." + rng.randrange(1, 255);
    }
    if (x < 0.64) {
      return "172."
          + rng.randrange(16, 32)
          + "."
          + rng.randrange(256)
          + "."
          + rng.randrange(1, 255);
    }
    return rng.choice(PUBLIC_FIRST_OCTETS)
        + "."
        + rng.randrange(256)
        + "."
        + rng.randrange(256)
        + "."
        + rng.randrange(1, 255);
  }

  /**
   * One iteration of {@code gen_requests}: 75 % aimed at one of the principal's statements (15 % of
   * those with another id), the rest any catalogue action on a random resource.
   */
  WorkloadRequest genRequest(
      int i,
      List<String> names,
      Map<String, WorkloadPrincipal> principals,
      Map<String, Role> roles) {
    String pname = rng.choice(names);
    WorkloadPrincipal p = Objects.requireNonNull(principals.get(pname), pname);
    String action;
    String resource;
    if (rng.random() < 0.75) { // aim at one of the principal's statements
      String rname = rng.choice(p.roles());
      Role role = Objects.requireNonNull(roles.get(rname), rname);
      int si = (int) rng.randrange(role.statements().size());
      var acts = new ArrayList<String>();
      for (String a : role.statements().get(si).actions()) {
        acts.addAll(expandActionPattern(a));
      }
      action = rng.choice(acts);
      String asvc = action.substring(0, action.indexOf(':'));
      resource = rng.choice(role.patterns().get(si)).instantiate(rng, asvc);
      if (rng.random() < 0.15) { // near miss on the id
        resource = resource.substring(0, resource.lastIndexOf('/')) + "/" + randomId(asvc);
      }
    } else {
      action = rng.choice(ALL_ACTIONS);
      String asvc = action.substring(0, action.indexOf(':'));
      String region = rng.choice(REGIONS);
      String account = rng.choice(ACCOUNTS);
      resource =
          "arn:app:"
              + asvc
              + ":"
              + region
              + ":"
              + account
              + ":"
              + definition(asvc).type()
              + "/"
              + randomId(asvc);
    }
    var ctx = new LinkedHashMap<String, String>();
    ctx.put("aws:SourceIp", randomIp());
    ctx.put("aws:MultiFactorAuthPresent", rng.random() < 0.7 ? "true" : "false");
    ctx.put("aws:PrincipalTag/team", p.team());
    return new WorkloadRequest("q" + pad(i, 6), pname, p.roles(), action, resource, ctx);
  }
}
