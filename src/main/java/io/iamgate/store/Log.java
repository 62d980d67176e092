package io.iamgate.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One-line JSON log records, as CloudWatch Logs and other collectors parse them. */
final class Log {
  private static final JsonFactory FACTORY = new JsonFactory();

  private Log() {}

  /** {@code {"time":...,"level":...,"message":...,k1:v1,...}}; null values are left out. */
  static String line(String level, String message, @Nullable String... keyValues) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("time", Instant.now().toString());
      g.writeStringField("level", level);
      g.writeStringField("logger", "iamgate.store");
      g.writeStringField("message", message);
      for (int i = 0; i + 1 < keyValues.length; i += 2) {
        if (keyValues[i + 1] != null) {
          g.writeStringField(keyValues[i], keyValues[i + 1]);
        }
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }
}
