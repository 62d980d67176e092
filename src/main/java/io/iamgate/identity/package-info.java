/**
 * Who the caller is: a {@link io.iamgate.identity.Principal} (a bundle user, or an assumed role),
 * the documents that apply to it ({@link io.iamgate.identity.PrincipalPolicies}), the context keys
 * it contributes ({@code aws:username}, {@code aws:PrincipalTag/...}), and the mapping from
 * verified claims to a principal, with role trust policies evaluated by the engine. Depends on
 * {@code bundle}, {@code compile}, {@code eval} and {@code policy}; nothing from AWS.
 */
@NullMarked
package io.iamgate.identity;

import org.jspecify.annotations.NullMarked;
