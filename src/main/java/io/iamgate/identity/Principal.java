package io.iamgate.identity;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An authenticated principal.
 *
 * @param kind a bundle user, or a role assumed by a caller
 * @param name the user or role name
 * @param sessionName for a role, the caller that assumed it (user name or token subject); else null
 * @param groups the user's groups (bundle membership plus a groups claim); empty for a role
 * @param claims the verified token claims ({@code jwt:*} context keys), possibly empty
 */
public record Principal(Kind kind, String name, String sessionName, List<String> groups, Map<String, Object> claims) {
  public Principal {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    groups = List.copyOf(groups);
    claims = Map.copyOf(claims);
  }

  /** User or assumed role. */
  public enum Kind {
    USER,
    ROLE
  }

  /** A bundle user with its bundle groups only. */
  public static Principal user(String name) {
    return new Principal(Kind.USER, name, null, List.of(), Map.of());
  }

  /** A role, assumed by {@code sessionName}. */
  public static Principal role(String name, String sessionName) {
    return new Principal(Kind.ROLE, name, sessionName, List.of(), Map.of());
  }

  /** {@code user/alice} or {@code role/OrdersServiceRole}: the cache key within one bundle version. */
  public String key() {
    return (kind == Kind.USER ? "user/" : "role/") + name + (groups.isEmpty() ? "" : "+" + String.join(",", groups));
  }

  @Override
  public String toString() {
    return kind == Kind.USER ? "user/" + name : "role/" + name + (sessionName == null ? "" : " (session " + sessionName + ")");
  }
}
