package io.iamgate.compile;

import io.iamgate.policy.Effect;
import io.iamgate.policy.Statement;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One compiled statement. Immutable and thread-safe. */
public final class CompiledStatement {
  private final CompiledDocument document;
  private final int index;
  private final Statement source;
  private final Effect effect;
  private final ActionPattern[] actions;
  private final boolean notAction;
  private final ResourceMatcher[] resources;
  private final boolean notResource;
  private final CompiledCondition[] conditions;

  CompiledStatement(CompiledDocument document, int index, Statement source, boolean variables) {
    this.document = document;
    this.index = index;
    this.source = source;
    this.effect = source.effect();
    this.actions =
        source.action().patterns().stream()
            .map(ActionPattern::compile)
            .toArray(ActionPattern[]::new);
    this.notAction = source.action().negated();
    this.resources =
        source.resource().patterns().stream()
            .map(p -> ResourceMatcher.compile(p, variables))
            .toArray(ResourceMatcher[]::new);
    this.notResource = source.resource().negated();
    List<io.iamgate.policy.Condition> cs = source.conditions();
    this.conditions = new CompiledCondition[cs.size()];
    for (int i = 0; i < conditions.length; i++) {
      conditions[i] = new CompiledCondition(cs.get(i), variables);
    }
  }

  /** The document this statement belongs to. */
  public CompiledDocument document() {
    return document;
  }

  /** The statement's index within its document. */
  public int index() {
    return index;
  }

  public Statement source() {
    return source;
  }

  public Effect effect() {
    return effect;
  }

  /**
   * The folded service prefixes this statement's action clause names, or null if it may match any.
   */
  String @Nullable [] indexServices() {
    if (notAction) {
      return null;
    }
    String[] out = new String[actions.length];
    for (int i = 0; i < actions.length; i++) {
      if (actions[i].matchesEverything()) {
        return null;
      }
      out[i] = actions[i].foldedService();
    }
    return out;
  }

  /** Whether the action clause passes for the request's folded service and action name. */
  public boolean matchesAction(String foldedService, String foldedName) {
    boolean any = false;
    for (ActionPattern a : actions) {
      if (a.matches(foldedService, foldedName)) {
        any = true;
        break;
      }
    }
    return any != notAction;
  }

  /** Whether the resource clause passes for the request resource. */
  public boolean matchesResource(String resource, Context ctx) {
    boolean any = false;
    for (ResourceMatcher r : resources) {
      if (r.matches(resource, ctx)) {
        any = true;
        break;
      }
    }
    return any != notResource;
  }

  /** Whether every condition holds (true when there are none). */
  public boolean conditionsHold(Context ctx) {
    for (CompiledCondition c : conditions) {
      if (!c.holds(ctx)) {
        return false;
      }
    }
    return true;
  }

  /**
   * For explanations only: why the resource clause fails for {@code resource}, or {@code null} when
   * it passes. For {@code Resource}, names the pattern closest to the request's resource (the
   * longest common prefix); for {@code NotResource}, the pattern that excludes it.
   */
  public @Nullable String resourceMiss(String resource, Context ctx) {
    List<String> patterns = source.resource().patterns();
    if (notResource) {
      for (int i = 0; i < resources.length; i++) {
        if (resources[i].matches(resource, ctx)) {
          return "resource " + resource + " is excluded by NotResource " + patterns.get(i);
        }
      }
      return null;
    }
    if (matchesResource(resource, ctx)) {
      return null;
    }
    String best = "";
    int bestLength = -1;
    for (String p : patterns) {
      int n = commonPrefix(p, resource);
      if (n > bestLength) {
        best = p;
        bestLength = n;
      }
    }
    return "resource " + resource + " does not match " + best;
  }

  private static int commonPrefix(String a, String b) {
    int n = Math.min(a.length(), b.length());
    int i = 0;
    while (i < n && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return i;
  }

  /** For explanations only: the first condition that does not hold, or {@code null}. */
  public @Nullable CompiledCondition firstFailingCondition(Context ctx) {
    for (CompiledCondition c : conditions) {
      if (!c.holds(ctx)) {
        return c;
      }
    }
    return null;
  }

  /** Resource and condition tests together; the action test is done by the index. */
  public boolean appliesTo(String resource, Context ctx) {
    return matchesResource(resource, ctx) && conditionsHold(ctx);
  }
}
