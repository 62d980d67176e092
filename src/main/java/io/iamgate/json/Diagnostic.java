package io.iamgate.json;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One problem found in a document.
 *
 * @param code a stable identifier such as {@code unknown-operator}
 * @param severity error or warning
 * @param file the file name, or {@code null} when the text did not come from a file
 * @param path the JSON Pointer of the offending member ({@code /Statement/2/Condition/IpAddress}),
 *     {@code ""} for the whole document
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param message what was expected and what was found; lower case, no trailing period
 * @param hint a suggestion, or {@code null}
 */
public record Diagnostic(
    String code,
    Severity severity,
    @Nullable String file,
    String path,
    int line,
    int column,
    String message,
    @Nullable String hint) {
  public Diagnostic {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** The one-line human form: {@code file:line:col: error[code]: /path: message (hint: ...)}. */
  public String format() {
    StringBuilder sb = new StringBuilder();
    sb.append(file == null ? "<input>" : file);
    if (line > 0) {
      sb.append(':').append(line).append(':').append(column);
    }
    sb.append(": ").append(severity.label()).append('[').append(code).append("]: ");
    sb.append(path.isEmpty() ? "/" : path).append(": ").append(message);
    if (hint != null) {
      sb.append(" (hint: ").append(hint).append(')');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return format();
  }
}
