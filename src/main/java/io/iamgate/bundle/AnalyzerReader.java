package io.iamgate.bundle;

import io.iamgate.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the bundle's {@code analyzer} member (docs/bundle-format.md, "Analyzer"): the principals
 * marked as administrators and the findings suppressed, each with its reason. {@code iamgate
 * validate} and the authorizer ignore it beyond validating it.
 */
final class AnalyzerReader {
  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");
  private static final Pattern PRINCIPAL = Pattern.compile("(user|group|role)/(.+)");

  private final ReadCursor c;

  AnalyzerReader(ReadCursor c) {
    this.c = c;
  }

  Bundle.AnalyzerSettings read(
      @Nullable Json j,
      Map<String, Bundle.User> users,
      Map<String, Bundle.Group> groups,
      Map<String, Bundle.Role> roles) {
    if (j == null) {
      return Bundle.AnalyzerSettings.NONE;
    }
    if (!(j instanceof Json.JObject o)) {
      c.error("type", "/analyzer", j, "expected `analyzer` to be an object, found " + j.typeName());
      return Bundle.AnalyzerSettings.NONE;
    }
    c.checkMembers(o, "/analyzer", List.of("admins", "suppress"), "`analyzer`");
    List<String> admins = c.stringArray(o.get("admins"), "/analyzer/admins");
    if (o.get("admins") instanceof Json.JArray arr) {
      for (int i = 0; i < arr.items().size(); i++) {
        if (arr.items().get(i) instanceof Json.JString js) {
          checkAdmin(js, "/analyzer/admins/" + i, users, groups, roles);
        }
      }
    }
    List<Bundle.Suppression> suppressions = new ArrayList<>();
    Json s = o.get("suppress");
    if (s != null && !(s instanceof Json.JArray)) {
      c.error("type", "/analyzer/suppress", s, "expected an array, found " + s.typeName());
    } else if (s instanceof Json.JArray arr) {
      for (int i = 0; i < arr.items().size(); i++) {
        String path = "/analyzer/suppress/" + i;
        Json item = arr.items().get(i);
        if (!(item instanceof Json.JObject e)) {
          c.error("type", path, item, "expected a suppression object, found " + item.typeName());
          continue;
        }
        c.checkMembers(e, path, List.of("code", "path", "reason"), "a suppression");
        String code = c.string(e, path, "code", true);
        String pointer = c.string(e, path, "path", false);
        String reason = c.string(e, path, "reason", true);
        if (code != null && !CODE.matcher(code).matches()) {
          c.error(
              "analyzer-code",
              path + "/code",
              e.get("code"),
              "expected a finding code in UPPER_SNAKE_CASE, found `" + code + "`",
              "docs/analyze.md lists the codes");
        }
        if (pointer != null && !pointer.isEmpty() && !pointer.startsWith("/")) {
          c.error(
              "analyzer-path",
              path + "/path",
              e.get("path"),
              "expected a JSON Pointer starting with `/`, found `" + pointer + "`");
        }
        if (reason != null && reason.isBlank()) {
          c.error(
              "analyzer-reason",
              path + "/reason",
              e.get("reason"),
              "a suppression needs a reason",
              "say why the finding is accepted");
        }
        if (code != null && reason != null) {
          suppressions.add(new Bundle.Suppression(code, pointer, reason));
        }
      }
    }
    return new Bundle.AnalyzerSettings(admins, suppressions);
  }

  private void checkAdmin(
      Json.JString at,
      String path,
      Map<String, Bundle.User> users,
      Map<String, Bundle.Group> groups,
      Map<String, Bundle.Role> roles) {
    String a = at.value();
    Matcher m = PRINCIPAL.matcher(a);
    if (!m.matches()) {
      c.error(
          "unknown-principal",
          path,
          at,
          "expected `user/<name>`, `group/<name>` or `role/<name>`, found `" + a + "`");
      return;
    }
    String kind = m.group(1);
    String name = m.group(2);
    boolean known =
        switch (kind) {
          case "user" -> users.containsKey(name);
          case "group" -> groups.containsKey(name);
          default -> roles.containsKey(name);
        };
    if (!known) {
      c.error("unknown-principal", path, at, "`" + a + "` names no " + kind + " of this bundle");
    }
  }
}
