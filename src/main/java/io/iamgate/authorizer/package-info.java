/**
 * The authorizer's decision, independent of Lambda: from a {@link io.iamgate.gateway.GatewayEvent}
 * to verified credentials, a principal, the route's action and resource, the engine's decision, and
 * a response API Gateway can cache safely ({@link io.iamgate.authorizer.CachePolicy}), with one
 * decision-log line per request. Every failure denies.
 */
@NullMarked
package io.iamgate.authorizer;

import org.jspecify.annotations.NullMarked;
