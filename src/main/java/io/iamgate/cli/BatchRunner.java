package io.iamgate.cli;

import io.iamgate.batch.BatchCase;
import io.iamgate.eval.Evaluator;
import io.iamgate.eval.Explanation;
import io.iamgate.json.Diagnostic;
import io.iamgate.json.Json;
import io.iamgate.json.JsonReader;
import io.iamgate.json.ParseResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@code simulate --batch} contract: one JSON case in, one JSON line out, in order. A malformed
 * case yields {@code {"id":...,"error":"..."}} and processing continues; no input line can make it
 * throw.
 */
final class BatchRunner {
  /**
   * Evaluates every line of {@code input} in order and prints one output line for each; blank lines
   * are skipped. Lines end with {@code \n} or {@code \r\n}; a line that is not UTF-8 is an error
   * line naming the first bad byte's column, and the batch goes on.
   *
   * @throws IOException only when {@code input} cannot be read
   */
  void run(InputStream input, PrintWriter out) throws IOException {
    byte[] buffer = new byte[1 << 16];
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int lineNumber = 0;
    int n;
    while ((n = input.read(buffer)) >= 0) {
      int start = 0;
      for (int i = 0; i < n; i++) {
        if (buffer[i] == '\n') {
          line.write(buffer, start, i - start);
          emit(line.toByteArray(), ++lineNumber, out);
          line.reset();
          start = i + 1;
        }
      }
      line.write(buffer, start, n - start);
    }
    if (line.size() > 0) {
      emit(line.toByteArray(), ++lineNumber, out);
    }
  }

  private void emit(byte[] bytes, int lineNumber, PrintWriter out) {
    int length = bytes.length;
    if (length > 0 && bytes[length - 1] == '\r') {
      length--;
    }
    ParseResult<String> text =
        JsonReader.decode(Arrays.copyOf(bytes, length), null, lineNumber - 1);
    String line = text.value();
    if (line == null) {
      out.println(error(null, describe(text.errors().get(0))));
    } else if (!line.isBlank()) {
      out.println(evaluate(line, lineNumber));
    }
  }

  /** Evaluates one input line and returns the output line. */
  String evaluate(String line, int lineNumber) {
    ParseResult<Json> parsed = JsonReader.read(line, null, lineNumber - 1);
    Json root = parsed.value();
    if (root == null) {
      return error(null, describe(parsed.errors().get(0)));
    }
    Json id = root instanceof Json.JObject o ? o.get("id") : null;
    try {
      BatchCase c = BatchCase.read(root);
      if (!c.problems().isEmpty()) {
        return error(id, String.join("; ", c.problems()));
      }
      Explanation e =
          Evaluator.explain(
              Objects.requireNonNull(c.set(), "a case without problems has a policy set"),
              Objects.requireNonNull(c.request(), "a case without problems has a request"));
      return JsonOutput.object(
          g -> {
            JsonOutput.id(g, id);
            JsonOutput.explanation(g, e);
          });
    } catch (RuntimeException e) {
      // a bug must not stop the batch; report it on the line it happened
      return error(id, "internal error: " + e);
    }
  }

  /**
   * A diagnostic of one input line: {@code line 3, column 12: /policies/0: message (hint: ...)}.
   */
  static String describe(Diagnostic d) {
    return "line "
        + d.line()
        + ", column "
        + d.column()
        + ": "
        + (d.path().isEmpty() ? "" : d.path() + ": ")
        + d.message()
        + (d.hint() == null ? "" : " (hint: " + d.hint() + ")");
  }

  private static String error(@Nullable Json id, String message) {
    return JsonOutput.object(
        g -> {
          JsonOutput.id(g, id);
          g.writeStringField("error", message);
        });
  }
}
