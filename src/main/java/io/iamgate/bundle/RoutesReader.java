package io.iamgate.bundle;

import io.iamgate.json.Json;
import io.iamgate.policy.Template;
import io.iamgate.policy.parse.Hints;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code routes} member (docs/bundle-format.md, "Routes"): objects of {@code method}, a
 * path template ({@link RouteTable}), an action {@code service:Name} without wildcards and a
 * resource template ({@code *} or {@code arn:...}), all required. Two routes with the same method
 * and path shape are an error. A route with any error is reported and left out.
 */
final class RoutesReader {
  private static final Pattern METHOD =
      Pattern.compile("ANY|GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS");
  private static final List<String> ROUTE = List.of("method", "path", "action", "resource");

  private final ReadCursor c;

  RoutesReader(ReadCursor c) {
    this.c = c;
  }

  /**
   * The valid routes of {@code j} (null when absent), in bundle order.
   *
   * @param services receives the service of each route's action, for the built-in policies
   */
  List<Bundle.Route> read(@Nullable Json j, Set<String> services) {
    List<Bundle.Route> out = new ArrayList<>();
    if (j == null) {
      return out;
    }
    if (!(j instanceof Json.JArray arr)) {
      c.error("type", "/routes", j, "expected an array of routes, found " + j.typeName());
      return out;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < arr.items().size(); i++) {
      String p = "/routes/" + i;
      Json item = arr.items().get(i);
      if (!(item instanceof Json.JObject o)) {
        c.error("type", p, item, "expected a route object, found " + item.typeName());
        continue;
      }
      c.checkMembers(o, p, ROUTE, "a route");
      String method = c.string(o, p, "method", true);
      String path = c.string(o, p, "path", true);
      String action = c.string(o, p, "action", true);
      String resource = c.string(o, p, "resource", true);
      boolean ok = method != null && path != null && action != null && resource != null;
      if (method != null && !METHOD.matcher(method).matches()) {
        c.error(
            "route",
            p + "/method",
            o.get("method"),
            "expected an HTTP method or `ANY`, found `" + method + "`");
        ok = false;
      }
      if (path != null) {
        String problem = RouteTable.pathProblem(path);
        if (problem != null) {
          c.error("route", p + "/path", o.get("path"), problem);
          ok = false;
        }
      }
      if (action != null) {
        int colon = action.indexOf(':');
        if (colon <= 0
            || colon != action.lastIndexOf(':')
            || colon == action.length() - 1
            || action.contains("*")
            || action.contains("?")) {
          c.error(
              "route",
              p + "/action",
              o.get("action"),
              "expected an action such as `orders:GetOrder`, found `" + action + "`");
          ok = false;
        } else {
          services.add(action.substring(0, colon));
        }
      }
      if (resource != null && !resource.equals("*") && !resource.startsWith("arn:")) {
        c.error(
            "route",
            p + "/resource",
            o.get("resource"),
            "expected `*` or an ARN template, found `" + resource + "`");
        ok = false;
      }
      if (ok && path != null && resource != null) {
        ok = variablesResolve(p + "/resource", o.get("resource"), path, resource);
      }
      if (ok && path != null && !seen.add(method + " " + RouteTable.shape(path))) {
        c.error(
            "duplicate-name", p, item, "another route already maps `" + method + " " + path + "`");
        ok = false;
      }
      // ok implies that all four are set
      if (ok && method != null && path != null && action != null && resource != null) {
        out.add(new Bundle.Route(method, path, action, resource));
      }
    }
    return out;
  }

  /**
   * Whether every variable of the resource template can have a value for this route: {@code
   * ${request:path/X}} needs a parameter {@code X} in the path, and a name without a colon can only
   * be {@code ${account}}; other keys ({@code aws:RequestedRegion}, {@code jwt:...}, {@code
   * request:header/...}) are resolved per request. A variable with a default always resolves.
   * Reports each one that cannot, with the route's parameters or a "did you mean".
   */
  private boolean variablesResolve(String at, @Nullable Json node, String path, String resource) {
    List<String> params = new ArrayList<>();
    for (String seg : path.split("/")) {
      if (seg.startsWith("{") && seg.endsWith("}")) {
        String name = seg.substring(1, seg.length() - 1);
        params.add(name.endsWith("+") ? name.substring(0, name.length() - 1) : name);
      }
    }
    boolean ok = true;
    for (Template.Part part : Template.parse(resource, true).parts()) {
      if (!(part instanceof Template.Variable v) || v.defaultValue() != null) {
        continue;
      }
      String folded = v.foldedName();
      if (folded.startsWith("request:path/")) {
        String param = v.name().substring("request:path/".length());
        if (!params.contains(param)) {
          String close = Hints.closest(param, params);
          c.error(
              "route",
              at,
              node,
              "`${"
                  + v.name()
                  + "}` names no parameter of the path `"
                  + path
                  + "` ("
                  + (params.isEmpty()
                      ? "it has none"
                      : "its parameters: " + String.join(", ", params))
                  + ")",
              close == null ? null : "did you mean `${request:path/" + close + "}`?");
          ok = false;
        }
      } else if (folded.indexOf(':') < 0 && !folded.equals("account")) {
        c.error(
            "route",
            at,
            node,
            "unknown variable `${"
                + v.name()
                + "}`: a route resource may use `${account}`, `${request:path/NAME}` or a context"
                + " key such as `${aws:RequestedRegion}`",
            Hints.didYouMean(v.name(), List.of("account")));
        ok = false;
      }
    }
    return ok;
  }
}
