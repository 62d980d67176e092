package io.iamgate.trail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a set of decision events comes to: how many of each outcome, the period, and who and what
 * was denied most.
 *
 * @param total the number of events
 * @param byOutcome the count of each outcome, every outcome present (0 when none)
 * @param first the earliest event's time, or {@code null} when there is none
 * @param last the latest event's time, or {@code null} when there is none
 * @param deniedPrincipals the principals denied most (an explicit, implicit or early deny), most
 *     first, at most {@code top}
 * @param deniedRoutes the routes (or requests, where no route matched) denied most
 */
public record TrailSummary(
    int total,
    Map<Outcome, Integer> byOutcome,
    @Nullable Instant first,
    @Nullable Instant last,
    List<Count> deniedPrincipals,
    List<Count> deniedRoutes) {
  public TrailSummary {
    byOutcome = Map.copyOf(byOutcome);
    deniedPrincipals = List.copyOf(deniedPrincipals);
    deniedRoutes = List.copyOf(deniedRoutes);
  }

  /** A name and how often it occurred. */
  public record Count(String name, int count) {}

  /** The summary of {@code records}, with at most {@code top} names in each list. */
  public static TrailSummary of(List<DecisionRecord> records, int top) {
    Map<Outcome, Integer> by = new EnumMap<>(Outcome.class);
    for (Outcome o : Outcome.values()) {
      by.put(o, 0);
    }
    Map<String, Integer> principals = new HashMap<>();
    Map<String, Integer> routes = new HashMap<>();
    Instant first = null;
    Instant last = null;
    for (DecisionRecord r : records) {
      by.merge(r.outcome(), 1, Integer::sum);
      first = first == null || r.time().isBefore(first) ? r.time() : first;
      last = last == null || r.time().isAfter(last) ? r.time() : last;
      if (r.outcome().isDeny()) {
        String p = r.principal();
        principals.merge(p == null ? "(no principal)" : p, 1, Integer::sum);
        String route = r.routeOrRequest();
        routes.merge(route == null ? "(no route)" : route, 1, Integer::sum);
      }
    }
    return new TrailSummary(
        records.size(), by, first, last, top(principals, top), top(routes, top));
  }

  private static List<Count> top(Map<String, Integer> counts, int top) {
    List<Count> out = new ArrayList<>();
    counts.forEach((k, v) -> out.add(new Count(k, v)));
    out.sort(Comparator.comparingInt(Count::count).reversed().thenComparing(Count::name));
    return out.subList(0, Math.min(top, out.size()));
  }
}
