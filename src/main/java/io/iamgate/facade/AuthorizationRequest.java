package io.iamgate.facade;

import io.iamgate.identity.Principal;
import java.util.Map;
import java.util.Objects;

/**
 * One question for {@link IamGate#authorizeAll}.
 *
 * @param principal who asks
 * @param action the application action, e.g. {@code orders:GetOrder}
 * @param resource the resource, e.g. an ARN
 * @param context context keys: a String, or a List of String for a multi-valued key
 */
public record AuthorizationRequest(
    Principal principal, String action, String resource, Map<String, Object> context) {
  public AuthorizationRequest {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resource, "resource");
    context = Map.copyOf(context);
  }
}
