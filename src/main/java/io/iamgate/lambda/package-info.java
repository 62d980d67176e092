/**
 * The Lambda entry point: a thin {@link com.amazonaws.services.lambda.runtime.RequestStreamHandler}
 * that builds everything expensive once per container and turns each event into one response.
 */
@NullMarked
package io.iamgate.lambda;

import org.jspecify.annotations.NullMarked;
