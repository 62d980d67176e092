package io.iamgate.policy.parse;

import io.iamgate.json.Json;
import io.iamgate.json.JsonPointer;
import io.iamgate.policy.Arn;
import io.iamgate.policy.Clause;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Parses and validates a statement's {@code Action}/{@code NotAction} and {@code Resource}/{@code
 * NotResource} elements (sections 1.1 to 1.3 of the specification, docs/policy-language.md): one of
 * the pair, never both; a string or a non-empty array of strings; each action {@code service:Name}
 * with a plain service prefix, each resource {@code *} or an ARN with a service part without
 * wildcards (a warning instead when {@link PolicyParser.Options#wildcardServiceIsWarning()} asks
 * for it). Reports through the parse's {@link ParseDiagnostics}; never throws on bad input.
 */
final class ClauseParser {
  private final ParseDiagnostics d;
  private final PolicyParser.Options options;

  ClauseParser(ParseDiagnostics d, PolicyParser.Options options) {
    this.d = d;
    this.options = options;
  }

  /**
   * The {@code name} or {@code notName} member of statement {@code obj} (exactly one is required)
   * as a clause: a string or a non-empty array of strings, each a valid action (section 1.2) or
   * resource (section 1.3); null when there is any error.
   */
  @Nullable Clause read(
      Json.JObject obj, String path, String name, String notName, boolean isAction) {
    Json.Member pos = obj.member(name);
    Json.Member neg = obj.member(notName);
    if (pos != null && neg != null) {
      d.error(
          "exclusive-members",
          JsonPointer.child(path, notName),
          neg,
          "a statement cannot have both `" + name + "` and `" + notName + "`",
          "keep one of them");
      return null;
    }
    Json.Member m = pos != null ? pos : neg;
    if (m == null) {
      d.error(
          "missing-member",
          path,
          obj,
          "a statement needs `" + name + "` or `" + notName + "`",
          null);
      return null;
    }
    String mp = JsonPointer.child(path, m.name());
    List<String> values = stringList(m.value(), mp, m.name());
    if (values == null) {
      return null;
    }
    boolean ok = true;
    for (int i = 0; i < values.size(); i++) {
      String vp = m.value() instanceof Json.JArray ? JsonPointer.child(mp, i) : mp;
      Json at = m.value() instanceof Json.JArray a ? a.items().get(i) : m.value();
      ok &= isAction ? checkAction(values.get(i), vp, at) : checkResource(values.get(i), vp, at);
    }
    return ok ? new Clause(neg != null, values) : null;
  }

  /** A string or a non-empty array of strings. */
  private @Nullable List<String> stringList(Json j, String path, String name) {
    if (j instanceof Json.JString s) {
      return List.of(s.value());
    }
    if (j instanceof Json.JArray arr) {
      if (arr.items().isEmpty()) {
        d.error(
            "empty",
            path,
            arr,
            "expected at least one entry in `" + name + "`, found an empty array",
            null);
        return null;
      }
      List<String> out = new ArrayList<>();
      boolean ok = true;
      for (int i = 0; i < arr.items().size(); i++) {
        Json item = arr.items().get(i);
        if (item instanceof Json.JString s) {
          out.add(s.value());
        } else {
          ok = false;
          if (!(item instanceof Json.JNull)) {
            d.error(
                "type",
                JsonPointer.child(path, i),
                item,
                "expected a string in `" + name + "`, found " + item.typeName(),
                null);
          }
        }
      }
      return ok ? out : null;
    }
    if (!(j instanceof Json.JNull)) {
      d.error(
          "type",
          path,
          j,
          "expected `" + name + "` to be a string or an array of strings, found " + j.typeName(),
          null);
    }
    return null;
  }

  private boolean checkAction(String a, String path, Json at) {
    if (Arn.isAllStars(a)) {
      return true;
    }
    int colon = a.indexOf(':');
    if (colon < 0) {
      d.error(
          "action",
          path,
          at,
          "expected an action of the form `service:ActionName` or `*`, found `" + a + "`",
          a.isEmpty()
              ? null
              : "actions must be prefaced by a service prefix, e.g. `orders:" + a + "`");
      return false;
    }
    if (a.indexOf(':', colon + 1) >= 0) {
      d.error("action", path, at, "an action can contain only one colon, found `" + a + "`", null);
      return false;
    }
    String prefix = a.substring(0, colon);
    if (prefix.isEmpty()) {
      d.error("action", path, at, "the service prefix of `" + a + "` is empty", null);
      return false;
    }
    if (prefix.indexOf('*') >= 0 || prefix.indexOf('?') >= 0) {
      d.error(
          "action",
          path,
          at,
          "the service prefix of `" + a + "` must not contain wildcards",
          "wildcards are allowed only in the action name, e.g. `"
              + prefix.replace("*", "").replace("?", "")
              + ":*`");
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      char c = prefix.charAt(i);
      if (!((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '.'
          || c == '_'
          || c == '-')) {
        d.error(
            "action",
            path,
            at,
            "the service prefix of `"
                + a
                + "` may only contain letters, digits, `.`, `_` and `-`, found `"
                + c
                + "`",
            null);
        return false;
      }
    }
    if (colon == a.length() - 1) {
      d.error(
          "action",
          path,
          at,
          "the action name of `" + a + "` is empty",
          "use `" + a + "*` for every action of the service");
      return false;
    }
    return true;
  }

  private boolean checkResource(String r, String path, Json at) {
    if (Arn.isAllStars(r)) {
      return true;
    }
    if (!r.startsWith("arn:")) {
      d.error(
          "resource",
          path,
          at,
          "expected `*` or an ARN starting with `arn:`, found `" + r + "`",
          r.startsWith("ARN:") ? "the `arn:` prefix is lower case" : null);
      return false;
    }
    String[] parts = Arn.splitPadded(r);
    int written = r.split(":", -1).length;
    if (written < 3 || parts[2].isEmpty()) {
      d.error(
          "resource",
          path,
          at,
          "the ARN `" + r + "` has no service part",
          "an ARN reads `arn:partition:service:region:account:resource`");
      return false;
    }
    if (parts[2].indexOf('*') >= 0 || parts[2].indexOf('?') >= 0) {
      String message = "the service part of `" + r + "` must be fully qualified, without wildcards";
      if (options.wildcardServiceIsWarning()) {
        d.warning("resource-service-wildcard", path, at, message + "; accepted by request", null);
        return true;
      }
      d.error("resource-service-wildcard", path, at, message, null);
      return false;
    }
    return true;
  }
}
