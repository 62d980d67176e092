package io.iamgate.eval;

import io.iamgate.compile.ActionIds;
import io.iamgate.compile.Context;
import io.iamgate.compile.ContextValue;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One authorization request: an action {@code service:Name}, a resource string and a context.
 * Immutable; the folded forms the index needs are computed once, here, at the edge.
 */
public final class Request implements Context {
  private final String action;
  private final String resource;
  private final RequestContext context;
  private final String foldedService;
  private final String foldedName;
  private final int actionId;

  private Request(String action, String resource, RequestContext context) {
    this.action = action;
    this.resource = resource;
    this.context = context;
    ActionIds.Action a = ActionIds.action(action);
    this.foldedService = a.service();
    this.foldedName = a.name();
    this.actionId = a.id();
  }

  /**
   * Creates a request.
   *
   * @throws IllegalArgumentException when {@link #actionProblem} finds a problem with the action
   */
  public static Request of(String action, String resource, RequestContext context) {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(context, "context");
    if (!ActionIds.known(action)) { // interned actions were validated when first seen
      String problem = actionProblem(action);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
    }
    return new Request(action, resource, context);
  }

  /**
   * What is wrong with a request action, or {@code null}: it must be {@code prefix:name} with one
   * colon, a prefix of {@code [A-Za-z0-9._-]} and a non-empty name without wildcards.
   */
  public static @Nullable String actionProblem(@Nullable String action) {
    if (action == null) {
      return "the action must be a string";
    }
    int colon = action.indexOf(':');
    if (colon < 0) {
      return "the action `" + action + "` must have the form `service:ActionName`";
    }
    if (action.indexOf(':', colon + 1) >= 0) {
      return "the action `" + action + "` may contain only one colon";
    }
    if (colon == 0 || colon == action.length() - 1) {
      return "the action `" + action + "` needs a service prefix and an action name";
    }
    for (int i = 0; i < colon; i++) {
      char c = action.charAt(i);
      if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '.' && c != '_' && c != '-') {
        return "the service prefix of `"
            + action
            + "` may only contain letters, digits, `.`, `_` and `-`";
      }
    }
    if (action.indexOf('*', colon) >= 0 || action.indexOf('?', colon) >= 0) {
      return "the request action `" + action + "` must not contain wildcards";
    }
    return null;
  }

  public String action() {
    return action;
  }

  public String resource() {
    return resource;
  }

  public RequestContext context() {
    return context;
  }

  public String foldedService() {
    return foldedService;
  }

  public String foldedName() {
    return foldedName;
  }

  /** The interned id of the action text, or {@link ActionIds#NONE}. */
  public int actionId() {
    return actionId;
  }

  @Override
  public @Nullable ContextValue get(String foldedKey) {
    return context.get(foldedKey);
  }

  @Override
  public String toString() {
    return action + " on " + resource;
  }
}
