/**
 * The authorizer's decision, independent of Lambda, as one pipeline ({@link
 * io.iamgate.authorizer.Authorizer}): credentials ({@code authn}) → principal ({@code identity}) →
 * the route's action, resource and context keys ({@code gateway.RequestMapper}) → the engine
 * ({@code facade.IamGate#decide}) → an answer API Gateway can cache safely ({@link
 * io.iamgate.authorizer.RouteTablePolicy}) → one decision event ({@code audit}). {@link
 * io.iamgate.authorizer.AuthorizerFunction} wraps it from event bytes to response bytes. Every
 * failure denies.
 */
@NullMarked
package io.iamgate.authorizer;

import org.jspecify.annotations.NullMarked;
