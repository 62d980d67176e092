package io.iamgate.authorizer;

import io.iamgate.audit.DecisionEvent;
import io.iamgate.gateway.AuthorizerResponse;

/**
 * What the authorizer answers for one event, and the decision event that records it.
 *
 * @param response the response (or {@link AuthorizerResponse.Unauthorized} for a 401)
 * @param event the decision event for the decision trail; never holds a token or an API key
 */
public record Outcome(AuthorizerResponse response, DecisionEvent event) {}
