package io.iamgate.bundle;

import io.iamgate.policy.PolicyDocument;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A validated policy bundle. Immutable. Maps keep the bundle's order.
 *
 * @param version the content hash (hex SHA-256 of the canonical bundle), used as its version
 * @param source where it was read from, for messages
 * @param partition the ARN partition of principal ARNs ({@code
 *     arn:<partition>:iam::<account>:user/alice})
 * @param account the account id used in principal ARNs and route resources
 * @param policies managed policies by name, built-ins included
 * @param users users by name
 * @param groups groups by name
 * @param roles roles by name
 * @param guardrails names of the managed policies that form the one guardrail level; empty = no
 *     level
 * @param identity how verified callers become principals
 * @param routes how API requests become actions and resources
 * @param quotas the size quotas the bundle was validated against
 * @param analyzer the {@code analyzer} member: administrators and suppressed findings
 */
public record Bundle(
    String version,
    String source,
    String partition,
    String account,
    Map<String, ManagedPolicy> policies,
    Map<String, User> users,
    Map<String, Group> groups,
    Map<String, Role> roles,
    List<String> guardrails,
    IdentityMapping identity,
    List<Route> routes,
    Quotas quotas,
    AnalyzerSettings analyzer) {
  public Bundle {
    Objects.requireNonNull(version, "version");
    policies = Map.copyOf(policies);
    users = Map.copyOf(users);
    groups = Map.copyOf(groups);
    roles = Map.copyOf(roles);
    guardrails = List.copyOf(guardrails);
    routes = List.copyOf(routes);
    Objects.requireNonNull(analyzer, "analyzer");
  }

  /** The first 12 hex digits of the version, for logs and responses. */
  public String shortVersion() {
    return version.substring(0, Math.min(12, version.length()));
  }

  /** The ARN of a user. */
  public String userArn(String name) {
    return "arn:" + partition + ":iam::" + account + ":user/" + name;
  }

  /** The ARN of a role. */
  public String roleArn(String name) {
    return "arn:" + partition + ":iam::" + account + ":role/" + name;
  }

  /**
   * A policy document with the hash of its canonical text, by which compiled forms are cached and
   * shared between principals and bundle versions.
   */
  public record Policy(String name, PolicyDocument document, String contentHash) {}

  /** A managed policy; {@code builtIn} ones are provided by iamgate. */
  public record ManagedPolicy(Policy policy, boolean builtIn) {
    public String name() {
      return policy.name();
    }
  }

  /** A permanent identity. */
  public record User(
      String name,
      List<String> groups,
      List<String> policies,
      List<Policy> inlinePolicies,
      Map<String, String> tags,
      @Nullable String permissionsBoundary,
      List<ApiKey> apiKeys) {
    public User {
      groups = List.copyOf(groups);
      policies = List.copyOf(policies);
      inlinePolicies = List.copyOf(inlinePolicies);
      tags = Map.copyOf(tags);
      apiKeys = List.copyOf(apiKeys);
    }
  }

  /** A group: users inherit its policies. */
  public record Group(String name, List<String> policies, List<Policy> inlinePolicies) {
    public Group {
      policies = List.copyOf(policies);
      inlinePolicies = List.copyOf(inlinePolicies);
    }
  }

  /** A temporary identity, assumed by callers its trust policy allows. */
  public record Role(
      String name,
      List<String> policies,
      List<Policy> inlinePolicies,
      Map<String, String> tags,
      @Nullable String permissionsBoundary,
      int maxSessionSeconds,
      @Nullable Policy trustPolicy) {
    public Role {
      policies = List.copyOf(policies);
      inlinePolicies = List.copyOf(inlinePolicies);
      tags = Map.copyOf(tags);
    }
  }

  /**
   * An API key, stored only as a salted hash.
   *
   * @param id the public key id: a presented key is {@code <id>.<secret>}
   * @param hash {@code sha256$<salt base64>$<hash base64>} of the secret
   * @param created when the key was created
   */
  public record ApiKey(String id, String hash, Instant created) {}

  /**
   * How a verified caller becomes a principal.
   *
   * @param userClaim the claim that names the bundle user ({@code sub}, {@code username}, ...)
   * @param groupsClaim the claim that lists groups, or {@code null}
   * @param roleRules rules that pick a role, first match wins
   * @param allowRoleRequests whether a caller may ask for a role explicitly (the trust policy must
   *     allow it)
   * @param issuers the token issuers the authorizer trusts
   * @param apiKeyHeader the header that carries an API key
   * @param roleHeader the header in which a caller asks for a role
   */
  public record IdentityMapping(
      String userClaim,
      @Nullable String groupsClaim,
      List<RoleRule> roleRules,
      boolean allowRoleRequests,
      List<Issuer> issuers,
      String apiKeyHeader,
      String roleHeader) {
    public IdentityMapping {
      roleRules = List.copyOf(roleRules);
      issuers = List.copyOf(issuers);
    }
  }

  /**
   * A trusted token issuer.
   *
   * @param issuer the exact {@code iss} value
   * @param audiences accepted {@code aud} values (any one must be present), empty to skip
   * @param clientIds accepted Cognito {@code client_id} values, empty to skip
   * @param tokenUse the required Cognito {@code token_use} ({@code access} or {@code id}), or
   *     {@code null}
   * @param algorithms the accepted signature algorithms (RS256 and ES256 unless set)
   * @param jwks an embedded JWK set (JSON text), or {@code null}
   * @param jwksUri where to fetch the JWK set, or {@code null}
   */
  public record Issuer(
      String issuer,
      List<String> audiences,
      List<String> clientIds,
      @Nullable String tokenUse,
      List<String> algorithms,
      @Nullable String jwks,
      @Nullable String jwksUri) {
    public Issuer {
      audiences = List.copyOf(audiences);
      clientIds = List.copyOf(clientIds);
      algorithms = List.copyOf(algorithms);
    }
  }

  /**
   * A role-mapping rule: when the claim equals the value (or the caller is in the group), the
   * caller gets the role.
   *
   * @param claim a claim name, or {@code null} for a group rule
   * @param value the claim value to match; always set for a claim rule
   * @param group a group name, or {@code null} for a claim rule
   * @param role the role to assume
   */
  public record RoleRule(
      @Nullable String claim, @Nullable String value, @Nullable String group, String role) {}

  /**
   * One route: method and path template to action and resource template.
   *
   * @param method an HTTP method or {@code ANY}
   * @param path a path template such as {@code /orders/{orderId}} or {@code /files/{proxy+}}
   * @param action the application action, e.g. {@code orders:GetOrder}
   * @param resource the resource template, with {@code ${account}}, {@code ${aws:region}} and
   *     {@code ${request:path/<name>}} variables
   */
  public record Route(String method, String path, String action, String resource) {}

  /**
   * The {@code analyzer} member, read by {@code iamgate analyze} only.
   *
   * @param admins the principals marked as administrators: {@code user/<name>}, {@code
   *     group/<name>}, {@code role/<name>}
   * @param suppressions the findings accepted, each with its reason
   */
  public record AnalyzerSettings(List<String> admins, List<Suppression> suppressions) {
    public static final AnalyzerSettings NONE = new AnalyzerSettings(List.of(), List.of());

    public AnalyzerSettings {
      admins = List.copyOf(admins);
      suppressions = List.copyOf(suppressions);
    }
  }

  /**
   * One suppressed finding.
   *
   * @param code the finding code
   * @param path a JSON Pointer: the finding's path or a prefix of it; {@code null} for every path
   * @param reason why the finding is accepted
   */
  public record Suppression(String code, @Nullable String path, String reason) {}
}
