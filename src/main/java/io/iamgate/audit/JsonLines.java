package io.iamgate.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import io.iamgate.json.JsonWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The one writer of iamgate's JSON log lines, as CloudWatch Logs and other collectors parse them:
 * decision events ({@code iamgate.decision}) and operational records ({@code iamgate.store}, {@code
 * iamgate.lambda}, ...). Each line starts with {@code time} from the injected clock; member names
 * come from {@link LogField}; every text value is {@link Masking#mask masked}; absent values are
 * left out. Thread-safe when the sink is.
 */
public final class JsonLines {
  /** The logger name of decision lines. */
  public static final String DECISION_LOGGER = "iamgate.decision";

  /** The severity of an operational record. */
  public enum Level {
    INFO,
    WARN,
    ERROR
  }

  private final Clock clock;
  private final Consumer<String> sink;

  /**
   * @param clock the source of every line's {@code time}
   * @param sink receives each line, without a line terminator
   */
  public JsonLines(Clock clock, Consumer<String> sink) {
    this.clock = clock;
    this.sink = sink;
  }

  /** Lines to {@code out}, one {@code println} each, timed by the system clock in UTC. */
  public static JsonLines to(PrintStream out) {
    return new JsonLines(Clock.systemUTC(), out::println);
  }

  /** Writes a decision event as one line. */
  public void decision(DecisionEvent e) {
    sink.accept(line(e));
  }

  /** The line {@link #decision} writes. */
  public String line(DecisionEvent e) {
    return JsonWriter.toText(
        JsonWriter.Style.COMPACT,
        g -> {
          g.writeStartObject();
          g.writeStringField(LogField.TIME.key(), clock.instant().toString());
          g.writeStringField(LogField.LOGGER.key(), DECISION_LOGGER);
          text(g, LogField.DECISION_ID, e.decisionId());
          text(g, LogField.OUTCOME, e.outcome());
          text(g, LogField.REASON, e.reason());
          text(g, LogField.PRINCIPAL, e.principal());
          text(g, LogField.ACTION, e.action());
          text(g, LogField.RESOURCE, e.resource());
          text(g, LogField.STATEMENT, e.statement());
          text(g, LogField.BUNDLE_VERSION, e.bundleVersion());
          if (e.routesLeftOut() > 0) {
            g.writeNumberField(LogField.ROUTES_LEFT_OUT.key(), e.routesLeftOut());
          }
          if (!e.claimsLeftOut().isEmpty()) {
            text(g, LogField.CLAIMS_LEFT_OUT, String.join(",", e.claimsLeftOut()));
          }
          if (!e.nearMisses().isEmpty()) {
            g.writeArrayFieldStart(LogField.NEAR_MISSES.key());
            for (String m : e.nearMisses()) {
              g.writeString(Masking.mask(m));
            }
            g.writeEndArray();
          }
          text(g, LogField.EVENT_TYPE, e.eventType());
          text(g, LogField.METHOD_ARN, e.methodArn());
          text(g, LogField.SOURCE_IP, e.sourceIp());
          text(g, LogField.REQUEST_ID, e.requestId());
          text(g, LogField.LAMBDA_REQUEST_ID, e.lambdaRequestId());
          g.writeNumberField(LogField.LATENCY_MICROS.key(), e.latencyMicros());
          g.writeEndObject();
        });
  }

  /**
   * Writes an operational record: {@code time}, {@code level}, {@code logger}, {@code message},
   * then {@code fields} in the order of {@link LogField} (a {@code null} value is left out).
   */
  public void record(
      Level level, String logger, String message, Map<LogField, @Nullable String> fields) {
    sink.accept(recordLine(level, logger, message, fields));
  }

  /** Writes an operational record with no further fields. */
  public void record(Level level, String logger, String message) {
    record(level, logger, message, Map.of());
  }

  /** The line {@link #record} writes. */
  public String recordLine(
      Level level, String logger, String message, Map<LogField, @Nullable String> fields) {
    return JsonWriter.toText(
        JsonWriter.Style.COMPACT,
        g -> {
          g.writeStartObject();
          g.writeStringField(LogField.TIME.key(), clock.instant().toString());
          g.writeStringField(LogField.LEVEL.key(), level.name());
          g.writeStringField(LogField.LOGGER.key(), logger);
          text(g, LogField.MESSAGE, message);
          for (LogField f : LogField.values()) {
            if (fields.containsKey(f)) {
              text(g, f, fields.get(f));
            }
          }
          g.writeEndObject();
        });
  }

  private static void text(JsonGenerator g, LogField field, @Nullable String value)
      throws IOException {
    if (value != null) {
      g.writeStringField(field.key(), Masking.mask(value));
    }
  }
}
