package io.iamgate.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.iamgate.eval.Decision;
import io.iamgate.eval.Request;
import io.iamgate.eval.RequestContext;
import io.iamgate.json.Diagnostic;
import io.iamgate.json.Json;
import io.iamgate.json.JsonPointer;
import io.iamgate.json.JsonReader;
import io.iamgate.json.ParseResult;
import io.iamgate.json.Severity;
import io.iamgate.policy.parse.Hints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code iamgate test} files (YAML, or JSON when the name ends in {@code .json}) into test
 * cases, reporting every problem with the file, JSON Pointer, line and column. Checks that need the
 * bundle (does the user exist?) are the runner's.
 */
final class TestFiles {
  private static final List<String> TOP = List.of("bundle", "tests");
  private static final List<String> CASE =
      List.of("name", "principal", "request", "context", "expect", "statement", "trust");
  private static final List<String> PRINCIPAL = List.of("user", "role", "caller", "claims");
  private static final List<String> CALLER = List.of("user");
  private static final List<String> REQUEST = List.of("action", "resource", "method", "path");

  /** Created on first use, as the bundle reader does. */
  private static final class Yaml {
    static final JsonFactory FACTORY = new YAMLFactory();
  }

  private TestFiles() {}

  /** What a test expects. */
  enum Expect {
    ALLOW("Allow"),
    EXPLICIT_DENY("ExplicitDeny"),
    IMPLICIT_DENY("ImplicitDeny"),
    DENY("Deny");

    final String text;

    Expect(String text) {
      this.text = text;
    }

    boolean matches(Decision d) {
      return switch (this) {
        case ALLOW -> d == Decision.ALLOW;
        case EXPLICIT_DENY -> d == Decision.EXPLICIT_DENY;
        case IMPLICIT_DENY -> d == Decision.IMPLICIT_DENY;
        case DENY -> d != Decision.ALLOW;
      };
    }
  }

  /** Where something is in a test file. */
  record Where(String file, String path, int line, int column) {
    Diagnostic error(String code, String message, @Nullable String hint) {
      return new Diagnostic(code, Severity.ERROR, file, path, line, column, message, hint);
    }

    String at() {
      return file + ":" + line + ":" + column;
    }
  }

  /**
   * Who asks: a user, or a role with the caller that assumes it ({@code callerUser} or a token's
   * {@code claims}).
   */
  record Asker(
      @Nullable String user,
      @Nullable String role,
      @Nullable String callerUser,
      @Nullable Map<String, Object> claims,
      Where where,
      @Nullable Where callerWhere) {}

  /** An action and resource, or a method and path for the bundle's route table. */
  record Ask(
      @Nullable String action,
      @Nullable String resource,
      @Nullable String method,
      @Nullable String path,
      Where where) {}

  /** One test. */
  record Case(
      String name,
      Where where,
      Asker principal,
      Ask request,
      Map<String, Object> context,
      Expect expect,
      @Nullable String statement,
      boolean trust) {}

  /** A read test file: its bundle ({@code null}: use {@code --bundle}) and tests. */
  record TestFile(
      String file, @Nullable Path bundle, @Nullable Where bundleWhere, List<Case> cases) {}

  /**
   * Reads one file; the value is {@code null} when it cannot be read or parsed, and otherwise holds
   * the tests without errors (a file with errors still fails the run).
   */
  static ParseResult<TestFile> read(Path path) {
    String file = path.toString();
    byte[] bytes;
    try {
      if (!Files.isRegularFile(path)) {
        throw new IOException("not a regular file");
      }
      if (Files.size(path) > io.iamgate.bundle.BundleFiles.MAX_FILE_BYTES) {
        throw new IOException(
            "over " + io.iamgate.bundle.BundleFiles.MAX_FILE_BYTES + " bytes, the most read");
      }
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      return new ParseResult<>(
          null,
          List.of(
              new Diagnostic(
                  "unreadable", Severity.ERROR, file, "", 0, 0, Inputs.describe(e), null)));
    }
    ParseResult<String> text = JsonReader.decode(bytes, file, 0);
    String t = text.value();
    if (t == null) {
      return new ParseResult<>(null, text.diagnostics());
    }
    ParseResult<Json> tree =
        file.endsWith(".json")
            ? JsonReader.read(t, file, 0)
            : JsonReader.read(Yaml.FACTORY, t, file, 0);
    Json root = tree.value();
    if (root == null || !tree.ok()) {
      return new ParseResult<>(null, tree.diagnostics());
    }
    List<Diagnostic> errors = new ArrayList<>();
    Reader r = new Reader(file, errors);
    TestFile tf = r.file(root, path);
    // the valid tests of a file with errors are still checked against the bundle
    return new ParseResult<>(tf, errors);
  }

  private static final class Reader {
    private final String file;
    private final List<Diagnostic> errors;

    Reader(String file, List<Diagnostic> errors) {
      this.file = file;
      this.errors = errors;
    }

    private Where at(Json j, String path) {
      return new Where(file, path, j.line(), j.column());
    }

    private void error(Json j, String path, String code, String message, @Nullable String hint) {
      errors.add(at(j, path).error(code, message, hint));
    }

    /** The object at {@code path}, checking its member names, or {@code null} (reported). */
    private Json.@Nullable JObject object(Json j, String path, List<String> allowed) {
      if (!(j instanceof Json.JObject o)) {
        error(j, path, "type", "expected an object, found " + j.typeName(), null);
        return null;
      }
      // the JSON reader has reported duplicate members
      for (Json.Member m : o.members()) {
        String p = JsonPointer.child(path, m.name());
        if (!allowed.contains(m.name())) {
          String closest = Hints.closest(m.name(), allowed);
          errors.add(
              new Where(file, p, m.line(), m.column())
                  .error(
                      "unknown-member",
                      "unknown member `" + m.name() + "`, expected one of " + allowed,
                      closest == null ? null : "did you mean `" + closest + "`?"));
        }
      }
      return o;
    }

    private @Nullable String string(Json.JObject o, String name, String path, boolean required) {
      Json v = o.get(name);
      String p = JsonPointer.child(path, name);
      if (v == null) {
        if (required) {
          error(o, path, "missing-member", "`" + name + "` is required", null);
        }
        return null;
      }
      if (!(v instanceof Json.JString s) || s.value().isEmpty()) {
        error(v, p, "type", "expected a non-empty string, found " + v.typeName(), null);
        return null;
      }
      return s.value();
    }

    TestFile file(Json root, Path path) {
      Json.JObject o = object(root, "", TOP);
      if (o == null) {
        return new TestFile(file, null, null, List.of());
      }
      Path bundle = null;
      Where bundleWhere = null;
      String b = string(o, "bundle", "", false);
      if (b != null) {
        Path dir = path.toAbsolutePath().getParent();
        bundle = dir == null ? Path.of(b) : dir.resolve(b).normalize();
        Json bj = o.get("bundle");
        bundleWhere = bj == null ? null : at(bj, "/bundle");
      }
      Json tests = o.get("tests");
      List<Case> cases = new ArrayList<>();
      if (tests == null) {
        error(o, "", "missing-member", "`tests` is required: a list of tests", null);
      } else if (!(tests instanceof Json.JArray a) || a.items().isEmpty()) {
        error(tests, "/tests", "type", "expected a non-empty list of tests", null);
      } else {
        for (int i = 0; i < a.items().size(); i++) {
          Case c = test(a.items().get(i), JsonPointer.child("/tests", i));
          if (c != null) {
            cases.add(c);
          }
        }
      }
      return new TestFile(file, bundle, bundleWhere, cases);
    }

    private @Nullable Case test(Json j, String path) {
      int before = errors.size();
      Json.JObject o = object(j, path, CASE);
      if (o == null) {
        return null;
      }
      String name = string(o, "name", path, true);
      Asker asker = null;
      Json pj = o.get("principal");
      if (pj == null) {
        error(o, path, "missing-member", "`principal` is required", "e.g. {user: alice}");
      } else {
        asker = principal(pj, JsonPointer.child(path, "principal"));
      }
      Ask ask = null;
      Json rj = o.get("request");
      if (rj == null) {
        error(o, path, "missing-member", "`request` is required", null);
      } else {
        ask = request(rj, JsonPointer.child(path, "request"));
      }
      Map<String, Object> context = Map.of();
      Json cj = o.get("context");
      if (cj != null) {
        context = context(cj, JsonPointer.child(path, "context"));
      }
      Expect expect = null;
      String e = string(o, "expect", path, true);
      if (e != null) {
        for (Expect x : Expect.values()) {
          if (x.text.equals(e)) {
            expect = x;
          }
        }
        if (expect == null) {
          Json ej = o.get("expect");
          List<String> names = List.of("Allow", "ExplicitDeny", "ImplicitDeny", "Deny");
          String closest = Hints.closest(e, names);
          error(
              ej == null ? o : ej,
              JsonPointer.child(path, "expect"),
              "expect",
              "expected `Allow`, `ExplicitDeny`, `ImplicitDeny` or `Deny`, found `" + e + "`",
              closest == null ? null : "did you mean `" + closest + "`?");
        }
      }
      String statement = string(o, "statement", path, false);
      boolean trust = true;
      Json tj = o.get("trust");
      if (tj != null) {
        if (tj instanceof Json.JBool tb) {
          trust = tb.value();
        } else {
          error(
              tj,
              JsonPointer.child(path, "trust"),
              "type",
              "expected true or false, found " + tj.typeName(),
              null);
        }
      }
      if (asker != null && asker.role() != null && trust) {
        if (asker.callerUser() == null && asker.claims() == null) {
          error(
              pj == null ? o : pj,
              JsonPointer.child(path, "principal"),
              "missing-member",
              "a role test checks the role's trust policy, so it needs a `caller` or `claims`",
              "add caller: {user: NAME}, or `trust: false` to skip the trust policy");
        }
      }
      if (errors.size() > before
          || name == null
          || asker == null
          || ask == null
          || expect == null) {
        return null;
      }
      return new Case(name, at(o, path), asker, ask, context, expect, statement, trust);
    }

    private @Nullable Asker principal(Json j, String path) {
      Json.JObject o = object(j, path, PRINCIPAL);
      if (o == null) {
        return null;
      }
      String user = string(o, "user", path, false);
      String role = string(o, "role", path, false);
      if ((user == null) == (role == null)) {
        if (o.get("user") == null && o.get("role") == null || user != null) {
          error(o, path, "principal", "name exactly one of `user` and `role`", null);
        }
        return null;
      }
      Json callerJson = o.get("caller");
      Json claimsJson = o.get("claims");
      if (user != null && (callerJson != null || claimsJson != null)) {
        error(
            o,
            path,
            "principal",
            "`caller` and `claims` say who assumes a role; a user test has neither",
            null);
        return null;
      }
      if (callerJson != null && claimsJson != null) {
        error(o, path, "principal", "give `caller` or `claims`, not both", null);
        return null;
      }
      String callerUser = null;
      Where callerWhere = null;
      if (callerJson != null) {
        String cp = JsonPointer.child(path, "caller");
        Json.JObject c = object(callerJson, cp, CALLER);
        if (c == null) {
          return null;
        }
        callerUser = string(c, "user", cp, true);
        if (callerUser == null) {
          return null;
        }
        Json u = c.get("user");
        callerWhere = at(u == null ? c : u, JsonPointer.child(cp, "user"));
      }
      Map<String, Object> claims = null;
      if (claimsJson != null) {
        String cp = JsonPointer.child(path, "claims");
        if (!(claimsJson instanceof Json.JObject co)) {
          error(claimsJson, cp, "type", "expected an object of claims", null);
          return null;
        }
        claims = new LinkedHashMap<>();
        for (Json.Member m : co.members()) {
          claims.put(m.name(), value(m.value()));
        }
        callerWhere = at(claimsJson, cp);
      }
      String member = user != null ? "user" : "role";
      Json nameJson = o.get(member);
      Where where = at(nameJson == null ? o : nameJson, JsonPointer.child(path, member));
      return new Asker(user, role, callerUser, claims, where, callerWhere);
    }

    private @Nullable Ask request(Json j, String path) {
      Json.JObject o = object(j, path, REQUEST);
      if (o == null) {
        return null;
      }
      boolean direct = o.get("action") != null || o.get("resource") != null;
      boolean route = o.get("method") != null || o.get("path") != null;
      if (direct == route) {
        error(
            o,
            path,
            "request",
            "give `action` and `resource`, or `method` and `path` (through the route table)",
            null);
        return null;
      }
      if (direct) {
        String action = string(o, "action", path, true);
        String resource = string(o, "resource", path, true);
        if (action != null) {
          String problem = Request.actionProblem(action);
          Json aj = o.get("action");
          if (problem != null && aj != null) {
            error(aj, JsonPointer.child(path, "action"), "action", problem, null);
            return null;
          }
        }
        return action == null || resource == null
            ? null
            : new Ask(action, resource, null, null, at(o, path));
      }
      String method = string(o, "method", path, true);
      String p = string(o, "path", path, true);
      if (p != null && !p.startsWith("/")) {
        Json pj = o.get("path");
        error(
            pj == null ? o : pj,
            JsonPointer.child(path, "path"),
            "request",
            "a path starts with `/`, found `" + p + "`",
            null);
        return null;
      }
      return method == null || p == null ? null : new Ask(null, null, method, p, at(o, path));
    }

    private Map<String, Object> context(Json j, String path) {
      if (!(j instanceof Json.JObject o)) {
        error(j, path, "type", "expected an object of context keys, found " + j.typeName(), null);
        return Map.of();
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (Json.Member m : o.members()) {
        String p = JsonPointer.child(path, m.name());
        Json v = m.value();
        Object value;
        if (v instanceof Json.JArray a) {
          List<String> values = new ArrayList<>();
          for (Json item : a.items()) {
            String s = Json.scalarText(item);
            if (s == null) {
              error(item, p, "context", "expected a string, found " + item.typeName(), null);
            } else {
              values.add(s);
            }
          }
          value = values;
        } else {
          String s = Json.scalarText(v);
          if (s == null) {
            error(v, p, "context", "expected a value or a list of values", null);
            continue;
          }
          value = s;
        }
        if (principalKey(m.name())) {
          error(
              v,
              p,
              "context",
              "`"
                  + m.name()
                  + "` comes from the principal (its name, ARN, type, account or tags), which"
                  + " overrides the context: a value here would be ignored",
              "set the principal (or its tags in the bundle) instead");
          continue;
        }
        RequestContext.Builder b = RequestContext.builder();
        b.putValue(m.name(), value);
        if (!b.problems().isEmpty()) {
          errors.add(
              new Where(file, p, m.line(), m.column()).error("context", b.problems().get(0), null));
          continue;
        }
        out.put(m.name(), value);
      }
      return out;
    }

    /** Keys the facade sets from the principal, over any caller-supplied value (IamGate). */
    private static boolean principalKey(String key) {
      String k = key.toLowerCase(java.util.Locale.ROOT);
      return k.equals("aws:username")
          || k.equals("aws:userid")
          || k.equals("aws:principalarn")
          || k.equals("aws:principaltype")
          || k.equals("aws:principalaccount")
          || k.startsWith("aws:principaltag/");
    }

    /** A claim value as the token verifier gives it: String, Long/Double, Boolean, List, Map. */
    private static @Nullable Object value(Json j) {
      if (j instanceof Json.JString s) {
        return s.value();
      }
      if (j instanceof Json.JNumber n) {
        try {
          return Long.parseLong(n.text());
        } catch (NumberFormatException e) {
          return Double.parseDouble(n.text());
        }
      }
      if (j instanceof Json.JBool b) {
        return b.value();
      }
      if (j instanceof Json.JArray a) {
        List<Object> out = new ArrayList<>();
        for (Json item : a.items()) {
          Object v = value(item);
          if (v != null) {
            out.add(v);
          }
        }
        return out;
      }
      if (j instanceof Json.JObject o) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Json.Member m : o.members()) {
          Object v = value(m.value());
          if (v != null) {
            out.put(m.name(), v);
          }
        }
        return out;
      }
      return null;
    }
  }
}
