package io.iamgate.identity;

import io.iamgate.audit.Masking;
import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.TrustPolicies;
import io.iamgate.compile.CompiledDocument;
import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.compile.PolicyCompiler;
import io.iamgate.compile.PolicyType;
import io.iamgate.eval.Decision;
import io.iamgate.eval.Evaluator;
import io.iamgate.eval.Request;
import io.iamgate.eval.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Maps a verified caller to a principal, as the bundle's identity mapping says: an explicitly
 * requested role (when allowed), else the first matching role rule, else the bundle user named by
 * the user claim. Every role assumption is checked against the role's trust policy by the engine.
 * Thread-safe.
 */
public final class IdentityMapper {
  private final Bundle bundle;
  private final PrincipalResolver resolver;
  private final Function<Bundle.Policy, CompiledDocument> compiler;

  /** Each role's compiled trust policy, built on first use (at most one per role of the bundle). */
  private final java.util.concurrent.ConcurrentHashMap<String, CompiledPolicySet> trustSets =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param compiler compiles (and may cache) a bundle document; trust policies go through it
   */
  public IdentityMapper(Bundle bundle, Function<Bundle.Policy, CompiledDocument> compiler) {
    this.bundle = bundle;
    this.resolver = new PrincipalResolver(bundle);
    this.compiler = compiler;
  }

  /** A mapping outcome: a principal, or the reason there is none (the caller is then denied). */
  public record Result(@Nullable Principal principal, @Nullable String problem) {
    static Result denied(String problem) {
      return new Result(null, problem);
    }
  }

  /**
   * Maps a token caller.
   *
   * @param claims the verified claims
   * @param issuer the token issuer (for {@code Federated} trust principals), or {@code null}
   * @param requestedRole a role the caller asks for, or {@code null}
   */
  public Result fromClaims(
      Map<String, Object> claims, @Nullable String issuer, @Nullable String requestedRole) {
    Bundle.IdentityMapping m = bundle.identity();
    Object userValue = claims.get(m.userClaim());
    String userName = userValue instanceof String s && !s.isEmpty() ? s : null;
    String groupsClaim = m.groupsClaim();
    List<String> claimedGroups =
        groupsClaim == null ? List.of() : Claims.strings(claims.get(groupsClaim));
    Bundle.User user = userName == null ? null : bundle.users().get(userName);
    Set<String> groups = new LinkedHashSet<>();
    if (user != null) {
      groups.addAll(user.groups());
    }
    groups.addAll(claimedGroups);
    String session =
        userName != null ? userName : claims.get("sub") instanceof String sub ? sub : "anonymous";

    if (requestedRole != null) {
      if (!m.allowRoleRequests()) {
        return Result.denied("the bundle does not allow callers to request a role");
      }
      return assume(requestedRole, user, groups, claims, issuer, session);
    }
    for (Bundle.RoleRule rule : m.roleRules()) {
      String claim = rule.claim();
      String value = rule.value();
      // a claim rule without a value (which validation rejects) matches nothing
      boolean matches =
          claim != null
              ? value != null
                  && (Claims.strings(claims.get(claim)).contains(value)
                      || value.equals(claims.get(claim)))
              : groups.contains(rule.group());
      if (matches) {
        return assume(rule.role(), user, groups, claims, issuer, session);
      }
    }
    if (user == null) {
      return Result.denied(
          userName == null
              ? "the token has no `" + m.userClaim() + "` claim and no role rule matched"
              : "`" + userName + "` is not a user of the bundle and no role rule matched");
    }
    return new Result(
        new Principal(Principal.Kind.USER, user.name(), null, claimedGroups, claims), null);
  }

  /**
   * A token caller with {@code claims} assuming {@code role}, checked against the role's trust
   * policy alone: neither the bundle's {@code allowRoleRequests} setting nor its role rules apply
   * ({@code iamgate test}, which asks whether a trust policy admits a caller).
   *
   * @param issuer the token issuer (for {@code Federated} trust principals), or {@code null}
   */
  public Result claimsAssumeRole(Map<String, Object> claims, @Nullable String issuer, String role) {
    Bundle.IdentityMapping m = bundle.identity();
    Object userValue = claims.get(m.userClaim());
    String userName = userValue instanceof String s && !s.isEmpty() ? s : null;
    String groupsClaim = m.groupsClaim();
    Bundle.User user = userName == null ? null : bundle.users().get(userName);
    Set<String> groups = new LinkedHashSet<>();
    if (user != null) {
      groups.addAll(user.groups());
    }
    groups.addAll(groupsClaim == null ? List.of() : Claims.strings(claims.get(groupsClaim)));
    String session =
        userName != null ? userName : claims.get("sub") instanceof String sub ? sub : "anonymous";
    return assume(role, user, groups, claims, issuer, session);
  }

  /** A bundle user (e.g. identified by an API key) assuming a role. */
  public Result userAssumesRole(String userName, String role) {
    Bundle.User user = bundle.users().get(userName);
    if (user == null) {
      return Result.denied("`" + userName + "` is not a user of the bundle");
    }
    return assume(role, user, new LinkedHashSet<>(user.groups()), Map.of(), null, userName);
  }

  private Result assume(
      String roleName,
      Bundle.@Nullable User user,
      Set<String> groups,
      Map<String, Object> claims,
      @Nullable String issuer,
      String session) {
    Bundle.Role role = bundle.roles().get(roleName);
    if (role == null) {
      // a name the bundle does not know is caller-supplied text that may be a misplaced credential
      return Result.denied(
          "the bundle has no role of the requested name (" + Masking.fingerprint(roleName) + ")");
    }
    Bundle.Policy trustPolicy = role.trustPolicy();
    if (trustPolicy == null) {
      return Result.denied("role `" + roleName + "` has no trust policy");
    }
    List<String> names = new ArrayList<>();
    Map<String, Object> context = new LinkedHashMap<>(Claims.toContext(claims));
    if (user != null) {
      names.add("user/" + user.name());
      names.add(bundle.userArn(user.name()));
      context.putAll(resolver.contextKeys(Principal.user(user.name())));
    }
    for (String g : groups) {
      names.add("group/" + g);
    }
    if (issuer != null) {
      names.add("federated/" + issuer);
    }
    if (!names.isEmpty()) {
      context.put(TrustPolicies.PRINCIPALS_KEY, names);
    }
    RequestContext.Builder b = RequestContext.builder();
    context.forEach(b::putValue);
    if (!b.problems().isEmpty()) {
      return Result.denied(
          "cannot evaluate the trust policy of `" + roleName + "`: " + b.problems().get(0));
    }
    // a caller that is a bundle user assumes the role as that user; a token caller without a
    // bundle user is a web identity
    String action = user != null ? "sts:AssumeRole" : "sts:AssumeRoleWithWebIdentity";
    CompiledPolicySet trust =
        trustSets.computeIfAbsent(
            roleName,
            r ->
                new CompiledPolicySet(
                    PolicyCompiler.group(PolicyType.IDENTITY, List.of(compiler.apply(trustPolicy))),
                    null,
                    null));
    Decision d =
        Evaluator.decide(trust, Request.of(action, bundle.roleArn(roleName), b.build())).decision();
    if (d != Decision.ALLOW) {
      return Result.denied(
          "the trust policy of role `"
              + roleName
              + "` does not allow this caller to assume it ("
              + d.text()
              + ")");
    }
    return new Result(
        new Principal(Principal.Kind.ROLE, roleName, session, List.of(), claims), null);
  }
}
