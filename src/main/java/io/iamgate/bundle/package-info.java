/**
 * The policy bundle: one versioned description of who may do what — managed policies, users,
 * groups, roles with trust policies, guardrails, identity mapping and routes — read from JSON or
 * YAML (a file, or a directory with {@code policies/<Name>.json}), validated whole at load, and
 * identified by a content hash. Depends on {@code policy}, {@code policy.parse} and Jackson.
 */
@NullMarked
package io.iamgate.bundle;

import org.jspecify.annotations.NullMarked;
