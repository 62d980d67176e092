package io.iamgate.bundle;

/**
 * IAM's size quotas (section 7 of the specification), enforced when a bundle loads. Sizes count the
 * characters of the minified JSON. Every value can be overridden in the bundle's {@code quotas}
 * member.
 */
public record Quotas(
    int managedPolicyChars,
    int userInlineChars,
    int groupInlineChars,
    int roleInlineChars,
    int managedPoliciesPerUser,
    int managedPoliciesPerRole,
    int managedPoliciesPerGroup,
    int groupsPerUser,
    int trustPolicyChars,
    int guardrailChars,
    int guardrailsPerLevel,
    int policyNameChars,
    int userNameChars,
    int roleNameChars,
    int groupNameChars,
    int tagsPerPrincipal,
    int tagKeyChars,
    int tagValueChars) {

  /** AWS's defaults. */
  public static final Quotas AWS =
      new Quotas(
          6144, 2048, 5120, 10240, 10, 10, 10, 10, 2048, 5120, 5, 128, 64, 64, 128, 50, 128, 256);

  /** The names used in the bundle's {@code quotas} member, in component order. */
  static final String[] NAMES = {
    "managedPolicyChars",
    "userInlineChars",
    "groupInlineChars",
    "roleInlineChars",
    "managedPoliciesPerUser",
    "managedPoliciesPerRole",
    "managedPoliciesPerGroup",
    "groupsPerUser",
    "trustPolicyChars",
    "guardrailChars",
    "guardrailsPerLevel",
    "policyNameChars",
    "userNameChars",
    "roleNameChars",
    "groupNameChars",
    "tagsPerPrincipal",
    "tagKeyChars",
    "tagValueChars"
  };

  int[] values() {
    return new int[] {
      managedPolicyChars,
      userInlineChars,
      groupInlineChars,
      roleInlineChars,
      managedPoliciesPerUser,
      managedPoliciesPerRole,
      managedPoliciesPerGroup,
      groupsPerUser,
      trustPolicyChars,
      guardrailChars,
      guardrailsPerLevel,
      policyNameChars,
      userNameChars,
      roleNameChars,
      groupNameChars,
      tagsPerPrincipal,
      tagKeyChars,
      tagValueChars
    };
  }

  static Quotas of(int[] v) {
    return new Quotas(
        v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13],
        v[14], v[15], v[16], v[17]);
  }
}
