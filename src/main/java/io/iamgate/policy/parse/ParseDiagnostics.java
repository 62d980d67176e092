package io.iamgate.policy.parse;

import io.iamgate.json.Diagnostic;
import io.iamgate.json.Json;
import io.iamgate.json.Severity;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The diagnostics of one parse of one document, shared by {@link PolicyParser}, {@link
 * ClauseParser} and {@link ConditionParser}: each is reported in the document's file at the
 * position of the value or member it is about. Not thread-safe: one per parse.
 */
final class ParseDiagnostics {
  private final @Nullable String file;
  private final List<Diagnostic> list = new ArrayList<>();

  ParseDiagnostics(@Nullable String file) {
    this.file = file;
  }

  /** The diagnostics so far, in the order they were reported. */
  List<Diagnostic> list() {
    return list;
  }

  void error(String code, String path, Json at, String message, @Nullable String hint) {
    list.add(
        new Diagnostic(code, Severity.ERROR, file, path, at.line(), at.column(), message, hint));
  }

  void error(String code, String path, Json.Member at, String message, @Nullable String hint) {
    list.add(
        new Diagnostic(code, Severity.ERROR, file, path, at.line(), at.column(), message, hint));
  }

  void warning(String code, String path, Json at, String message, @Nullable String hint) {
    list.add(
        new Diagnostic(code, Severity.WARNING, file, path, at.line(), at.column(), message, hint));
  }

  int errorCount() {
    int n = 0;
    for (Diagnostic d : list) {
      if (d.isError()) {
        n++;
      }
    }
    return n;
  }

  boolean hasErrors() {
    return list.stream().anyMatch(Diagnostic::isError);
  }
}
