/**
 * The Lambda entry point: a thin {@link com.amazonaws.services.lambda.runtime.RequestStreamHandler}
 * over {@code authorizer.AuthorizerFunction}, adding what only Lambda has: the {@code Unauthorized}
 * error for 401s, the invocation's request id, and SnapStart (CRaC) hooks.
 */
@NullMarked
package io.iamgate.lambda;

import org.jspecify.annotations.NullMarked;
