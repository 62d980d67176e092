/**
 * Who the caller is: a {@link io.iamgate.identity.Principal} (a bundle user, or an assumed role),
 * the documents that apply to it ({@link io.iamgate.identity.PrincipalPolicies}), its compiled
 * entry with the context keys it contributes ({@link io.iamgate.identity.PrincipalEntry}, where the
 * rule "the principal's own keys win over the caller's" lives), a compiled bundle as a {@link
 * io.iamgate.identity.Directory}, and the mapping from verified claims to a principal, with role
 * trust policies evaluated by the engine. Nothing from AWS.
 */
@NullMarked
package io.iamgate.identity;

import org.jspecify.annotations.NullMarked;
