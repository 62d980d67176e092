package io.iamgate.bundle;

import io.iamgate.policy.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The bundle's routes, compiled: an HTTP method and a concrete path find the most specific route
 * (literal segments beat parameters, which beat a greedy {@code {proxy+}}), which gives the
 * application action and the resource with its variables resolved. Thread-safe.
 */
public final class RouteTable {
  /** The action of requests no route matches: API Gateway's own. */
  public static final String DEFAULT_ACTION = "execute-api:Invoke";

  private final List<Compiled> routes;
  private final String account;

  private record Compiled(
      Bundle.Route route, String[] segments, boolean greedy, int score, Template resource) {}

  /**
   * A matched request.
   *
   * @param action the application action
   * @param resource the resource, or {@code null} when a variable of its template has no value (the
   *     caller must deny)
   * @param route the matched route, or {@code null} for the default
   * @param pathParameters the values of the path template's parameters
   */
  public record Match(
      String action,
      @Nullable String resource,
      Bundle.@Nullable Route route,
      Map<String, String> pathParameters) {}

  public RouteTable(List<Bundle.Route> routes, String account) {
    this.account = account;
    List<Compiled> out = new ArrayList<>();
    for (Bundle.Route r : routes) {
      String[] segs = segments(r.path());
      boolean greedy = segs.length > 0 && segs[segs.length - 1].endsWith("+}");
      int score = 0;
      for (String s : segs) {
        score = score * 3 + (s.startsWith("{") ? (s.endsWith("+}") ? 0 : 1) : 2);
      }
      out.add(new Compiled(r, segs, greedy, score, Template.parse(r.resource(), true)));
    }
    // most specific first: more segments, then literal before parameter, then a method over ANY
    out.sort(
        (a, b) -> {
          if (a.segments.length != b.segments.length) {
            return Integer.compare(b.segments.length, a.segments.length);
          }
          if (a.score != b.score) {
            return Integer.compare(b.score, a.score);
          }
          return Boolean.compare(a.route.method().equals("ANY"), b.route.method().equals("ANY"));
        });
    this.routes = List.copyOf(out);
  }

  /**
   * Maps a request. {@code defaultResource} (the method ARN) is the resource when no route matches;
   * {@code variables} resolves {@code ${aws:region}} and other context keys in resource templates
   * ({@code ${account}} and {@code ${request:path/<name>}} are filled in here).
   */
  public Match match(
      String method, String path, String defaultResource, Map<String, String> variables) {
    String[] actual = segments(path);
    String m = method.toUpperCase(Locale.ROOT);
    for (Compiled c : routes) {
      if (!c.route.method().equals("ANY") && !c.route.method().equals(m)) {
        continue;
      }
      Map<String, String> params = bind(c, actual);
      if (params == null) {
        continue;
      }
      return new Match(c.route.action(), resolve(c.resource, params, variables), c.route, params);
    }
    return new Match(DEFAULT_ACTION, defaultResource, null, Map.of());
  }

  /**
   * A route's resource for any request: its non-path variables resolved from {@code variables},
   * every {@code ${request:path/...}} replaced by {@code probe}; {@code null} when unresolvable.
   */
  public @Nullable String resolveForAnyPath(
      Bundle.Route route, Map<String, String> variables, String probe) {
    Template t = Template.parse(route.resource(), true);
    Map<String, String> params =
        new java.util.AbstractMap<String, String>() {
          @Override
          public String get(Object key) {
            return probe;
          }

          @Override
          public java.util.Set<Map.Entry<String, String>> entrySet() {
            return java.util.Set.of();
          }
        };
    return resolve(t, params, variables);
  }

  private @Nullable String resolve(
      Template t, Map<String, String> params, Map<String, String> variables) {
    StringBuilder sb = new StringBuilder();
    for (Template.Part p : t.parts()) {
      if (p instanceof Template.Text text) {
        sb.append(text.text());
      } else if (p instanceof Template.Literal lit) {
        sb.append(lit.text());
      } else {
        Template.Variable v = (Template.Variable) p;
        String value;
        if (v.foldedName().equals("account")) {
          value = account;
        } else if (v.foldedName().startsWith("request:path/")) {
          value = params.get(v.name().substring("request:path/".length()));
        } else {
          value = variables.get(v.name());
          if (value == null) {
            for (Map.Entry<String, String> e : variables.entrySet()) {
              if (e.getKey().equalsIgnoreCase(v.name())) {
                value = e.getValue();
              }
            }
          }
        }
        if (value == null) {
          value = v.defaultValue();
        }
        if (value == null) {
          return null;
        }
        sb.append(value);
      }
    }
    return sb.toString();
  }

  private static @Nullable Map<String, String> bind(Compiled c, String[] actual) {
    String[] t = c.segments;
    if (c.greedy ? actual.length < t.length : actual.length != t.length) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < t.length; i++) {
      String seg = t[i];
      if (seg.startsWith("{")) {
        String name = seg.substring(1, seg.length() - 1);
        if (name.endsWith("+")) {
          params.put(
              name.substring(0, name.length() - 1),
              String.join("/", List.of(actual).subList(i, actual.length)));
          return params;
        }
        params.put(name, actual[i]);
      } else if (!seg.equals(actual[i])) {
        return null;
      }
    }
    return params;
  }

  private static String[] segments(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.isEmpty() ? new String[0] : p.split("/", -1);
  }

  /** What is wrong with a path template, or {@code null}. */
  static @Nullable String pathProblem(String path) {
    if (!path.startsWith("/")) {
      return "a route path starts with `/`, found `" + path + "`";
    }
    String[] segs = segments(path);
    for (int i = 0; i < segs.length; i++) {
      String s = segs[i];
      if (s.isEmpty()) {
        return "a route path has no empty segments, found `" + path + "`";
      }
      if (s.contains("{") || s.contains("}")) {
        if (!s.matches("\\{[A-Za-z0-9_.-]+\\+?}")) {
          return "a path parameter is a whole segment such as `{orderId}`, found `" + s + "`";
        }
        if (s.endsWith("+}") && i != segs.length - 1) {
          return "a greedy parameter such as `{proxy+}` must be the last segment";
        }
      }
    }
    return null;
  }

  /** The path with parameter names erased, to find duplicate routes. */
  static String shape(String path) {
    StringBuilder sb = new StringBuilder();
    for (String s : segments(path)) {
      sb.append('/').append(s.startsWith("{") ? (s.endsWith("+}") ? "{+}" : "{}") : s);
    }
    return sb.toString();
  }
}
