package io.iamgate.compile;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Interns request action names as small integers, so that every compiled group can memoise its
 * candidate statements in an array indexed by action instead of a hash table of its own. The
 * table is process-wide, small and hot (an application has a few hundred actions at most) and
 * bounded: past {@link #LIMIT} distinct actions, new actions get {@link #NONE} and are simply not
 * memoised.
 */
public final class ActionIds {
  /** The id of an action that is not interned. */
  public static final int NONE = -1;

  /** The most actions interned. */
  static final int LIMIT = 1 << 16;

  private static final ConcurrentHashMap<String, Integer> IDS = new ConcurrentHashMap<>();
  private static final AtomicInteger NEXT = new AtomicInteger();

  private ActionIds() {}

  /** The id of the exact action text {@code action}, interning it if there is room. */
  public static int of(String action) {
    Integer id = IDS.get(action);
    if (id != null) {
      return id;
    }
    if (NEXT.get() >= LIMIT) {
      return NONE;
    }
    synchronized (IDS) {
      id = IDS.get(action);
      if (id == null) {
        if (NEXT.get() >= LIMIT) {
          return NONE;
        }
        id = NEXT.getAndIncrement();
        IDS.put(action, id);
      }
      return id;
    }
  }
}
