package io.iamgate.bundle;

import io.iamgate.json.Diagnostic;
import io.iamgate.json.Json;
import io.iamgate.json.ParseResult;
import io.iamgate.json.Severity;
import io.iamgate.policy.parse.Hints;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where one {@link BundleReader#read} is: the file being read and the diagnostics found so far,
 * shared by the section readers ({@link PoliciesReader}, {@link PrincipalsReader}, {@link
 * IdentityReader}, {@link RoutesReader}, {@link QuotasReader}, {@link ReferenceChecks}). Also the
 * checks every section makes the same way: unknown members, IAM names, members of the wrong type.
 * Not thread-safe: one per read.
 */
final class ReadCursor {
  private static final Pattern IAM_NAME = Pattern.compile("[A-Za-z0-9+=,.@_-]+");

  private final BundleFiles files;
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  /** The file being read, for diagnostics. */
  private @Nullable String file;

  ReadCursor(BundleFiles files) {
    this.files = files;
  }

  /** The file diagnostics are reported in. */
  @Nullable String file() {
    return file;
  }

  /** Reports the following diagnostics in {@code file}. */
  void file(@Nullable String file) {
    this.file = file;
  }

  /**
   * Reads one file of the bundle (JSON or YAML by its name) and makes it the current file; {@code
   * null}, with its syntax errors reported, when it cannot be read.
   */
  @Nullable Json parse(BundleFiles.File f) {
    file =
        files.files().size() == 1
                && !files.source().equals(f.path())
                && !files.source().endsWith(f.path())
            ? files.source()
            : join(files.source(), f.path());
    ParseResult<Json> r = BundleText.read(f, file);
    diagnostics.addAll(r.diagnostics());
    return r.value();
  }

  private static String join(String source, String path) {
    return source.endsWith(path) ? source : source + "/" + path;
  }

  /** The diagnostics so far, for readers that report through other code (the policy parser). */
  List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  /** The result of the read: its diagnostics sorted by file, line and column. */
  ParseResult<Bundle> result(@Nullable Bundle b) {
    diagnostics.sort(
        Comparator.comparing((Diagnostic d) -> d.file() == null ? "" : d.file())
            .thenComparingInt(Diagnostic::line)
            .thenComparingInt(Diagnostic::column));
    return new ParseResult<>(b, diagnostics);
  }

  void error(String code, String path, int line, int col, String message, @Nullable String hint) {
    diagnostics.add(new Diagnostic(code, Severity.ERROR, file, path, line, col, message, hint));
  }

  /** An error at {@code at}; at line and column 0 (unknown) when {@code at} is null. */
  void error(String code, String path, @Nullable Json at, String message) {
    error(code, path, at, message, null);
  }

  /** An error at {@code at}; at line and column 0 (unknown) when {@code at} is null. */
  void error(String code, String path, @Nullable Json at, String message, @Nullable String hint) {
    error(code, path, at == null ? 0 : at.line(), at == null ? 0 : at.column(), message, hint);
  }

  /**
   * Reports a name that is not 1 to {@code max} characters from IAM's name characters (the format's
   * "Names").
   */
  void checkName(String name, String path, Json at, int max, String what) {
    if (name.isEmpty() || name.length() > max || !IAM_NAME.matcher(name).matches()) {
      error(
          "name",
          path,
          at,
          "a "
              + what
              + " name has 1 to "
              + count(max, "character", "characters")
              + " from letters, digits and `+=,.@_-`, found `"
              + name
              + "`");
    }
  }

  /** Reports every member of {@code o} not in {@code allowed}, with a "did you mean" hint. */
  void checkMembers(Json.JObject o, String path, List<String> allowed, String what) {
    checkMembers(o, path, allowed, what, false);
  }

  /**
   * Like {@link #checkMembers(Json.JObject, String, List, String)}; when {@code listAllowed}, the
   * message also lists the valid names, as the policy parser's does ("..., expected one of `a`,
   * `b`").
   */
  void checkMembers(
      Json.JObject o, String path, List<String> allowed, String what, boolean listAllowed) {
    for (Json.Member m : o.members()) {
      if (!allowed.contains(m.name())) {
        error(
            "unknown-member",
            path + "/" + esc(m.name()),
            m.line(),
            m.column(),
            "unknown member `"
                + m.name()
                + "` in "
                + what
                + (listAllowed ? ", " + Hints.expectedOneOf(allowed) : ""),
            hint(m.name(), allowed));
      }
    }
  }

  /** The object member {@code name}; null when absent or, reported, not an object. */
  Json.@Nullable JObject object(Json.JObject o, String path, String name) {
    Json j = o.get(name);
    if (j == null) {
      return null;
    }
    if (!(j instanceof Json.JObject obj)) {
      error(
          "type",
          path + "/" + name,
          j,
          "expected `" + name + "` to be an object, found " + j.typeName());
      return null;
    }
    return obj;
  }

  /** The string member {@code name}; null when absent (reported if required) or not a string. */
  @Nullable String string(Json.JObject o, String path, String name, boolean required) {
    Json j = o.get(name);
    if (j == null) {
      if (required) {
        error(
            "missing-member", path, o.line(), o.column(), "`" + name + "` is required here", null);
      }
      return null;
    }
    if (!(j instanceof Json.JString s)) {
      error(
          "type",
          path + "/" + name,
          j,
          "expected `" + name + "` to be a string, found " + j.typeName());
      return null;
    }
    return s.value();
  }

  /** An array of strings, empty when absent; wrong items are reported and left out. */
  List<String> stringArray(@Nullable Json j, String path) {
    List<String> out = new ArrayList<>();
    if (j == null) {
      return out;
    }
    if (!(j instanceof Json.JArray arr)) {
      error("type", path, j, "expected an array of strings, found " + j.typeName());
      return out;
    }
    for (int i = 0; i < arr.items().size(); i++) {
      if (arr.items().get(i) instanceof Json.JString s) {
        out.add(s.value());
      } else {
        error(
            "type",
            path + "/" + i,
            arr.items().get(i),
            "expected a string, found " + arr.items().get(i).typeName());
      }
    }
    return out;
  }

  static String defaultString(@Nullable String v, String d) {
    return v == null ? d : v;
  }

  /** The position of a member's name, as a value to report at. */
  static Json at(Json.Member m) {
    return new Json.JString(m.line(), m.column(), m.name());
  }

  /** A member name as a JSON Pointer segment. */
  static String esc(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  static @Nullable String hint(String input, Collection<String> candidates) {
    return Hints.didYouMean(input, candidates);
  }

  /** A count with its noun in the right number: "1 role", "2 roles", "0 roles". */
  static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
