/**
 * Evaluation: the engine's own immutable {@link io.iamgate.eval.Request}, the decision algorithm of
 * section 2 of the specification ({@link io.iamgate.eval.Evaluator}), and explainable results.
 * Depends on {@code compile}, {@code policy} and the JDK only.
 */
@NullMarked
package io.iamgate.eval;

import org.jspecify.annotations.NullMarked;
