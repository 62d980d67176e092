package io.iamgate.gateway;

import com.fasterxml.jackson.core.JsonGenerator;
import io.iamgate.json.JsonWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes responses with exactly the keys API Gateway reads: camelCase at the top ({@code
 * principalId}, {@code policyDocument}, {@code context}, {@code usageIdentifierKey}), IAM
 * PascalCase inside the policy ({@code Version}, {@code Statement}, {@code Effect}, {@code Action},
 * {@code Resource}), and {@code isAuthorized} for simple responses. Context keys are written
 * sorted, so equal answers are byte-for-byte equal. Thread-safe.
 */
public final class ResponseWriter {
  /** A writer (it holds no state: the JSON writer is shared). */
  public ResponseWriter() {}

  /**
   * Writes a policy or simple response as UTF-8 JSON, leaving {@code out} open.
   *
   * @throws IllegalArgumentException for {@link AuthorizerResponse.Unauthorized}, which has no body
   *     (API Gateway answers 401 for the error message {@code Unauthorized})
   * @throws IOException when {@code out} fails
   */
  public void write(AuthorizerResponse response, OutputStream out) throws IOException {
    if (response instanceof AuthorizerResponse.Unauthorized) {
      throw new IllegalArgumentException("Unauthorized has no body");
    }
    JsonWriter.write(
        JsonWriter.Style.COMPACT,
        out,
        g -> {
          if (response instanceof AuthorizerResponse.Policy p) {
            policy(g, p);
          } else if (response instanceof AuthorizerResponse.Simple s) {
            simple(g, s);
          }
        });
  }

  private static void policy(JsonGenerator g, AuthorizerResponse.Policy p) throws IOException {
    g.writeStartObject();
    g.writeStringField("principalId", p.principalId());
    g.writeObjectFieldStart("policyDocument");
    g.writeStringField("Version", "2012-10-17");
    g.writeArrayFieldStart("Statement");
    for (AuthorizerResponse.Statement s : p.statements()) {
      g.writeStartObject();
      g.writeStringField("Action", "execute-api:Invoke");
      g.writeStringField("Effect", s.effect());
      g.writeArrayFieldStart("Resource");
      for (String r : s.resources()) {
        g.writeString(r);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    context(g, p.context());
    if (p.usageIdentifierKey() != null) {
      g.writeStringField("usageIdentifierKey", p.usageIdentifierKey());
    }
    g.writeEndObject();
  }

  private static void simple(JsonGenerator g, AuthorizerResponse.Simple s) throws IOException {
    g.writeStartObject();
    g.writeBooleanField("isAuthorized", s.isAuthorized());
    context(g, s.context());
    g.writeEndObject();
  }

  private static void context(JsonGenerator g, Map<String, Object> context) throws IOException {
    if (context.isEmpty()) {
      return;
    }
    g.writeObjectFieldStart("context");
    for (Map.Entry<String, Object> e : new TreeMap<>(context).entrySet()) {
      Object v = e.getValue();
      if (v instanceof Boolean b) {
        g.writeBooleanField(e.getKey(), b);
      } else if (v instanceof Integer || v instanceof Long) {
        g.writeNumberField(e.getKey(), ((Number) v).longValue());
      } else if (v instanceof Number n) {
        g.writeNumberField(e.getKey(), n.doubleValue());
      } else {
        g.writeStringField(e.getKey(), String.valueOf(v));
      }
    }
    g.writeEndObject();
  }
}
