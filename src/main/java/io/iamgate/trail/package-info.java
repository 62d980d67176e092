/**
 * Reading the decision trail back: {@link io.iamgate.trail.TrailReader} reads decision events
 * ({@code iamgate.decision} lines, docs/authorizer.md) from raw log files, CloudWatch Logs exports
 * and gzip, into {@link io.iamgate.trail.DecisionRecord}s; {@link io.iamgate.trail.TrailFilter}
 * selects them; {@link io.iamgate.trail.PolicyGenerator} turns what a principal was observed doing
 * into the smallest policy that allows it; {@link io.iamgate.trail.GrantUsage} sets a bundle's
 * grants against what was used. Depends on {@code json}, {@code policy}, {@code bundle}, {@code
 * compile}, {@code eval}, the facade (to ask the engine about a bundle's grants) and {@code audit}
 * (masking); used by the CLI only.
 */
@NullMarked
package io.iamgate.trail;

import org.jspecify.annotations.NullMarked;
