package io.iamgate.identity;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An authenticated principal: a bundle user, or a role assumed by a caller. Immutable. Its {@link
 * #key()} (kind, name and claimed groups, but not the session or the claims) names its compiled
 * policies in the cache, so every session of a role shares one compiled set.
 */
public final class Principal {
  private final Kind kind;
  private final String name;
  private final @Nullable String sessionName;
  private final List<String> groups;
  private final Map<String, Object> claims;
  private final String key;

  /**
   * @param kind a bundle user, or a role assumed by a caller
   * @param name the user or role name
   * @param sessionName for a role, the caller that assumed it (user name or token subject); else
   *     null
   * @param groups groups claimed by the caller's token, added to the user's bundle groups
   * @param claims the verified token claims ({@code jwt:*} context keys), possibly empty
   */
  public Principal(
      Kind kind,
      String name,
      @Nullable String sessionName,
      List<String> groups,
      Map<String, Object> claims) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.name = Objects.requireNonNull(name, "name");
    this.sessionName = sessionName;
    this.groups = List.copyOf(groups);
    this.claims = Map.copyOf(claims);
    this.key =
        (kind == Kind.USER ? "user/" : "role/")
            + name
            + (this.groups.isEmpty() ? "" : "+" + String.join(",", this.groups));
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
  public static Principal role(String name, @Nullable String sessionName) {
    return new Principal(Kind.ROLE, name, sessionName, List.of(), Map.of());
  }

  public Kind kind() {
    return kind;
  }

  public String name() {
    return name;
  }

  public @Nullable String sessionName() {
    return sessionName;
  }

  public List<String> groups() {
    return groups;
  }

  public Map<String, Object> claims() {
    return claims;
  }

  /**
   * {@code user/alice} or {@code role/OrdersServiceRole} (plus claimed groups): the cache key
   * within one bundle version.
   */
  public String key() {
    return key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Principal p
        && kind == p.kind
        && name.equals(p.name)
        && Objects.equals(sessionName, p.sessionName)
        && groups.equals(p.groups)
        && claims.equals(p.claims);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, name, sessionName, groups);
  }

  @Override
  public String toString() {
    return kind == Kind.USER
        ? "user/" + name
        : "role/" + name + (sessionName == null ? "" : " (session " + sessionName + ")");
  }
}
