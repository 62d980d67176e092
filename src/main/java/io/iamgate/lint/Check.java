package io.iamgate.lint;

/**
 * Every finding code of {@code iamgate analyze}, with its severity and help text (docs/analyze.md).
 * Codes are stable: a code is never reused for another check.
 */
public enum Check {
  VALIDATION_ERROR(
      FindingSeverity.ERROR,
      "The policy or bundle is invalid: `iamgate validate` reports this error.",
      "Fix the error as `iamgate validate` describes it; the message starts with validate's code."),
  VALIDATION_WARNING(
      FindingSeverity.WARNING,
      "`iamgate validate` warns about this (for example a document without `Version`).",
      "Fix the warning as `iamgate validate` describes it."),
  ADMINISTRATOR_GRANT(
      FindingSeverity.SECURITY_WARNING,
      "An Allow of `*`, or of a whole service (`svc:*`), on `*` without conditions, granted to a"
          + " principal not marked as an administrator.",
      "Narrow the actions and resources, or list the principal in the bundle's `analyzer.admins`."),
  ALLOW_WITH_NOT_ACTION(
      FindingSeverity.WARNING,
      "An Allow with `NotAction` allows every action not listed, including actions added later;"
          + " a security warning when that covers a sensitive action.",
      "List the allowed actions in `Action`, or use a Deny with `NotAction`."),
  ALLOW_WITH_NOT_RESOURCE(
      FindingSeverity.WARNING,
      "An Allow with `NotResource` allows every resource not listed, including resources created"
          + " later; a security warning when its actions cover a sensitive action.",
      "List the allowed resources in `Resource`, or use a Deny with `NotResource`."),
  SENSITIVE_ACTION_WITHOUT_MFA(
      FindingSeverity.WARNING,
      "An Allow of a sensitive action (by default names beginning Create, Delete, Put, Update,"
          + " Attach, Detach, Remove, Cancel, and wildcards that cover them) without an"
          + " `aws:MultiFactorAuthPresent` or `aws:MultiFactorAuthAge` condition.",
      "Add `\"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"}` to the statement, or a Deny of"
          + " the action with `BoolIfExists` `false`."),
  MFA_CONDITION_BYPASSED_BY_API_KEYS(
      FindingSeverity.SECURITY_WARNING,
      "An MFA condition that API-key callers pass without MFA: for them"
          + " `aws:MultiFactorAuthPresent` and `aws:MultiFactorAuthAge` are absent, so an Allow"
          + " with an `...IfExists` operator on them allows, and a Deny with plain `Bool` does not"
          + " deny.",
      "In an Allow use `Bool` (absent is false); in a Deny use `BoolIfExists` with `false`"
          + " (absent denies); or give key callers a separate statement."),
  WILDCARD_RESOURCE_ON_WRITE_ACTION(
      FindingSeverity.WARNING,
      "An Allow of a write (sensitive) action on every resource: `*`, or an ARN whose resource"
          + " part is `*`.",
      "Name the resources (`arn:app:orders:*:123456789012:order/*`), or add a condition."),
  INVALID_GLOBAL_CONDITION_KEY(
      FindingSeverity.ERROR,
      "A condition key starting `aws:` that is not a global condition key: it is never in the"
          + " request, so the condition never matches as intended.",
      "Correct the key's spelling (docs/policy-language.md, section 4.9)."),
  TYPE_MISMATCH(
      FindingSeverity.WARNING,
      "A condition operator whose type does not fit the key's (`IpAddress` on `aws:username`,"
          + " `StringEquals` on `aws:SourceIp`).",
      "Use an operator of the key's type: String for names and tags, IpAddress for"
          + " `aws:SourceIp`, Bool, Numeric, Date, Arn."),
  FORALLVALUES_WITH_SINGLE_VALUED_KEY(
      FindingSeverity.SECURITY_WARNING,
      "`ForAllValues:` on a single-valued key: it is also true when the key is absent, so an"
          + " Allow can allow more than intended.",
      "Remove `ForAllValues:`; set operators are for multi-valued keys such as `aws:TagKeys`."),
  FORANYVALUE_WITH_SINGLE_VALUED_KEY(
      FindingSeverity.WARNING,
      "`ForAnyValue:` on a single-valued key: the set operator has no effect but misleads.",
      "Remove `ForAnyValue:`; set operators are for multi-valued keys such as `aws:TagKeys`."),
  NON_CANONICAL_OPERATOR_CASE(
      FindingSeverity.SUGGESTION,
      "A condition operator not written in its canonical letter case (`stringequals`);"
          + " operators compare case-insensitively, but readers and other tools expect the"
          + " canonical name.",
      "Write the operator as the message shows."),
  UNKNOWN_POLICY_VARIABLE(
      FindingSeverity.WARNING,
      "A policy variable in a Resource or condition value that names no known key: an `aws:`"
          + " name that is not a global condition key (`${aws:usernme}`), or a name without a"
          + " namespace (`${username}`). It is never set, so the value matches nothing unless the"
          + " variable has a default.",
      "Correct the variable's name (docs/policy-language.md, sections 4.9 and 5)."),
  VARIABLE_UNSUPPORTED_IN_VERSION(
      FindingSeverity.ERROR,
      "A `${...}` policy variable in a document whose `Version` is not `2012-10-17` (2008-10-17,"
          + " or none): such documents take variables as literal text.",
      "Set `\"Version\": \"2012-10-17\"`, or write the text without `${`."),
  USER_WITH_DIRECT_POLICIES(
      FindingSeverity.SUGGESTION,
      "A user with managed or inline policies attached directly; AWS advises granting through"
          + " groups, so that permissions follow the job, not the person.",
      "Put the policies on a group that matches the user's job and add the user to it."),
  UNUSED_GROUP(
      FindingSeverity.SUGGESTION,
      "A group without users in a bundle whose `identity` has no `groupsClaim`: no caller is in it,"
          + " so its policies grant nothing.",
      "Add users to the group, set `identity.groupsClaim`, or remove the group."),
  UNUSED_MANAGED_POLICY(
      FindingSeverity.SUGGESTION,
      "A managed policy attached to no user, group or role and used as no permissions boundary or"
          + " guardrail.",
      "Attach the policy where it is meant to apply, or remove it."),
  ROLE_TRUSTS_ANY_PRINCIPAL(
      FindingSeverity.SECURITY_WARNING,
      "An `Allow` statement of a role's trust policy whose `Principal` is `*` (or has `*` in"
          + " `AWS` or `Federated`) without conditions: any authenticated caller may assume the"
          + " role.",
      "Name the users, groups or issuers that may assume the role, or add a condition."),
  ALLOW_WITH_NOT_PRINCIPAL(
      FindingSeverity.SECURITY_WARNING,
      "An `Allow` statement with `NotPrincipal` in a role's trust policy: every caller not listed"
          + " may assume the role, callers added later included.",
      "Name who may assume the role in `Principal`; use `NotPrincipal` only in a `Deny`."),
  MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL(
      FindingSeverity.SECURITY_WARNING,
      "An `Allow` statement in a role's trust policy whose `Principal` names a token issuer"
          + " (`Federated`) without a `Condition`: every caller with a token from that issuer may"
          + " assume the role.",
      "Add a condition on the token's claims, e.g. `\"StringEquals\": {\"jwt:client_id\":"
          + " \"reporting\"}` or on `jwt:sub`, so only the intended callers may assume it."),
  UNKNOWN_SUPPRESSION_CODE(
      FindingSeverity.ERROR,
      "An entry of the bundle's `analyzer.suppress` whose `code` is no finding code (a typo, or a"
          + " code renamed before 1.0): it hides nothing.",
      "Use a code from docs/analyze.md."),
  API_KEY_NOT_ROTATED(
      FindingSeverity.WARNING,
      "An API key created longer ago than the maximum key age (90 days unless"
          + " `--max-key-age-days` says otherwise).",
      "Rotate the key: add a new key, move its callers to it, then remove the old one."),
  UNROUTED_ACTION(
      FindingSeverity.WARNING,
      "An `Allow` of an action (without wildcards) of a service the bundle's routes use, which no"
          + " route produces: probably a typo, as the grant is never used.",
      "Correct the action to one a route produces, or remove it."),
  ROUTE_NOBODY_MAY_CALL(
      FindingSeverity.WARNING,
      "A route whose action and resource (path parameters and request keys replaced by a probe"
          + " value) the engine allows to no bundle user or role, with or without MFA.",
      "Grant the route's action on its resource to the users, groups or roles that should call"
          + " it, or remove the route."),
  REDUNDANT_STATEMENT(
      FindingSeverity.SUGGESTION,
      "A statement that repeats an earlier statement of the same policy exactly (its `Sid`"
          + " aside): it can never change a decision.",
      "Remove the duplicate, or change it to what it was meant to say."),
  REDUNDANT_ACTION(
      FindingSeverity.SUGGESTION,
      "An action in a statement's `Action` or `NotAction` list that another entry of the list"
          + " already covers (`orders:GetOrder` with `orders:Get*`), or a repeated entry.",
      "Remove the covered action."),
  EXPIRED_DATE_CONDITION(
      FindingSeverity.WARNING,
      "A `DateLessThan` or `DateLessThanEquals` on `aws:CurrentTime` whose dates are all in the"
          + " past: the condition is never true again.",
      "Remove the statement, or move the date to when access should really end."),
  FAR_FUTURE_DATE_CONDITION(
      FindingSeverity.WARNING,
      "A `DateGreaterThan` or `DateGreaterThanEquals` on `aws:CurrentTime` whose dates are all"
          + " more than 10 years ahead: the condition is not true for a decade, probably a typo in"
          + " the year.",
      "Correct the date."),
  CONTRADICTORY_CONDITION(
      FindingSeverity.WARNING,
      "Operators on the same key in one statement that no value satisfies together: a"
          + " `StringNotEquals` excluding every value of a `StringEquals`; an upper bound"
          + " (`NumericLessThan`, `DateLessThan`, ...) below a lower bound (`NumericGreaterThan`,"
          + " `DateGreaterThan`, ...); or `Null` `true` (the key must be absent) beside an operator"
          + " that is false on a missing key. Never true.",
      "Remove one of the operators, or correct their values."),
  MISSING_QUALIFIER(
      FindingSeverity.ERROR,
      "A condition operator without `ForAnyValue:` or `ForAllValues:` on a multi-valued key"
          + " (`jwt:scope`, `jwt:scp`, a multi-valued global key such as `aws:TagKeys`): a plain"
          + " operator is false whenever such a key is present (docs/policy-language.md, 4.4), so"
          + " an `Allow` never matches and a `Deny` never fires.",
      "Write `ForAnyValue:` (some value matches) or `ForAllValues:` (every value matches) before"
          + " the operator."),
  EMPTY_IP_SET(
      FindingSeverity.WARNING,
      "A `NotIpAddress` that excludes every address an `IpAddress` on the same key admits (never"
          + " true), or every IPv4 and IPv6 address (`0.0.0.0/0` and `::/0`: true only for requests"
          + " without the key).",
      "Correct the address blocks: `NotIpAddress` should exclude only some of the addresses"
          + " `IpAddress` admits."),
  FORALLVALUES_WITHOUT_NULL_GUARD(
      FindingSeverity.SECURITY_WARNING,
      "A `ForAllValues:` operator in an `Allow` without a `Null` `false` condition on its key:"
          + " `ForAllValues` is true when the request has no value for the key at all, so callers"
          + " without the key (API-key callers have no `jwt:` claims, for example) are allowed.",
      "Add `\"Null\": {\"<key>\": \"false\"}` to the statement's conditions, so the key must be"
          + " present."),
  CONDITION_KEY_NOT_SUPPLIED(
      FindingSeverity.WARNING,
      "A condition key no request decided by the authorizer holds: an `aws:` key the authorizer"
          + " never supplies (`aws:SourceVpc`, `aws:ResourceTag/...`) in a statement whose actions"
          + " routes produce, a `request:` key of no family the authorizer supplies, a"
          + " `request:path/<name>` no route has, or a key of another service than the"
          + " statement's actions (`s3:prefix` with `orders:GetOrder`). The condition always sees"
          + " the key absent.",
      "Use a key the authorizer supplies (docs/authorizer.md, \"Context keys\"), or a"
          + " `request:header/<name>` your API sends; keys of the statement's own service are"
          + " for backends that pass them to the facade."),
  ALLOW_SHADOWED_BY_DENY(
      FindingSeverity.WARNING,
      "An `Allow` statement that an unconditional `Deny` of the same principal's policies (its"
          + " identity policies, permissions boundary or guardrails) covers wholly, for every"
          + " principal it is attached to: it never takes effect.",
      "Remove the `Allow`, or narrow the `Deny` so it leaves what the `Allow` means to grant."),
  ALLOW_OUTSIDE_PERMISSIONS_BOUNDARY(
      FindingSeverity.WARNING,
      "An `Allow` statement none of whose actions on its resources the permissions boundary of"
          + " the principals it is attached to allows: it never takes effect.",
      "Widen the boundary to cover what the statement grants, or remove the statement."),
  ALLOW_OUTSIDE_GUARDRAILS(
      FindingSeverity.WARNING,
      "An `Allow` statement none of whose actions on its resources any guardrail allows: it never"
          + " takes effect.",
      "Add an `Allow` for these actions to a guardrail, or remove the statement.");

  private final FindingSeverity severity;
  private final String description;
  private final String fix;

  Check(FindingSeverity severity, String description, String fix) {
    this.severity = severity;
    this.description = description;
    this.fix = fix;
  }

  /** Codes renamed before 1.0, to the check that has them now. */
  private static final java.util.Map<String, Check> RENAMED =
      java.util.Map.of(
          "MISMATCHED_TYPE", TYPE_MISMATCH,
          "DUPLICATE_STATEMENT", REDUNDANT_STATEMENT,
          "POLICY_VARIABLE_TAKEN_LITERALLY", VARIABLE_UNSUPPORTED_IN_VERSION);

  /**
   * For a code that names no check, the hint to give: the check it was renamed to, or the closest
   * code; {@code null} when none is close.
   */
  public static @org.jspecify.annotations.Nullable String suggestionFor(String unknown) {
    Check renamed = RENAMED.get(unknown.toUpperCase(java.util.Locale.ROOT));
    if (renamed != null) {
      return "`" + unknown + "` is now `" + renamed.code() + "`";
    }
    return io.iamgate.policy.parse.Hints.didYouMean(
        unknown, java.util.Arrays.stream(values()).map(Check::code).toList());
  }

  /** The code: the constant's name. */
  public String code() {
    return name();
  }

  /** The usual severity (a few checks raise or lower it case by case). */
  public FindingSeverity severity() {
    return severity;
  }

  /** What triggers the check. */
  public String description() {
    return description;
  }

  /** The general fix, as a sentence (SARIF help text, docs). */
  public String fix() {
    return fix;
  }

  /** The general fix as a finding's hint: lower case first, no final period. */
  public String hint() {
    String h = fix.endsWith(".") ? fix.substring(0, fix.length() - 1) : fix;
    return Character.toLowerCase(h.charAt(0)) + h.substring(1);
  }
}
