package io.iamgate.authorizer;

import io.iamgate.gateway.AuthorizerResponse;

/**
 * What the authorizer answers for one event, and the decision-log line that records it.
 *
 * @param response the response (or {@link AuthorizerResponse.Unauthorized} for a 401)
 * @param logLine one JSON line for the decision log; never holds a token or an API key
 */
public record Outcome(AuthorizerResponse response, String logLine) {}
