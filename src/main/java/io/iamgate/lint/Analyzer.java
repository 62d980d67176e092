package io.iamgate.lint;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleFiles;
import io.iamgate.bundle.BundleReader;
import io.iamgate.json.Diagnostic;
import io.iamgate.json.Json;
import io.iamgate.json.JsonPointer;
import io.iamgate.json.JsonReader;
import io.iamgate.json.ParseResult;
import io.iamgate.policy.BaseOperator;
import io.iamgate.policy.ConditionOperator;
import io.iamgate.policy.PolicyDates;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.PolicyVersion;
import io.iamgate.policy.SetQualifier;
import io.iamgate.policy.Statement;
import io.iamgate.policy.Template;
import io.iamgate.policy.parse.Hints;
import io.iamgate.policy.parse.PolicyParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Runs every check of docs/analyze.md on a policy document or a bundle. A document or bundle that
 * {@code validate} rejects yields its validation errors only. Thread-safe.
 */
public final class Analyzer {
  /** The default sensitive action-name prefixes. */
  public static final List<String> DEFAULT_SENSITIVE =
      List.of("Create", "Delete", "Put", "Update", "Attach", "Detach", "Remove", "Cancel");

  private static final Set<String> MFA_KEYS =
      Set.of("aws:multifactorauthpresent", "aws:multifactorauthage");

  /**
   * The findings, suppressed ones left out.
   *
   * @param findings what the checks found, in file and position order
   * @param suppressed how many findings the bundle's {@code analyzer.suppress} list accepted
   */
  public record Result(List<Finding> findings, int suppressed) {
    public Result {
      findings = List.copyOf(findings);
    }
  }

  /** The default age in days after which an API key should be rotated. */
  public static final int DEFAULT_MAX_KEY_AGE_DAYS = 90;

  private final List<String> sensitive;
  private final int maxKeyAgeDays;
  private final Clock clock;
  private final @Nullable RouteCallers routeCallers;

  /**
   * An analyzer with the default key age and the system clock.
   *
   * @param sensitive action-name prefixes that make an action sensitive (case-insensitive)
   */
  public Analyzer(List<String> sensitive) {
    this(sensitive, DEFAULT_MAX_KEY_AGE_DAYS, Clock.systemUTC());
  }

  /**
   * An analyzer.
   *
   * @param sensitive action-name prefixes that make an action sensitive (case-insensitive)
   * @param maxKeyAgeDays API keys created more than this many days ago should be rotated
   * @param clock the current time, for key ages
   */
  public Analyzer(List<String> sensitive, int maxKeyAgeDays, Clock clock) {
    this(sensitive, maxKeyAgeDays, clock, null);
  }

  /**
   * An analyzer that also reports routes no principal may call.
   *
   * @param sensitive action-name prefixes that make an action sensitive (case-insensitive)
   * @param maxKeyAgeDays API keys created more than this many days ago should be rotated
   * @param clock the current time, for key ages
   * @param routeCallers whether some principal may call a route, or {@code null} to skip the check
   */
  public Analyzer(
      List<String> sensitive, int maxKeyAgeDays, Clock clock, @Nullable RouteCallers routeCallers) {
    this.routeCallers = routeCallers;
    if (maxKeyAgeDays < 1) {
      throw new IllegalArgumentException("maxKeyAgeDays must be at least 1: " + maxKeyAgeDays);
    }
    this.sensitive = sensitive.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    this.maxKeyAgeDays = maxKeyAgeDays;
    this.clock = clock;
  }

  /** Analyzes one policy document (JSON text); {@code file} names it in findings. */
  public Result policy(String text, @Nullable String file) {
    ParseResult<Json> json = JsonReader.read(text, file, 0);
    List<Finding> out = new ArrayList<>();
    Json root = json.value();
    if (root == null) {
      json.diagnostics().forEach(d -> out.add(fromDiagnostic(d)));
      return new Result(out, 0);
    }
    ParseResult<PolicyDocument> parsed = PolicyParser.parse(root, file, "");
    parsed.diagnostics().forEach(d -> out.add(fromDiagnostic(d)));
    if (parsed.ok()) {
      new Walk(out, file, null, false).document(root, "", Use.grant(List.of()), parsed.value());
    }
    return new Result(sorted(out), 0);
  }

  /** Analyzes a bundle. */
  public Result bundle(BundleFiles files) {
    ParseResult<Bundle> read = BundleReader.read(files);
    List<Finding> out = new ArrayList<>();
    read.diagnostics().forEach(d -> out.add(fromDiagnostic(d)));
    Bundle b = read.value();
    if (b == null) {
      return new Result(out, 0);
    }
    boolean apiKeys = b.users().values().stream().anyMatch(u -> !u.apiKeys().isEmpty());
    for (BundleReader.Source s : BundleReader.sources(files)) {
      Walk w = new Walk(out, s.file(), b, apiKeys);
      if (s.path().startsWith("policies/")) {
        String name = s.path().substring("policies/".length(), s.path().lastIndexOf('.'));
        w.unusedPolicy(name, s.root(), "");
        w.document(s.root(), "", managedUse(b, name), managedDocument(b, name));
      } else if (s.root() instanceof Json.JObject top) {
        w.mainFile(top);
      }
    }
    List<Finding> kept = new ArrayList<>();
    int suppressed = 0;
    for (Finding f : out) {
      if (b.analyzer().suppressions().stream().anyMatch(x -> suppresses(x, f))) {
        suppressed++;
      } else {
        kept.add(f);
      }
    }
    return new Result(sorted(kept), suppressed);
  }

  private static boolean suppresses(Bundle.Suppression s, Finding f) {
    String p = s.path();
    return s.code().equals(f.code())
        && (p == null || p.isEmpty() || f.path().equals(p) || f.path().startsWith(p + "/"));
  }

  private static List<Finding> sorted(List<Finding> findings) {
    List<Finding> out = new ArrayList<>(findings);
    out.sort(
        java.util.Comparator.comparing((Finding f) -> f.file() == null ? "" : f.file())
            .thenComparingInt(Finding::line)
            .thenComparingInt(Finding::column));
    return out;
  }

  private static Finding fromDiagnostic(Diagnostic d) {
    Check c = d.isError() ? Check.VALIDATION_ERROR : Check.VALIDATION_WARNING;
    return new Finding(
        c.code(),
        c.severity(),
        d.file(),
        d.path(),
        d.line(),
        d.column(),
        d.code() + ": " + d.message(),
        d.hint() != null ? d.hint() : c.hint());
  }

  /**
   * How a document is used.
   *
   * @param grants whether it grants (an identity policy, or a managed policy not only used as a
   *     boundary or guardrail)
   * @param principals the principals it is attached to as an identity policy ({@code group/Admins})
   */
  private record Use(boolean grants, List<String> principals) {
    static Use grant(List<String> principals) {
      return new Use(true, principals);
    }
  }

  private static @Nullable PolicyDocument managedDocument(Bundle b, String name) {
    Bundle.ManagedPolicy mp = b.policies().get(name);
    return mp == null ? null : mp.policy().document();
  }

  private static @Nullable PolicyDocument inlineDocument(
      Bundle b, String kind, String principal, String name) {
    List<Bundle.Policy> inline =
        switch (kind) {
          case "users" -> {
            Bundle.User u = b.users().get(principal);
            yield u == null ? List.of() : u.inlinePolicies();
          }
          case "groups" -> {
            Bundle.Group g = b.groups().get(principal);
            yield g == null ? List.of() : g.inlinePolicies();
          }
          default -> {
            Bundle.Role r = b.roles().get(principal);
            yield r == null ? List.of() : r.inlinePolicies();
          }
        };
    return inline.stream()
        .filter(p -> p.name().equals(name))
        .map(Bundle.Policy::document)
        .findFirst()
        .orElse(null);
  }

  private static Use managedUse(Bundle b, String name) {
    List<String> principals = new ArrayList<>();
    b.users().values().stream()
        .filter(u -> u.policies().contains(name))
        .forEach(u -> principals.add("user/" + u.name()));
    b.groups().values().stream()
        .filter(g -> g.policies().contains(name))
        .forEach(g -> principals.add("group/" + g.name()));
    b.roles().values().stream()
        .filter(r -> r.policies().contains(name))
        .forEach(r -> principals.add("role/" + r.name()));
    boolean ceiling =
        b.guardrails().contains(name)
            || b.users().values().stream().anyMatch(u -> name.equals(u.permissionsBoundary()))
            || b.roles().values().stream().anyMatch(r -> name.equals(r.permissionsBoundary()));
    return new Use(!principals.isEmpty() || !ceiling, principals.stream().sorted().toList());
  }

  /** One pass over one file. */
  private final class Walk {
    private final List<Finding> out;
    private final @Nullable String file;
    private final @Nullable Bundle bundle;
    private final boolean apiKeys;

    Walk(List<Finding> out, @Nullable String file, @Nullable Bundle bundle, boolean apiKeys) {
      this.out = out;
      this.file = file;
      this.bundle = bundle;
      this.apiKeys = apiKeys;
    }

    void mainFile(Json.JObject top) {
      Bundle b = Objects.requireNonNull(bundle);
      if (top.get("policies") instanceof Json.JObject policies) {
        for (Json.Member m : policies.members()) {
          unusedPolicy(m.name(), m.value(), JsonPointer.child("/policies", m.name()));
          document(
              m.value(),
              JsonPointer.child("/policies", m.name()),
              managedUse(b, m.name()),
              managedDocument(b, m.name()));
        }
      }
      bestPractices(b, top);
      uncallableRoutes(b, top);
      unknownSuppressions(top);
      for (String kind : List.of("users", "groups", "roles")) {
        if (!(top.get(kind) instanceof Json.JObject principals)) {
          continue;
        }
        String singular = kind.substring(0, kind.length() - 1);
        for (Json.Member p : principals.members()) {
          if (p.value() instanceof Json.JObject po
              && po.get("inlinePolicies") instanceof Json.JObject inline) {
            String base =
                JsonPointer.child(JsonPointer.child("/" + kind, p.name()), "inlinePolicies");
            for (Json.Member m : inline.members()) {
              document(
                  m.value(),
                  JsonPointer.child(base, m.name()),
                  Use.grant(List.of(singular + "/" + p.name())),
                  inlineDocument(b, kind, p.name(), m.name()));
            }
          }
        }
      }
    }

    /** A suppression of a code no check has would hide nothing: say so, with the closest code. */
    private void unknownSuppressions(Json.JObject top) {
      if (!(top.get("analyzer") instanceof Json.JObject analyzer)
          || !(analyzer.get("suppress") instanceof Json.JArray list)) {
        return;
      }
      List<String> codes = java.util.Arrays.stream(Check.values()).map(Check::code).toList();
      for (int i = 0; i < list.items().size(); i++) {
        if (list.items().get(i) instanceof Json.JObject item
            && item.get("code") instanceof Json.JString code
            && !codes.contains(code.value())) {
          String dym = Check.suggestionFor(code.value());
          add(
              Check.UNKNOWN_SUPPRESSION_CODE,
              JsonPointer.child(JsonPointer.child("/analyzer/suppress", i), "code"),
              code,
              "suppress: `"
                  + code.value()
                  + "` is no finding code of `iamgate analyze`, so this"
                  + " suppression hides nothing",
              dym != null ? dym : "use a code from docs/analyze.md");
        }
      }
    }

    /** 11. routes no principal may call. */
    private void uncallableRoutes(Bundle b, Json.JObject top) {
      if (routeCallers == null
          || !(top.get("routes") instanceof Json.JArray routes)
          || routes.items().size() != b.routes().size()) {
        return;
      }
      java.util.function.Predicate<Bundle.Route> callable = routeCallers.callable(b);
      for (int i = 0; i < routes.items().size(); i++) {
        Bundle.Route r = b.routes().get(i);
        if (!callable.test(r)) {
          add(
              Check.ROUTE_NOBODY_MAY_CALL,
              JsonPointer.child("/routes", i),
              routes.items().get(i),
              "no user or role may call `"
                  + r.method()
                  + " "
                  + r.path()
                  + "` (`"
                  + r.action()
                  + "` on `"
                  + r.resource()
                  + "`) with no request context (no token claims, source IP, time, headers or"
                  + " query), with or without MFA; a route that only callers meeting such"
                  + " conditions may call (a grant conditioned on `jwt:` claims, say) is reported"
                  + " too: suppress it with that reason",
              Check.ROUTE_NOBODY_MAY_CALL.hint());
        }
      }
    }

    /** 9. a managed policy attached to nothing. */
    void unusedPolicy(String name, Json at, String path) {
      Bundle b = Objects.requireNonNull(bundle);
      Bundle.ManagedPolicy mp = b.policies().get(name);
      if (mp == null || mp.builtIn()) {
        return;
      }
      boolean used =
          b.guardrails().contains(name)
              || b.users().values().stream()
                  .anyMatch(
                      u -> u.policies().contains(name) || name.equals(u.permissionsBoundary()))
              || b.groups().values().stream().anyMatch(g -> g.policies().contains(name))
              || b.roles().values().stream()
                  .anyMatch(
                      r -> r.policies().contains(name) || name.equals(r.permissionsBoundary()));
      if (!used) {
        add(
            Check.UNUSED_MANAGED_POLICY,
            path,
            at,
            "managed policy `"
                + name
                + "` is attached to no user, group or role, and is no permissions boundary or"
                + " guardrail",
            Check.UNUSED_MANAGED_POLICY.hint());
      }
    }

    /** 9. bundle best practices: users, groups, roles and API keys. */
    private void bestPractices(Bundle b, Json.JObject top) {
      if (top.get("users") instanceof Json.JObject users) {
        for (Json.Member m : users.members()) {
          Bundle.User u = b.users().get(m.name());
          if (u == null || !(m.value() instanceof Json.JObject uo)) {
            continue;
          }
          String upath = JsonPointer.child("/users", m.name());
          for (String direct : List.of("policies", "inlinePolicies")) {
            Json.Member dm = uo.member(direct);
            boolean any =
                direct.equals("policies") ? !u.policies().isEmpty() : !u.inlinePolicies().isEmpty();
            if (dm != null && any) {
              add(
                  Check.USER_WITH_DIRECT_POLICIES,
                  JsonPointer.child(upath, direct),
                  new Json.JString(dm.line(), dm.column(), dm.name()),
                  "user `"
                      + u.name()
                      + "` has "
                      + (direct.equals("policies") ? "managed" : "inline")
                      + " policies attached directly",
                  Check.USER_WITH_DIRECT_POLICIES.hint());
            }
          }
          apiKeyAges(u, uo, upath);
        }
      }
      if (top.get("groups") instanceof Json.JObject groups && b.identity().groupsClaim() == null) {
        for (Json.Member m : groups.members()) {
          String g = m.name();
          if (b.groups().containsKey(g)
              && b.users().values().stream().noneMatch(u -> u.groups().contains(g))) {
            add(
                Check.UNUSED_GROUP,
                JsonPointer.child("/groups", g),
                new Json.JString(m.line(), m.column(), g),
                "group `"
                    + g
                    + "` has no users, and `identity.groupsClaim` is not set, so no caller is in"
                    + " it",
                Check.UNUSED_GROUP.hint());
          }
        }
      }
      if (top.get("roles") instanceof Json.JObject roles) {
        for (Json.Member m : roles.members()) {
          if (m.value() instanceof Json.JObject ro
              && ro.get("trustPolicy") instanceof Json.JObject trust) {
            trustChecks(
                m.name(),
                trust,
                JsonPointer.child(JsonPointer.child("/roles", m.name()), "trustPolicy"));
          }
        }
      }
    }

    private void apiKeyAges(Bundle.User u, Json.JObject uo, String upath) {
      if (!(uo.get("apiKeys") instanceof Json.JArray keys)) {
        return;
      }
      Instant limit = clock.instant().minus(Duration.ofDays(maxKeyAgeDays));
      for (int i = 0; i < keys.items().size() && i < u.apiKeys().size(); i++) {
        Bundle.ApiKey k = u.apiKeys().get(i);
        if (!k.created().isBefore(limit) || !(keys.items().get(i) instanceof Json.JObject ko)) {
          continue;
        }
        Json at = ko.get("created");
        String kpath = JsonPointer.child(JsonPointer.child(upath, "apiKeys"), i);
        add(
            Check.API_KEY_NOT_ROTATED,
            JsonPointer.child(kpath, "created"),
            at != null ? at : ko,
            "API key `"
                + k.id()
                + "` of user `"
                + u.name()
                + "` was created "
                + k.created()
                + ", more than "
                + maxKeyAgeDays
                + " days ago",
            Check.API_KEY_NOT_ROTATED.hint());
      }
    }

    private void trustChecks(String role, Json.JObject trust, String base) {
      Json st = trust.get("Statement");
      String path = JsonPointer.child(base, "Statement");
      List<Json.JObject> statements = new ArrayList<>();
      List<String> paths = new ArrayList<>();
      if (st instanceof Json.JObject s) {
        statements.add(s);
        paths.add(path);
      } else if (st instanceof Json.JArray arr) {
        for (int i = 0; i < arr.items().size(); i++) {
          if (arr.items().get(i) instanceof Json.JObject s) {
            statements.add(s);
            paths.add(JsonPointer.child(path, i));
          }
        }
      }
      for (int i = 0; i < statements.size(); i++) {
        Json.JObject s = statements.get(i);
        boolean allow = s.get("Effect") instanceof Json.JString e && e.value().equals("Allow");
        Json notPrincipal = s.get("NotPrincipal");
        if (allow && notPrincipal != null) {
          add(
              Check.ALLOW_WITH_NOT_PRINCIPAL,
              JsonPointer.child(paths.get(i), "NotPrincipal"),
              notPrincipal,
              "the trust policy of role `"
                  + role
                  + "` lets every caller not listed in `NotPrincipal` assume it"
                  + (constrains(s.get("Condition")) ? "" : ", without conditions"),
              Check.ALLOW_WITH_NOT_PRINCIPAL.hint());
        }
        Json principal = s.get("Principal");
        if (!allow || principal == null || constrains(s.get("Condition"))) {
          continue;
        }
        List<String> issuers =
            principal instanceof Json.JObject po && po.get("Federated") != null
                ? strings(Objects.requireNonNull(po.get("Federated"))).stream()
                    .filter(x -> !x.equals("*"))
                    .toList()
                : List.of();
        if (!issuers.isEmpty()) {
          add(
              Check.MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL,
              JsonPointer.child(paths.get(i), "Principal"),
              principal,
              "the trust policy of role `"
                  + role
                  + "` lets any caller with a token from "
                  + ticks(issuers)
                  + " assume it, without conditions",
              Check.MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL.hint());
        }
        boolean anyone =
            principal instanceof Json.JString p
                ? p.value().equals("*")
                : principal instanceof Json.JObject po
                    && po.members().stream()
                        .anyMatch(m -> strings(m.value()).stream().anyMatch(Analyzer::everyone));
        if (anyone) {
          add(
              Check.ROLE_TRUSTS_ANY_PRINCIPAL,
              JsonPointer.child(paths.get(i), "Principal"),
              principal,
              "the trust policy of role `"
                  + role
                  + "` lets any caller assume it, without conditions",
              Check.ROLE_TRUSTS_ANY_PRINCIPAL.hint());
        }
      }
    }

    /**
     * Whether a {@code Condition} block holds at least one key (an empty one constrains nothing).
     */
    private static boolean constrains(@Nullable Json condition) {
      return condition instanceof Json.JObject block
          && block.members().stream()
              .anyMatch(op -> op.value() instanceof Json.JObject keys && !keys.members().isEmpty());
    }

    void document(Json doc, String base, Use use, @Nullable PolicyDocument parsed) {
      if (!(doc instanceof Json.JObject o)) {
        return;
      }
      Json st = o.get("Statement");
      String path = JsonPointer.child(base, "Statement");
      boolean variables =
          o.get("Version") instanceof Json.JString v
              && PolicyVersion.fromText(v.value()) == PolicyVersion.V2012_10_17;
      if (st instanceof Json.JObject s) {
        statement(s, path, use, variables, parsed, 0);
      } else if (st instanceof Json.JArray arr) {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < arr.items().size(); i++) {
          if (arr.items().get(i) instanceof Json.JObject s) {
            String sp = JsonPointer.child(path, i);
            // 12. exact duplicates (Sid aside)
            String canon = canonical(s, true);
            int first = seen.indexOf(canon);
            if (first >= 0) {
              add(
                  Check.REDUNDANT_STATEMENT,
                  sp,
                  s,
                  "this statement repeats statement " + first + " of the policy",
                  Check.REDUNDANT_STATEMENT.hint());
            }
            seen.add(canon);
            statement(s, sp, use, variables, parsed, i);
          }
        }
      }
    }

    private void statement(
        Json.JObject s,
        String path,
        Use use,
        boolean variables,
        @Nullable PolicyDocument parsed,
        int index) {
      variableChecks(s, path, variables);
      redundantActions(s, path);
      boolean allow = s.get("Effect") instanceof Json.JString e && e.value().equals("Allow");
      List<Cond> conds = conditions(s, path);
      for (Cond c : conds) {
        conditionChecks(c, allow);
      }
      conditionTruth(conds);
      ConditionLogic.contradictions(conds, this::add);
      ConditionLogic.emptyIpSets(conds, this::add);
      ConditionLogic.forAllValuesWithoutNullGuard(conds, allow, this::add);
      ConditionLogic.missingQualifiers(conds, this::add);
      ConditionLogic.unsuppliedKeys(conds, services(s), routed(s), pathParameters(), this::add);
      if (!allow || !use.grants()) {
        return;
      }
      grantChecks(s, path, use, conds);
      if (parsed != null && index < parsed.statements().size()) {
        neverTakesEffect(s, path, use, parsed, parsed.statements().get(index), variables);
      }
    }

    /** 12. an Allow that a Deny, the boundary or the guardrails leave nothing of. */
    private void neverTakesEffect(
        Json.JObject s,
        String path,
        Use use,
        PolicyDocument doc,
        Statement allow,
        boolean variables) {
      List<Shadowing.PrincipalSet> sets =
          bundle == null
              ? List.of(Shadowing.document(doc))
              : Shadowing.sets(bundle, use.principals());
      List<Shadowing.Blocked> blocked = new ArrayList<>();
      for (Shadowing.PrincipalSet set : sets) {
        Shadowing.Blocked b = Shadowing.blocked(allow, variables, set);
        if (b == null) {
          return;
        }
        blocked.add(b);
      }
      if (blocked.isEmpty()) {
        return;
      }
      Check check = blocked.get(0).check();
      List<String> whys = blocked.stream().map(Shadowing.Blocked::why).limit(3).toList();
      add(
          check,
          check.severity(),
          path,
          s,
          "this Allow never takes effect: "
              + String.join("; ", whys)
              + (blocked.size() > 3 ? "; and " + (blocked.size() - 3) + " more principals" : ""),
          check.hint());
    }

    private void grantChecks(Json.JObject s, String path, Use use, List<Cond> conds) {
      Json.Member action = s.member("Action");
      Json.Member notAction = s.member("NotAction");
      Json.Member resource = s.member("Resource");
      Json.Member notResource = s.member("NotResource");
      List<String> actions = action == null ? List.of() : strings(action.value());
      List<String> resources = resource == null ? List.of() : strings(resource.value());
      List<String> sensitiveActions = actions.stream().filter(Analyzer.this::sensitive).toList();
      boolean mfa =
          conds.stream().anyMatch(c -> MFA_KEYS.contains(c.key().toLowerCase(Locale.ROOT)));
      boolean allResources = resources.contains("*");

      // 2. administrator grants
      if (conds.isEmpty() && allResources && actions.stream().anyMatch(Analyzer::wholeService)) {
        Set<String> admins = admins();
        List<String> others = use.principals().stream().filter(p -> !admins.contains(p)).toList();
        if (bundle == null || !others.isEmpty()) {
          String granted = ticks(actions.stream().filter(Analyzer::wholeService).toList());
          add(
              Check.ADMINISTRATOR_GRANT,
              path,
              s,
              "allows "
                  + granted
                  + " on `*` without conditions"
                  + (others.isEmpty()
                      ? ""
                      : " to " + ticks(others) + ", not marked as administrators"),
              bundle == null
                  ? "narrow the actions and resources; in a bundle, list administrators in"
                      + " `analyzer.admins`"
                  : "narrow the actions and resources, or add "
                      + ticks(others)
                      + " to `analyzer.admins` if they are administrators");
        }
      }

      // 3. NotAction / NotResource
      if (notAction != null) {
        boolean coversSensitive = !strings(notAction.value()).contains("*");
        add(
            Check.ALLOW_WITH_NOT_ACTION,
            coversSensitive ? FindingSeverity.SECURITY_WARNING : FindingSeverity.WARNING,
            JsonPointer.child(path, "NotAction"),
            notAction.value(),
            "an Allow with `NotAction` allows every action not listed"
                + (coversSensitive ? ", sensitive actions included" : "")
                + ", and every action added later",
            Check.ALLOW_WITH_NOT_ACTION.hint());
      }
      if (notResource != null) {
        boolean coversSensitive = notAction != null || !sensitiveActions.isEmpty();
        add(
            Check.ALLOW_WITH_NOT_RESOURCE,
            coversSensitive ? FindingSeverity.SECURITY_WARNING : FindingSeverity.WARNING,
            JsonPointer.child(path, "NotResource"),
            notResource.value(),
            "an Allow with `NotResource` allows "
                + (coversSensitive ? "sensitive actions on " : "")
                + "every resource not listed, and every resource created later",
            Check.ALLOW_WITH_NOT_RESOURCE.hint());
      }

      // 4. sensitive actions without MFA
      if (action != null && !sensitiveActions.isEmpty() && !mfa) {
        add(
            Check.SENSITIVE_ACTION_WITHOUT_MFA,
            JsonPointer.child(path, "Action"),
            action.value(),
            "allows sensitive "
                + quoted(sensitiveActions)
                + " without an `aws:MultiFactorAuthPresent` or `aws:MultiFactorAuthAge` condition",
            Check.SENSITIVE_ACTION_WITHOUT_MFA.hint());
      }

      // 10. actions no route produces
      if (action != null && bundle != null && !bundle.routes().isEmpty()) {
        unroutedActions(action.value(), JsonPointer.child(path, "Action"));
      }

      // 6. wildcard resources on write actions
      if (resource != null && !sensitiveActions.isEmpty()) {
        List<String> wild = resources.stream().filter(Analyzer::wildcardResource).toList();
        if (!wild.isEmpty()) {
          add(
              Check.WILDCARD_RESOURCE_ON_WRITE_ACTION,
              JsonPointer.child(path, "Resource"),
              resource.value(),
              "allows write "
                  + quoted(sensitiveActions)
                  + " on every resource ("
                  + ticks(wild)
                  + ")",
              Check.WILDCARD_RESOURCE_ON_WRITE_ACTION.hint());
        }
      }
    }

    /** 8. policy variables: unknown {@code aws:} names, and variables a 2008 document ignores. */
    private void variableChecks(Json.JObject s, String path, boolean variables) {
      for (String name : List.of("Resource", "NotResource")) {
        Json j = s.get(name);
        if (j != null) {
          variableValues(j, JsonPointer.child(path, name), variables);
        }
      }
      if (s.get("Condition") instanceof Json.JObject block) {
        String cpath = JsonPointer.child(path, "Condition");
        for (Json.Member opm : block.members()) {
          if (opm.value() instanceof Json.JObject keys) {
            for (Json.Member k : keys.members()) {
              variableValues(
                  k.value(),
                  JsonPointer.child(JsonPointer.child(cpath, opm.name()), k.name()),
                  variables);
            }
          }
        }
      }
    }

    private void variableValues(Json j, String path, boolean variables) {
      if (j instanceof Json.JString v) {
        variableValue(v, path, variables);
      } else if (j instanceof Json.JArray a) {
        for (int i = 0; i < a.items().size(); i++) {
          if (a.items().get(i) instanceof Json.JString v) {
            variableValue(v, JsonPointer.child(path, i), variables);
          }
        }
      }
    }

    private void variableValue(Json.JString v, String path, boolean variables) {
      Template t = Template.parse(v.value(), true);
      if (!variables) {
        if (t.hasVariables()) {
          add(
              Check.VARIABLE_UNSUPPORTED_IN_VERSION,
              path,
              v,
              "`"
                  + v.value()
                  + "` holds a policy variable, but variables are only substituted in"
                  + " `\"Version\": \"2012-10-17\"` documents: here it is literal text",
              Check.VARIABLE_UNSUPPORTED_IN_VERSION.hint());
        }
        return;
      }
      for (Template.Part part : t.parts()) {
        if (!(part instanceof Template.Variable var)) {
          continue;
        }
        String name = var.name();
        boolean checked = GlobalKeys.isGlobal(name) || name.indexOf(':') < 0;
        if (!checked || GlobalKeys.find(name) != null) {
          continue;
        }
        List<String> names = GlobalKeys.names(name);
        String closest = Hints.closest(name, names);
        if (closest == null && name.indexOf(':') < 0) {
          closest = Hints.closest("aws:" + name, names);
        }
        add(
            Check.UNKNOWN_POLICY_VARIABLE,
            path,
            v,
            "`${"
                + name
                + "}` names no known condition key, so it is never set and the value matches"
                + " nothing"
                + (var.defaultValue() != null ? " (its default is always used)" : ""),
            closest != null
                ? "did you mean `${" + closest + "}`?"
                : Check.UNKNOWN_POLICY_VARIABLE.hint());
      }
    }

    private void unroutedActions(Json value, String path) {
      Bundle b = Objects.requireNonNull(bundle);
      Set<String> routed = new LinkedHashSet<>();
      Set<String> services = new LinkedHashSet<>();
      for (Bundle.Route r : b.routes()) {
        routed.add(r.action());
        int colon = r.action().indexOf(':');
        services.add(r.action().substring(0, colon + 1).toLowerCase(Locale.ROOT));
      }
      List<Json> items = value instanceof Json.JArray a ? a.items() : List.of(value);
      for (int i = 0; i < items.size(); i++) {
        if (!(items.get(i) instanceof Json.JString v)) {
          continue;
        }
        String a = v.value();
        int colon = a.indexOf(':');
        if (colon < 0
            || firstWildcard(a) >= 0
            || !services.contains(a.substring(0, colon + 1).toLowerCase(Locale.ROOT))
            || routed.stream().anyMatch(r -> r.equalsIgnoreCase(a))) {
          continue;
        }
        String dym = Hints.didYouMean(a, routed);
        add(
            Check.UNROUTED_ACTION,
            value instanceof Json.JArray ? JsonPointer.child(path, i) : path,
            v,
            "no route produces `" + a + "`, so this grant is never used",
            dym != null ? dym : Check.UNROUTED_ACTION.hint());
      }
    }

    /** 13. conditions that can never be true. */
    private void conditionTruth(List<Cond> conds) {
      Instant now = clock.instant();
      Instant decade = now.atZone(ZoneOffset.UTC).plusYears(10).toInstant();
      for (Cond c : conds) {
        ConditionOperator op = c.operator();
        if (op.qualifier() != SetQualifier.NONE || c.values().isEmpty()) {
          continue;
        }
        if (c.key().equalsIgnoreCase("aws:CurrentTime")) {
          List<Instant> dates = new ArrayList<>();
          for (String v : c.values()) {
            Instant d = PolicyDates.parse(v);
            if (d == null) {
              dates.clear();
              break;
            }
            dates.add(d);
          }
          if (dates.isEmpty()) {
            continue;
          }
          BaseOperator base = op.base();
          if ((base == BaseOperator.DATE_LESS_THAN || base == BaseOperator.DATE_LESS_THAN_EQUALS)
              && dates.stream().allMatch(d -> d.isBefore(now))) {
            add(
                Check.EXPIRED_DATE_CONDITION,
                c.keyPath(),
                c.keyAt(),
                "`" + c.written() + "` on `" + c.key() + "` names a time in the past: never true",
                Check.EXPIRED_DATE_CONDITION.hint());
          } else if ((base == BaseOperator.DATE_GREATER_THAN
                  || base == BaseOperator.DATE_GREATER_THAN_EQUALS)
              && dates.stream().allMatch(d -> d.isAfter(decade))) {
            add(
                Check.FAR_FUTURE_DATE_CONDITION,
                c.keyPath(),
                c.keyAt(),
                "`"
                    + c.written()
                    + "` on `"
                    + c.key()
                    + "` names a time more than 10 years ahead: not true for a decade",
                Check.FAR_FUTURE_DATE_CONDITION.hint());
          }
        }
        if (op.base() == BaseOperator.STRING_NOT_EQUALS && !op.ifExists()) {
          for (Cond e : conds) {
            if (e.operator().equals(ConditionOperator.of(BaseOperator.STRING_EQUALS))
                && e.key().equalsIgnoreCase(c.key())
                && !e.values().isEmpty()
                && e.values().stream().noneMatch(v -> v.contains("${"))
                && c.values().containsAll(e.values())) {
              add(
                  Check.CONTRADICTORY_CONDITION,
                  c.keyPath(),
                  c.keyAt(),
                  "`StringEquals` and `StringNotEquals` on `"
                      + c.key()
                      + "` exclude every value `StringEquals` allows: never true",
                  Check.CONTRADICTORY_CONDITION.hint());
              break;
            }
          }
        }
      }
    }

    /** 12. actions of a statement that another of its patterns already covers. */
    private void redundantActions(Json.JObject s, String path) {
      for (String name : List.of("Action", "NotAction")) {
        if (!(s.get(name) instanceof Json.JArray arr)) {
          continue;
        }
        List<Json> items = arr.items();
        for (int i = 0; i < items.size(); i++) {
          if (!(items.get(i) instanceof Json.JString a)) {
            continue;
          }
          for (int j = 0; j < items.size(); j++) {
            if (j != i
                && items.get(j) instanceof Json.JString p
                && covers(p.value(), a.value(), j < i)) {
              add(
                  Check.REDUNDANT_ACTION,
                  JsonPointer.child(JsonPointer.child(path, name), i),
                  a,
                  "`" + a.value() + "` is already covered by `" + p.value() + "`",
                  "remove `" + a.value() + "`");
              break;
            }
          }
        }
      }
    }

    private void conditionChecks(Cond c, boolean allow) {
      ConditionOperator op = c.operator();
      String lower = c.key().toLowerCase(Locale.ROOT);
      // 5. MFA conditions that API-key callers bypass
      if (apiKeys && MFA_KEYS.contains(lower)) {
        boolean bypass =
            allow
                ? op.ifExists()
                : op.base() == BaseOperator.BOOL
                    && !op.ifExists()
                    && c.values().stream().anyMatch(v -> v.equalsIgnoreCase("false"));
        if (bypass) {
          add(
              Check.MFA_CONDITION_BYPASSED_BY_API_KEYS,
              c.keyPath(),
              c.keyAt(),
              allow
                  ? "`"
                      + c.written()
                      + "` on `"
                      + c.key()
                      + "` is true for API-key callers, who have no MFA key: this Allow lets"
                      + " them in without MFA"
                  : "`Bool` on `"
                      + c.key()
                      + "` is false for API-key callers, who have no MFA key: this Deny never"
                      + " applies to them",
              allow
                  ? "use `"
                      + op.base().text()
                      + "` (absent is false), or give API-key callers a separate statement"
                  : "use `BoolIfExists` with `false`, which also denies callers without the key");
        }
      }
      if (!GlobalKeys.isGlobal(c.key())) {
        return;
      }
      GlobalKeys.Key known = GlobalKeys.find(c.key());
      // 7. condition keys
      if (known == null) {
        String dym = Hints.didYouMean(c.key(), GlobalKeys.names(c.key()));
        add(
            Check.INVALID_GLOBAL_CONDITION_KEY,
            c.keyPath(),
            c.keyAt(),
            "`" + c.key() + "` is not a global condition key, so it is never in a request",
            dym != null ? dym : Check.INVALID_GLOBAL_CONDITION_KEY.hint());
        return;
      }
      if (op.base() != BaseOperator.NULL && !known.families().contains(op.base().family())) {
        add(
            Check.TYPE_MISMATCH,
            c.keyPath(),
            c.keyAt(),
            "`"
                + op.text()
                + "` compares "
                + op.base().family().name().toLowerCase(Locale.ROOT)
                + " values, but `"
                + known.name()
                + "` is "
                + known.families().iterator().next().name().toLowerCase(Locale.ROOT),
            Check.TYPE_MISMATCH.hint());
      }
      if (!known.multi() && op.qualifier() != SetQualifier.NONE) {
        Check check =
            op.qualifier() == SetQualifier.FOR_ALL_VALUES
                ? Check.FORALLVALUES_WITH_SINGLE_VALUED_KEY
                : Check.FORANYVALUE_WITH_SINGLE_VALUED_KEY;
        add(
            check,
            check.severity(),
            c.keyPath(),
            c.keyAt(),
            "`"
                + op.qualifier().prefix()
                + "` on single-valued `"
                + known.name()
                + "`"
                + (op.qualifier() == SetQualifier.FOR_ALL_VALUES
                    ? ": true when the key is absent"
                    : ""),
            "write `" + op.base().text() + (op.ifExists() ? "IfExists" : "") + "`");
      }
    }

    private List<Cond> conditions(Json.JObject s, String path) {
      List<Cond> out = new ArrayList<>();
      if (!(s.get("Condition") instanceof Json.JObject block)) {
        return out;
      }
      String cpath = JsonPointer.child(path, "Condition");
      for (Json.Member opm : block.members()) {
        ConditionOperator op = ConditionOperator.parse(opm.name()).operator();
        if (op == null || !(opm.value() instanceof Json.JObject keys)) {
          continue;
        }
        String opPath = JsonPointer.child(cpath, opm.name());
        if (!op.text().equals(opm.name())) {
          add(
              Check.NON_CANONICAL_OPERATOR_CASE,
              opPath,
              new Json.JString(opm.line(), opm.column(), opm.name()),
              "`" + opm.name() + "` is written `" + op.text() + "`",
              "write `" + op.text() + "`");
        }
        for (Json.Member k : keys.members()) {
          out.add(
              new Cond(
                  op,
                  opm.name(),
                  k.name(),
                  strings(k.value()),
                  JsonPointer.child(opPath, k.name()),
                  new Json.JString(k.line(), k.column(), k.name())));
        }
      }
      return out;
    }

    /** The lower-case services of the statement's {@code Action}, or null for * or NotAction. */
    private @Nullable Set<String> services(Json.JObject s) {
      Json.Member action = s.member("Action");
      if (action == null) {
        return null;
      }
      Set<String> out = new LinkedHashSet<>();
      for (String a : strings(action.value())) {
        int colon = a.indexOf(':');
        if (colon < 0) {
          return null;
        }
        out.add(a.substring(0, colon).toLowerCase(Locale.ROOT));
      }
      return out;
    }

    /** Whether a bundle route produces an action the statement's {@code Action} matches. */
    private boolean routed(Json.JObject s) {
      Json.Member action = s.member("Action");
      if (bundle == null || action == null) {
        return false;
      }
      List<String> patterns = strings(action.value());
      return bundle.routes().stream()
          .anyMatch(r -> patterns.stream().anyMatch(p -> Globs.contains(p, r.action(), false)));
    }

    /** The path parameter names of the bundle's routes, or null without a bundle. */
    private @Nullable Set<String> pathParameters() {
      if (bundle == null) {
        return null;
      }
      Set<String> out = new LinkedHashSet<>();
      for (Bundle.Route r : bundle.routes()) {
        for (String seg : r.path().split("/")) {
          if (seg.startsWith("{") && seg.endsWith("}")) {
            String name = seg.substring(1, seg.length() - 1);
            out.add(name.endsWith("+") ? name.substring(0, name.length() - 1) : name);
          }
        }
      }
      return out;
    }

    private Set<String> admins() {
      Set<String> admins = new LinkedHashSet<>();
      if (bundle == null) {
        return admins;
      }
      admins.addAll(bundle.analyzer().admins());
      for (Bundle.User u : bundle.users().values()) {
        if (u.groups().stream().anyMatch(g -> admins.contains("group/" + g))) {
          admins.add("user/" + u.name());
        }
      }
      return admins;
    }

    /** A finding of {@code check} at its usual severity. */
    private void add(Check check, String path, Json at, String message, String hint) {
      add(check, check.severity(), path, at, message, hint);
    }

    private void add(
        Check check, FindingSeverity severity, String path, Json at, String message, String hint) {
      out.add(
          new Finding(check.code(), severity, file, path, at.line(), at.column(), message, hint));
    }
  }

  /**
   * Whether action pattern {@code p} matches everything {@code a} matches: {@code a} without
   * wildcards that {@code p} matches, {@code p} {@code *} or {@code svc:*} with {@code a} of that
   * service, or the same pattern (then only the later one counts as redundant).
   */
  static boolean covers(String p, String a, boolean pIsEarlier) {
    String pl = p.toLowerCase(Locale.ROOT);
    String al = a.toLowerCase(Locale.ROOT);
    if (pl.equals(al)) {
      return pIsEarlier;
    }
    if (pl.equals("*")) {
      return true;
    }
    if (pl.endsWith(":*") && al.startsWith(pl.substring(0, pl.length() - 1))) {
      return true;
    }
    return firstWildcard(al) < 0 && firstWildcard(pl) >= 0 && Globs.contains(pl, al, false);
  }

  /** A statement's text for comparison: member order and positions aside, and {@code Sid}. */
  private static String canonical(Json j, boolean dropSid) {
    if (j instanceof Json.JObject o) {
      List<String> members = new ArrayList<>();
      for (Json.Member m : o.members()) {
        if (!(dropSid && m.name().equals("Sid"))) {
          members.add(JsonPointer.child("", m.name()) + "=" + canonical(m.value(), false));
        }
      }
      members.sort(null);
      return "{" + String.join(",", members) + "}";
    }
    if (j instanceof Json.JArray a) {
      return "["
          + String.join(",", a.items().stream().map(i -> canonical(i, false)).toList())
          + "]";
    }
    if (j instanceof Json.JString str) {
      return "\"" + str.value().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    return String.valueOf(Json.scalarText(j));
  }

  private static List<String> strings(Json j) {
    if (j instanceof Json.JArray a) {
      List<String> out = new ArrayList<>();
      for (Json item : a.items()) {
        String t = Json.scalarText(item);
        if (t != null) {
          out.add(t);
        }
      }
      return out;
    }
    String t = Json.scalarText(j);
    return t == null ? List.of() : List.of(t);
  }

  private static String quoted(List<String> actions) {
    return (actions.size() == 1 ? "action " : "actions ") + ticks(actions);
  }

  private static String ticks(List<String> items) {
    return String.join(", ", items.stream().map(a -> "`" + a + "`").toList());
  }

  /**
   * A trust principal name that matches every caller of its kind: {@code *}, {@code user/*}, {@code
   * group/*}, or a user ARN whose name is {@code *}.
   */
  private static boolean everyone(String name) {
    return name.equals("*")
        || name.equals("user/*")
        || name.equals("group/*")
        || (name.startsWith("arn:") && name.endsWith(":user/*"));
  }

  /** {@code *} or {@code svc:*}. */
  static boolean wholeService(String action) {
    return action.equals("*") || action.endsWith(":*");
  }

  /** {@code *}, or an ARN whose resource part is {@code *}. */
  static boolean wildcardResource(String resource) {
    if (resource.equals("*")) {
      return true;
    }
    String[] parts = resource.split(":", 6);
    return parts.length == 6 && parts[5].equals("*");
  }

  /**
   * Whether an action pattern can match a sensitive action: a name that begins with a sensitive
   * prefix, or a wildcard that can.
   */
  boolean sensitive(String action) {
    if (action.equals("*")) {
      return !sensitive.isEmpty();
    }
    int colon = action.indexOf(':');
    String name = action.substring(colon + 1).toLowerCase(Locale.ROOT);
    int wild = firstWildcard(name);
    String literal = wild < 0 ? name : name.substring(0, wild);
    for (String p : sensitive) {
      if (wild < 0 ? literal.startsWith(p) : p.startsWith(literal) || literal.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  private static int firstWildcard(String s) {
    int star = s.indexOf('*');
    int q = s.indexOf('?');
    return star < 0 ? q : q < 0 ? star : Math.min(star, q);
  }
}
