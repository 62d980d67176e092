/**
 * The Lambda entry point: a thin {@link com.amazonaws.services.lambda.runtime.RequestStreamHandler}
 * that builds everything expensive once per container and turns each event into one response.
 */
package io.iamgate.lambda;
