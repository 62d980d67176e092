package io.iamgate.json;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of parsing: the value when there was no error, and every diagnostic found (errors and
 * warnings, sorted by position).
 *
 * @param value the parsed value, or {@code null} when any diagnostic is an error
 * @param diagnostics all diagnostics
 */
public record ParseResult<T>(@Nullable T value, List<Diagnostic> diagnostics) {
  public ParseResult {
    diagnostics = List.copyOf(diagnostics);
    if (value == null && diagnostics.stream().noneMatch(Diagnostic::isError)) {
      throw new IllegalArgumentException("a failed parse must carry an error");
    }
  }

  public boolean ok() {
    return value != null;
  }

  public List<Diagnostic> errors() {
    return diagnostics.stream().filter(Diagnostic::isError).toList();
  }

  public List<Diagnostic> warnings() {
    return diagnostics.stream().filter(d -> !d.isError()).toList();
  }
}
