package io.iamgate.trail;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Which decision events a command looks at: any of the principals, any of the outcomes, any of the
 * routes, in a period. An empty list accepts everything.
 *
 * @param principals {@code user/alice}, or a bare name ({@code alice}) that matches any kind
 * @param outcomes the outcomes accepted
 * @param routes a bundle route ({@code GET /orders/{orderId}}), a request ({@code GET
 *     /orders/ord-42}), or either without its method ({@code /orders/{orderId}})
 * @param since the first instant accepted, or {@code null}
 * @param until the first instant no longer accepted, or {@code null}
 */
public record TrailFilter(
    List<String> principals,
    Set<Outcome> outcomes,
    List<String> routes,
    @Nullable Instant since,
    @Nullable Instant until)
    implements Predicate<DecisionRecord> {
  public TrailFilter {
    principals = List.copyOf(principals);
    outcomes = Set.copyOf(outcomes);
    routes = routes.stream().map(r -> r.strip().replaceAll("\\s+", " ")).toList();
  }

  /** Accepts every event. */
  public static final TrailFilter ALL = new TrailFilter(List.of(), Set.of(), List.of(), null, null);

  @Override
  public boolean test(DecisionRecord r) {
    if (since != null && r.time().isBefore(since)) {
      return false;
    }
    if (until != null && !r.time().isBefore(until)) {
      return false;
    }
    if (!outcomes.isEmpty() && !outcomes.contains(r.outcome())) {
      return false;
    }
    if (!principals.isEmpty() && principals.stream().noneMatch(p -> principalMatches(p, r))) {
      return false;
    }
    return routes.isEmpty() || routes.stream().anyMatch(x -> routeMatches(x, r));
  }

  /** Whether {@code wanted} names the event's principal: exactly, or by its name alone. */
  public static boolean principalMatches(String wanted, DecisionRecord r) {
    String p = r.principal();
    if (p == null) {
      return false;
    }
    return p.equals(wanted)
        || (!wanted.contains("/") && p.substring(p.indexOf('/') + 1).equals(wanted));
  }

  private static boolean routeMatches(String wanted, DecisionRecord r) {
    String route = r.route();
    if (route != null && (route.equals(wanted) || withoutMethod(route).equals(wanted))) {
      return true;
    }
    String request = r.request();
    return request != null && (request.equals(wanted) || withoutMethod(request).equals(wanted));
  }

  private static String withoutMethod(String route) {
    int sp = route.indexOf(' ');
    return sp < 0 ? route : route.substring(sp + 1);
  }

  /**
   * The outcomes a {@code --decision} value names: an outcome in any letter case, or {@code deny}
   * for every deny ({@code ExplicitDeny}, {@code ImplicitDeny}, {@code Deny}).
   *
   * @throws IllegalArgumentException naming what was expected
   */
  public static Set<Outcome> outcomes(String name) {
    if (name.toLowerCase(Locale.ROOT).equals("deny")) {
      EnumSet<Outcome> denies = EnumSet.noneOf(Outcome.class);
      for (Outcome o : Outcome.values()) {
        if (o.isDeny()) {
          denies.add(o);
        }
      }
      return denies;
    }
    Outcome o = Outcome.named(name);
    if (o == null) {
      throw new IllegalArgumentException(
          "expected " + Outcome.names() + " or `deny` (every deny), found `" + name + "`");
    }
    return EnumSet.of(o);
  }

  /**
   * An instant given as ISO-8601: {@code 2026-11-29T20:00:00Z}, with an offset ({@code
   * 2026-11-29T21:00:00+01:00}), or a date ({@code 2026-11-29}, UTC) that stands for its first
   * instant, or with {@code endOfDay} for the first instant of the following day (so that {@code
   * --until DATE} includes the whole day).
   *
   * @throws IllegalArgumentException naming what was expected
   */
  public static Instant instant(String text, boolean endOfDay) {
    String t = text.strip();
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      // try the other forms
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      // try a date
    }
    try {
      LocalDate d = LocalDate.parse(t);
      return (endOfDay ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "expected an ISO-8601 instant (2026-11-29T20:00:00Z) or date (2026-11-29), found `"
              + text
              + "`");
    }
  }
}
