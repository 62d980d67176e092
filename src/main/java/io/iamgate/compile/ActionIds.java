package io.iamgate.compile;

import io.iamgate.policy.CaseFold;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Interns request actions: each distinct action text gets a small integer id (so that every
 * compiled group can memoise its candidate statements in an array indexed by action) and its folded
 * service and name are computed once. The table is process-wide, small and hot (an application has
 * a few hundred actions at most) and bounded: past {@link #LIMIT} distinct actions, new actions get
 * {@link #NONE} and are simply not memoised.
 */
public final class ActionIds {
  /** The id of an action that is not interned. */
  public static final int NONE = -1;

  /** The most actions interned. */
  static final int LIMIT = 1 << 16;

  /**
   * An interned action.
   *
   * @param id the action's id, or {@link #NONE}
   * @param folded the case-folded action
   * @param service the case-folded service prefix
   * @param name the case-folded action name
   */
  public record Action(int id, String folded, String service, String name) {}

  private static final ConcurrentHashMap<String, Action> ACTIONS = new ConcurrentHashMap<>();
  private static final AtomicInteger NEXT = new AtomicInteger();

  private ActionIds() {}

  /**
   * The interned form of {@code action}, which must be a valid request action ({@code
   * service:Name}).
   */
  public static Action action(String action) {
    Action a = ACTIONS.get(action);
    if (a != null) {
      return a;
    }
    String folded = CaseFold.fold(action);
    int colon = folded.indexOf(':');
    if (NEXT.get() >= LIMIT) {
      return new Action(NONE, folded, folded.substring(0, colon), folded.substring(colon + 1));
    }
    synchronized (ACTIONS) {
      a = ACTIONS.get(action);
      if (a == null) {
        int id = NEXT.get() < LIMIT ? NEXT.getAndIncrement() : NONE;
        a = new Action(id, folded, folded.substring(0, colon), folded.substring(colon + 1));
        if (id != NONE) {
          ACTIONS.put(action, a);
        }
      }
      return a;
    }
  }

  /** Whether {@code action} was interned before (and so was validated before). */
  public static boolean known(String action) {
    return ACTIONS.containsKey(action);
  }
}
