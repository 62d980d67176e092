package io.iamgate.policy.parse;

import io.iamgate.json.Diagnostic;
import io.iamgate.json.Json;
import io.iamgate.json.JsonPointer;
import io.iamgate.json.JsonReader;
import io.iamgate.json.ParseResult;
import io.iamgate.policy.Clause;
import io.iamgate.policy.Condition;
import io.iamgate.policy.Effect;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.PolicyVersion;
import io.iamgate.policy.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Parses and validates IAM policy documents (section 1 of the specification,
 * docs/policy-language.md). Reports every problem of a document, each with its JSON Pointer path
 * and position; never throws on bad input. Thread-safe.
 *
 * <p>This class reads the document and its statements (section 1.1) and checks the characters of
 * all policy text; {@link ClauseParser} reads {@code Action}/{@code Resource} and their {@code Not}
 * forms (sections 1.2 and 1.3), {@link ConditionParser} the {@code Condition} block (section 1.4).
 */
public final class PolicyParser {
  private static final List<String> DOCUMENT_MEMBERS = List.of("Version", "Id", "Statement");
  private static final List<String> STATEMENT_MEMBERS =
      List.of("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition");

  private PolicyParser() {}

  /** Parses a document from JSON text. */
  public static ParseResult<PolicyDocument> parse(String text, @Nullable String file) {
    ParseResult<Json> json = JsonReader.read(text, file, 0);
    Json root = json.value();
    if (root == null) {
      return new ParseResult<>(null, json.diagnostics());
    }
    return parse(root, file, "");
  }

  /**
   * Parses a document from an already-read JSON value.
   *
   * @param basePath the JSON Pointer of {@code root} inside its file ({@code ""} for a whole file,
   *     {@code /policies/0} for a document inside a batch line)
   */
  public static ParseResult<PolicyDocument> parse(
      Json root, @Nullable String file, String basePath) {
    return parse(root, file, basePath, Options.STRICT);
  }

  /** Like {@link #parse(Json, String, String)}, with explicit options. */
  public static ParseResult<PolicyDocument> parse(
      Json root, @Nullable String file, String basePath, Options options) {
    return new Run(file, options).document(root, basePath);
  }

  /**
   * Deviations from the specification that a caller may ask for explicitly.
   *
   * @param wildcardServiceIsWarning report a wildcard in a Resource ARN's service part ({@code
   *     arn:app:*:...}), which section 1.3 makes an error, as a warning instead and match it like
   *     any other wildcard part. Only the benchmark uses this, because the standard workload
   *     contains such patterns.
   */
  public record Options(boolean wildcardServiceIsWarning) {
    /** The specification as written, with no deviation. */
    public static final Options STRICT = new Options(false);
  }

  /** The state of one parse: where diagnostics go. */
  private static final class Run {
    private final ParseDiagnostics d;
    private final ClauseParser clauseParser;
    private final ConditionParser conditionParser;

    Run(@Nullable String file, Options options) {
      this.d = new ParseDiagnostics(file);
      this.clauseParser = new ClauseParser(d, options);
      this.conditionParser = new ConditionParser(d);
    }

    private void error(String code, String path, Json at, String message, @Nullable String hint) {
      d.error(code, path, at, message, hint);
    }

    private void error(
        String code, String path, Json.Member at, String message, @Nullable String hint) {
      d.error(code, path, at, message, hint);
    }

    private void warning(String code, String path, Json at, String message, @Nullable String hint) {
      d.warning(code, path, at, message, hint);
    }

    ParseResult<PolicyDocument> document(Json root, String base) {
      PolicyDocument doc = readDocument(root, base);
      List<Diagnostic> diagnostics = d.list();
      diagnostics.sort(
          Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column));
      boolean failed = d.hasErrors();
      return new ParseResult<>(failed ? null : doc, diagnostics);
    }

    private @Nullable PolicyDocument readDocument(Json root, String base) {
      checkCharacters(root, base);
      if (!(root instanceof Json.JObject obj)) {
        error(
            "type",
            base,
            root,
            "expected a policy document object, found " + root.typeName(),
            null);
        return null;
      }
      checkMembers(obj, base, DOCUMENT_MEMBERS, "a policy document");

      PolicyVersion version = PolicyVersion.UNSPECIFIED;
      Json.Member v = obj.member("Version");
      PolicyVersion written =
          v != null && v.value() instanceof Json.JString vs
              ? PolicyVersion.fromText(vs.value())
              : null;
      if (v == null) {
        warning(
            "version-missing",
            base,
            root,
            "no `Version`: the 2008-10-17 rules apply and policy variables are literal text",
            "add \"Version\": \"2012-10-17\"");
      } else if (written != null) {
        version = written;
        if (version == PolicyVersion.V2008_10_17) {
          warning(
              "version-2008",
              JsonPointer.child(base, "Version"),
              v.value(),
              "`2008-10-17` treats policy variables as literal text",
              "use `2012-10-17`");
        }
      } else if (!(v.value() instanceof Json.JNull)) {
        error(
            "version",
            JsonPointer.child(base, "Version"),
            v.value(),
            "expected `2012-10-17` or `2008-10-17`, found " + describe(v.value()),
            null);
      }

      String id = null;
      Json.Member idm = obj.member("Id");
      if (idm != null) {
        if (idm.value() instanceof Json.JString s) {
          id = s.value();
        } else if (!(idm.value() instanceof Json.JNull)) {
          error(
              "type",
              JsonPointer.child(base, "Id"),
              idm.value(),
              "expected `Id` to be a string, found " + idm.value().typeName(),
              null);
        }
      }

      Json.Member sm = obj.member("Statement");
      List<Statement> statements = new ArrayList<>();
      if (sm == null) {
        error("missing-member", base, root, "a policy document needs a `Statement` member", null);
      } else {
        String sp = JsonPointer.child(base, "Statement");
        Map<String, String> sids = new HashMap<>();
        if (sm.value() instanceof Json.JArray arr) {
          if (arr.items().isEmpty()) {
            error("empty", sp, arr, "expected at least one statement, found an empty array", null);
          }
          for (int i = 0; i < arr.items().size(); i++) {
            Statement st = statement(arr.items().get(i), JsonPointer.child(sp, i), version, sids);
            if (st != null) {
              statements.add(st);
            }
          }
        } else if (sm.value() instanceof Json.JObject) {
          Statement st = statement(sm.value(), sp, version, sids);
          if (st != null) {
            statements.add(st);
          }
        } else if (!(sm.value() instanceof Json.JNull)) {
          error(
              "type",
              sp,
              sm.value(),
              "expected `Statement` to be an object or an array of objects, found "
                  + sm.value().typeName(),
              null);
        }
      }
      if (statements.isEmpty() || d.hasErrors()) {
        return null;
      }
      return new PolicyDocument(version, id, statements);
    }

    private @Nullable Statement statement(
        Json j, String path, PolicyVersion version, Map<String, String> sids) {
      if (!(j instanceof Json.JObject obj)) {
        if (!(j instanceof Json.JNull)) {
          error("type", path, j, "expected a statement object, found " + j.typeName(), null);
        }
        return null;
      }
      int before = errorCount();
      for (String forbidden : List.of("Principal", "NotPrincipal")) {
        Json.Member m = obj.member(forbidden);
        if (m != null) {
          error(
              "principal-not-allowed",
              JsonPointer.child(path, forbidden),
              m,
              "`" + forbidden + "` is not allowed in identity policies, boundaries or guardrails",
              "remove it; the principal is whoever the policy is attached to");
        }
      }
      checkMembers(obj, path, STATEMENT_MEMBERS, "a statement");

      String sid = null;
      Json.Member sidm = obj.member("Sid");
      if (sidm != null && !(sidm.value() instanceof Json.JNull)) {
        if (sidm.value() instanceof Json.JString s) {
          sid = s.value();
          if (!sid.isEmpty()) {
            String first = sids.putIfAbsent(sid, path);
            if (first != null) {
              error(
                  "duplicate-sid",
                  JsonPointer.child(path, "Sid"),
                  sidm.value(),
                  "`Sid` `" + sid + "` is already used by the statement at " + first,
                  "non-empty Sids must be unique within a document");
            }
          }
        } else {
          error(
              "type",
              JsonPointer.child(path, "Sid"),
              sidm.value(),
              "expected `Sid` to be a string, found " + sidm.value().typeName(),
              null);
        }
      }

      Effect effect = null;
      Json.Member em = obj.member("Effect");
      if (em == null) {
        error(
            "missing-member",
            path,
            obj,
            "a statement needs an `Effect` member",
            "add \"Effect\": \"Allow\" or \"Deny\"");
      } else if (em.value() instanceof Json.JString s) {
        effect = Effect.fromText(s.value());
        if (effect == null) {
          String hint = null;
          if (s.value().equalsIgnoreCase("allow")) {
            hint = "did you mean `Allow`? `Effect` is case-sensitive";
          } else if (s.value().equalsIgnoreCase("deny")) {
            hint = "did you mean `Deny`? `Effect` is case-sensitive";
          }
          error(
              "effect",
              JsonPointer.child(path, "Effect"),
              s,
              "expected `Allow` or `Deny`, found `" + s.value() + "`",
              hint);
        }
      } else if (!(em.value() instanceof Json.JNull)) {
        error(
            "type",
            JsonPointer.child(path, "Effect"),
            em.value(),
            "expected `Effect` to be `Allow` or `Deny`, found " + em.value().typeName(),
            null);
      }

      Clause action = clauseParser.read(obj, path, "Action", "NotAction", true);
      Clause resource = clauseParser.read(obj, path, "Resource", "NotResource", false);

      List<Condition> conditions = new ArrayList<>();
      Json.Member cm = obj.member("Condition");
      if (cm != null) {
        conditionParser.read(cm.value(), JsonPointer.child(path, "Condition"), version, conditions);
      }
      if (errorCount() > before || effect == null || action == null || resource == null) {
        return null;
      }
      return new Statement(sid, effect, action, resource, conditions);
    }

    private void checkMembers(Json.JObject obj, String path, List<String> allowed, String what) {
      for (Json.Member m : obj.members()) {
        String mp = JsonPointer.child(path, m.name());
        if (allowed.contains(m.name())
            || (allowed == STATEMENT_MEMBERS
                && (m.name().equals("Principal") || m.name().equals("NotPrincipal")))) {
          continue;
        }
        error(
            "unknown-member",
            mp,
            m,
            "unknown member `" + m.name() + "` in " + what + ", " + Hints.expectedOneOf(allowed),
            Hints.didYouMean(m.name(), allowed));
      }
    }

    /**
     * Checks every value of the document once: {@code null} is never allowed, and IAM allows only
     * TAB, LF, CR and U+0020..U+00FF in policy text. Other checks skip nulls silently, since they
     * are reported here.
     */
    private void checkCharacters(Json j, String path) {
      if (j instanceof Json.JNull) {
        error(
            "null-value",
            path,
            j,
            "`null` is not allowed in a policy document",
            "remove the member or give it a value");
      } else if (j instanceof Json.JString s) {
        checkText(s.value(), path, j);
      } else if (j instanceof Json.JArray a) {
        for (int i = 0; i < a.items().size(); i++) {
          checkCharacters(a.items().get(i), JsonPointer.child(path, i));
        }
      } else if (j instanceof Json.JObject o) {
        for (Json.Member m : o.members()) {
          String mp = JsonPointer.child(path, m.name());
          checkText(m.name(), mp, new Json.JString(m.line(), m.column(), m.name()));
          checkCharacters(m.value(), mp);
        }
      }
    }

    private void checkText(String s, String path, Json at) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (!(c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xFF))) {
          int cp = s.codePointAt(i);
          error(
              "character",
              path,
              at,
              String.format(
                  "character U+%04X is not allowed in policy text, which is limited to tab, line feed, carriage return and U+0020 to U+00FF",
                  cp),
              null);
          return;
        }
      }
    }

    private int errorCount() {
      return d.errorCount();
    }

    private static String describe(Json j) {
      if (j instanceof Json.JString s) {
        return "`" + s.value() + "`";
      }
      return j.typeName();
    }
  }
}
