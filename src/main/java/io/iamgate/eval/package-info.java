/**
 * Evaluation: the engine's own immutable {@link io.iamgate.eval.Request}, the decision algorithm of
 * section 2 of docs/policy-language.md ({@link io.iamgate.eval.Evaluator}: {@code decide} and
 * {@code explain} are one algorithm), and explainable results. Depends on {@code compile}, {@code
 * policy} and the JDK only.
 */
@NullMarked
package io.iamgate.eval;

import org.jspecify.annotations.NullMarked;
