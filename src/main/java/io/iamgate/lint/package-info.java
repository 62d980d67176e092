/**
 * {@code iamgate analyze}: findings about valid policies and bundles that {@code validate} accepts
 * but a reviewer should see: administrator grants, {@code NotAction}/{@code NotResource}, sensitive
 * actions without MFA, MFA conditions that API-key callers bypass, wildcard resources on write
 * actions, and condition keys that do not fit their operator (docs/analyze.md). Depends on {@code
 * json}, {@code policy}, {@code policy.parse} and {@code bundle}.
 */
@NullMarked
package io.iamgate.lint;

import org.jspecify.annotations.NullMarked;
