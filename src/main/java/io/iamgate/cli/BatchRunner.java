package io.iamgate.cli;

import io.iamgate.eval.Evaluator;
import io.iamgate.eval.Explanation;
import io.iamgate.policy.parse.Diagnostic;
import io.iamgate.policy.parse.Json;
import io.iamgate.policy.parse.JsonReader;
import io.iamgate.policy.parse.ParseResult;

/**
 * The {@code simulate --batch} contract: one JSON case in, one JSON line out, in order. A malformed
 * case yields {@code {"id":...,"error":"..."}} and processing continues; no input line can make it
 * throw.
 */
final class BatchRunner {
  /** Evaluates one input line and returns the output line. */
  String evaluate(String line, int lineNumber) {
    ParseResult<Json> parsed = JsonReader.read(line, null, lineNumber - 1);
    if (!parsed.ok()) {
      Diagnostic d = parsed.errors().get(0);
      return error(null, "line " + lineNumber + ", column " + d.column() + ": " + d.message());
    }
    Json id = parsed.value() instanceof Json.JObject o ? o.get("id") : null;
    try {
      BatchCase c = BatchCase.read(parsed.value());
      if (!c.problems().isEmpty()) {
        return error(id, String.join("; ", c.problems()));
      }
      Explanation e = Evaluator.explain(c.set(), c.request());
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

  private static String error(Json id, String message) {
    return JsonOutput.object(
        g -> {
          JsonOutput.id(g, id);
          g.writeStringField("error", message);
        });
  }
}
