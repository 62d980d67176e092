/**
 * The edge with API Gateway: authorizer events of every payload type read from raw JSON into one
 * immutable {@link io.iamgate.gateway.GatewayEvent}, method/route ARNs parsed into {@link
 * io.iamgate.gateway.MethodArn}, the event → request step ({@link
 * io.iamgate.gateway.RequestMapper}: action, resource and context keys), and responses written with
 * exactly the shape API Gateway expects ({@link io.iamgate.gateway.ResponseWriter}). Nothing here
 * decides anything.
 */
@NullMarked
package io.iamgate.gateway;

import org.jspecify.annotations.NullMarked;
