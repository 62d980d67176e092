package io.iamgate.lint;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One analyzer finding.
 *
 * @param code the stable code, UPPER_SNAKE_CASE ({@link Check})
 * @param severity how serious it is
 * @param file the file, or {@code null} for standard input
 * @param path the JSON Pointer of what the finding is about, {@code ""} for the whole file
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param message what is wrong
 * @param hint how to fix it
 */
public record Finding(
    String code,
    FindingSeverity severity,
    @Nullable String file,
    String path,
    int line,
    int column,
    String message,
    String hint) {
  public Finding {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(hint, "hint");
  }

  /** {@code file:line:col: security warning[CODE]: /path: message (hint: ...)}. */
  public String format() {
    StringBuilder sb = new StringBuilder(file == null ? "<input>" : file);
    if (line > 0) {
      sb.append(':').append(line).append(':').append(column);
    }
    sb.append(": ").append(severity.label()).append('[').append(code).append("]: ");
    sb.append(path.isEmpty() ? "/" : path).append(": ").append(message);
    return sb.append(" (hint: ").append(hint).append(')').toString();
  }
}
