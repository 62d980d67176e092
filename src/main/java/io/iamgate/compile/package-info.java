/**
 * Compiles the policy model into immutable, thread-safe evaluators: wildcard patterns become
 * linear-time {@link io.iamgate.compile.Glob} matchers, condition operators are resolved to {@link
 * io.iamgate.compile.CompiledCondition}s, policy variables to pre-split templates, and statements
 * are indexed by action in {@link io.iamgate.compile.CompiledPolicies}. Depends on {@code policy}
 * and the JDK only.
 */
@NullMarked
package io.iamgate.compile;

import org.jspecify.annotations.NullMarked;
