/**
 * The {@code simulate --batch} contract (section 1.6 of docs/policy-language.md): one JSON Lines
 * case, with its policies, boundary, guardrails, action, resource and context, read into a compiled
 * set and a request, or into every problem that makes it an error. The CLI's batch command and the
 * engine's golden corpus both read cases through it. Depends on {@code json}, {@code policy.parse},
 * {@code compile} and {@code eval}.
 */
@NullMarked
package io.iamgate.batch;

import org.jspecify.annotations.NullMarked;
