package io.iamgate.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import io.iamgate.json.JsonWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The one writer of iamgate's JSON log lines, as CloudWatch Logs, Lambda's log-level filtering and
 * log tooling parse them: decision lines ({@code iamgate.decision}), operational records ({@code
 * iamgate.store}, {@code iamgate.lambda}, ...) and the invocation's Embedded Metric Format
 * document. Every line starts with {@code timestamp} (ISO-8601 UTC with milliseconds, from the
 * injected clock) and {@code level}, and carries {@code service}; member names come from {@link
 * LogField}; every text value is {@link Masking#mask masked}; absent values are left out. The
 * format is described member by member in docs/decision-events.md. Thread-safe when the sink is.
 */
public final class JsonLines {
  /** The logger name of decision lines. */
  public static final String DECISION_LOGGER = "iamgate.decision";

  /** The logger name of the metrics document. */
  public static final String METRICS_LOGGER = "iamgate.metrics";

  /** The service name when none is configured. */
  public static final String DEFAULT_SERVICE = "iamgate";

  /** The version of the {@code decision} object's format. */
  public static final String EVENT_VERSION = "1.0";

  /** Directive arrays already written, by namespace and shape (see {@link #directives}). */
  private final java.util.concurrent.ConcurrentHashMap<String, String> directiveCache =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The severity of a line, as Lambda's log-level filtering reads it. */
  public enum Level {
    INFO,
    WARN,
    ERROR;

    /**
     * The level of a Lambda application log level ({@code AWS_LAMBDA_LOG_LEVEL}: {@code TRACE},
     * {@code DEBUG}, {@code INFO}, {@code WARN}, {@code ERROR}, {@code FATAL}) at which lines of
     * this level are still kept: the lowest level of ours that passes it ({@code ERROR} for {@code
     * FATAL}, which passes none of ours).
     */
    public static Level atLeast(@Nullable String lambdaLogLevel) {
      if (lambdaLogLevel == null) {
        return INFO;
      }
      return switch (lambdaLogLevel.trim().toUpperCase(java.util.Locale.ROOT)) {
        case "WARN" -> WARN;
        case "ERROR", "FATAL" -> ERROR;
        default -> INFO;
      };
    }
  }

  private final Clock clock;
  private final Consumer<String> sink;
  private final String service;

  /**
   * @param clock the source of every line's {@code timestamp}
   * @param sink receives each line, without a line terminator
   * @param service every line's {@code service}
   */
  public JsonLines(Clock clock, Consumer<String> sink, String service) {
    this.clock = clock;
    this.sink = sink;
    this.service = service;
  }

  /** Lines for the service {@value #DEFAULT_SERVICE}. */
  public JsonLines(Clock clock, Consumer<String> sink) {
    this(clock, sink, DEFAULT_SERVICE);
  }

  /** Lines to {@code out}, one {@code println} each, timed by the system clock in UTC. */
  public static JsonLines to(PrintStream out) {
    return new JsonLines(Clock.systemUTC(), out::println);
  }

  /**
   * The service name of {@code env}: {@code IAMGATE_SERVICE_NAME}, else {@code
   * POWERTOOLS_SERVICE_NAME}, else {@value #DEFAULT_SERVICE} (blank values count as unset).
   */
  public static String serviceName(Map<String, String> env) {
    for (String name : new String[] {"IAMGATE_SERVICE_NAME", "POWERTOOLS_SERVICE_NAME"}) {
      String v = env.get(name);
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return DEFAULT_SERVICE;
  }

  /** Every line's {@code service}. */
  public String service() {
    return service;
  }

  /** Writes a decision event as one line. */
  public void decision(DecisionEvent e, Invocation invocation) {
    sink.accept(line(e, invocation));
  }

  /** The line {@link #decision} writes. */
  public String line(DecisionEvent e, Invocation inv) {
    String time = timestamp(clock.instant());
    DecisionEvent.Request r = e.request();
    return JsonWriter.toText(
        JsonWriter.Style.COMPACT,
        g -> {
          g.writeStartObject();
          g.writeStringField(LogField.TIMESTAMP.key(), time);
          g.writeStringField(LogField.LEVEL.key(), e.level().name());
          text(g, LogField.MESSAGE, e.message());
          g.writeStringField(LogField.LOGGER.key(), DECISION_LOGGER);
          text(g, LogField.SERVICE, service);
          invocation(g, inv);
          text(g, LogField.CORRELATION_ID, r.requestId());
          g.writeObjectFieldStart(LogField.DECISION.key());
          g.writeStringField(LogField.EVENT_VERSION.key(), EVENT_VERSION);
          g.writeStringField(LogField.EVENT_TIME.key(), time);
          text(g, LogField.EVENT_ID, e.decisionId());
          text(g, LogField.EVENT_TYPE, r.eventType());
          text(g, LogField.OUTCOME, e.outcome());
          text(g, LogField.REASON, e.reason());
          userIdentity(g, e.userIdentity());
          text(g, LogField.SOURCE_IP_ADDRESS, r.sourceIp());
          String ua = r.userAgent();
          text(g, LogField.USER_AGENT, ua == null ? null : userAgent(ua));
          text(g, LogField.API_ID, r.apiId());
          text(g, LogField.STAGE, r.stage());
          text(g, LogField.ROUTE, e.route());
          text(g, LogField.HTTP_METHOD, r.httpMethod());
          text(g, LogField.PATH, r.path());
          text(g, LogField.METHOD_ARN, r.methodArn());
          text(g, LogField.ACTION, e.action());
          text(g, LogField.RESOURCE, e.resource());
          text(g, LogField.STATEMENT, e.statement());
          text(g, LogField.FAILED_GATE, e.failedGate());
          if (!e.nearMisses().isEmpty()) {
            texts(g, LogField.NEAR_MISSES, e.nearMisses());
          }
          text(g, LogField.BUNDLE_VERSION, e.bundleVersion());
          text(g, LogField.CACHE_MODE, e.cacheMode());
          g.writeNumberField(LogField.ROUTES_LEFT_OUT.key(), e.routesLeftOut());
          if (!e.claimsLeftOut().isEmpty()) {
            texts(g, LogField.CLAIMS_LEFT_OUT, e.claimsLeftOut());
          }
          Boolean hit = e.tokenCacheHit();
          if (hit != null) {
            g.writeBooleanField(LogField.TOKEN_CACHE_HIT.key(), hit);
          }
          g.writeNumberField(LogField.LATENCY_MICROS.key(), e.latencyMicros());
          g.writeEndObject();
          g.writeEndObject();
        });
  }

  /**
   * {@code 2026-11-29T20:16:38.123Z}: ISO-8601 UTC with milliseconds, always all of them ({@link
   * Instant#toString()} leaves out zero fractions), without a formatter's cost.
   */
  static String timestamp(Instant t) {
    LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), ZoneOffset.UTC);
    StringBuilder b = new StringBuilder(24);
    int year = d.getYear();
    if (year < 0 || year > 9999) {
      return DateTimeFormatter.ISO_INSTANT.format(t);
    }
    pad(b, year, 4).append('-');
    pad(b, d.getMonthValue(), 2).append('-');
    pad(b, d.getDayOfMonth(), 2).append('T');
    pad(b, d.getHour(), 2).append(':');
    pad(b, d.getMinute(), 2).append(':');
    pad(b, d.getSecond(), 2).append('.');
    return pad(b, d.getNano() / 1_000_000, 3).append('Z').toString();
  }

  private static StringBuilder pad(StringBuilder b, int value, int digits) {
    String v = Integer.toString(value);
    for (int i = v.length(); i < digits; i++) {
      b.append('0');
    }
    return b.append(v);
  }

  /** A user agent fit for the line: masked, and at most {@value DecisionEvent#MAX_USER_AGENT}. */
  static String userAgent(String ua) {
    String masked = Masking.mask(ua);
    return masked.length() <= DecisionEvent.MAX_USER_AGENT
        ? masked
        : masked.substring(0, DecisionEvent.MAX_USER_AGENT - 1) + "…";
  }

  private static void invocation(JsonGenerator g, Invocation inv) throws IOException {
    g.writeBooleanField(LogField.COLD_START.key(), inv.coldStart());
    text(g, LogField.FUNCTION_NAME, inv.functionName());
    text(g, LogField.FUNCTION_VERSION, inv.functionVersion());
    text(g, LogField.FUNCTION_REQUEST_ID, inv.requestId());
    if (inv.memorySizeMb() > 0) {
      g.writeNumberField(LogField.FUNCTION_MEMORY_SIZE.key(), inv.memorySizeMb());
    }
    text(g, LogField.XRAY_TRACE_ID, inv.xrayTraceId());
  }

  private static void userIdentity(JsonGenerator g, DecisionEvent.@Nullable UserIdentity u)
      throws IOException {
    if (u == null) {
      return;
    }
    g.writeObjectFieldStart(LogField.USER_IDENTITY.key());
    text(g, LogField.TYPE, u.type());
    text(g, LogField.PRINCIPAL, u.principal());
    texts(g, LogField.GROUPS, u.groups());
    text(g, LogField.ISSUER, u.issuer());
    text(g, LogField.AUTHENTICATION_METHOD, u.authenticationMethod());
    Boolean mfa = u.mfaPresent();
    if (mfa != null) {
      g.writeBooleanField(LogField.MFA_PRESENT.key(), mfa);
    }
    text(g, LogField.CALLER, u.caller());
    g.writeEndObject();
  }

  /**
   * Writes an invocation's metrics as one Embedded Metric Format document, the only one of the
   * invocation.
   */
  public void metrics(Metrics m, Invocation invocation) {
    sink.accept(metricsLine(m, invocation));
  }

  /**
   * The document {@link #metrics} writes: {@code _aws} with the timestamp and two metric
   * directives, then {@code timestamp}, {@code level}, {@code logger}, {@code service} and {@code
   * function_request_id} (to find the invocation's decision line), the other dimension values and
   * the metric values. {@code Decisions} has the dimension sets [service, ApiId, Stage, Outcome],
   * [service, Outcome] and [service]; every other metric has [service, ApiId, Stage] and [service].
   * Without an API id and stage (an unreadable event) only the sets without them are declared.
   */
  public String metricsLine(Metrics m, Invocation invocation) {
    Instant now = clock.instant();
    boolean api = m.apiId() != null && m.stage() != null;
    return JsonWriter.toText(
        JsonWriter.Style.COMPACT,
        g -> {
          g.writeStartObject();
          g.writeObjectFieldStart("_aws");
          g.writeNumberField("Timestamp", now.toEpochMilli());
          g.writeFieldName("CloudWatchMetrics");
          g.writeRawValue(directives(m, api));
          g.writeEndObject();
          g.writeStringField(LogField.TIMESTAMP.key(), timestamp(now));
          g.writeStringField(LogField.LEVEL.key(), m.level().name());
          g.writeStringField(LogField.LOGGER.key(), METRICS_LOGGER);
          text(g, LogField.SERVICE, service);
          text(g, LogField.FUNCTION_REQUEST_ID, invocation.requestId());
          if (api) {
            named(g, "ApiId", m.apiId());
            named(g, "Stage", m.stage());
          }
          g.writeStringField(Metrics.OUTCOME_DIMENSION, m.outcome());
          g.writeNumberField("Decisions", 1);
          g.writeNumberField("DecisionLatency", m.latencyMicros());
          Boolean hit = m.tokenCacheHit();
          if (hit != null) {
            g.writeNumberField("TokenCacheHits", hit ? 1 : 0);
            g.writeNumberField("TokenCacheMisses", hit ? 0 : 1);
          }
          g.writeNumberField("BundleReloads", m.bundleReloads());
          g.writeNumberField("BundleReloadFailures", m.bundleReloadFailures());
          if (m.bundleAgeSeconds() >= 0) {
            g.writeNumberField("BundleAgeSeconds", m.bundleAgeSeconds());
          }
          g.writeNumberField("ColdStart", m.coldStart() ? 1 : 0);
          g.writeEndObject();
        });
  }

  /**
   * The {@code CloudWatchMetrics} array of a document: the same for every document of one namespace
   * and shape (API known, token verified, bundle loaded), so written once per shape.
   */
  private String directives(Metrics m, boolean api) {
    boolean hit = m.tokenCacheHit() != null;
    boolean age = m.bundleAgeSeconds() >= 0;
    String key = (api ? "a" : "-") + (hit ? "t" : "-") + (age ? "b" : "-") + m.namespace();
    return directiveCache.computeIfAbsent(
        key,
        k ->
            JsonWriter.toText(
                JsonWriter.Style.COMPACT,
                g -> {
                  g.writeStartArray();
                  // Decisions, by outcome
                  g.writeStartObject();
                  g.writeStringField("Namespace", m.namespace());
                  g.writeArrayFieldStart("Dimensions");
                  if (api) {
                    dimensions(g, "service", "ApiId", "Stage", Metrics.OUTCOME_DIMENSION);
                  }
                  dimensions(g, "service", Metrics.OUTCOME_DIMENSION);
                  dimensions(g, "service");
                  g.writeEndArray();
                  g.writeArrayFieldStart("Metrics");
                  metric(g, "Decisions", "Count");
                  g.writeEndArray();
                  g.writeEndObject();
                  // everything else
                  g.writeStartObject();
                  g.writeStringField("Namespace", m.namespace());
                  g.writeArrayFieldStart("Dimensions");
                  if (api) {
                    dimensions(g, "service", "ApiId", "Stage");
                  }
                  dimensions(g, "service");
                  g.writeEndArray();
                  g.writeArrayFieldStart("Metrics");
                  metric(g, "DecisionLatency", "Microseconds");
                  if (hit) {
                    metric(g, "TokenCacheHits", "Count");
                    metric(g, "TokenCacheMisses", "Count");
                  }
                  metric(g, "BundleReloads", "Count");
                  metric(g, "BundleReloadFailures", "Count");
                  if (age) {
                    metric(g, "BundleAgeSeconds", "Seconds");
                  }
                  metric(g, "ColdStart", "Count");
                  g.writeEndArray();
                  g.writeEndObject();
                  g.writeEndArray();
                }));
  }

  private static void dimensions(JsonGenerator g, String... names) throws IOException {
    g.writeStartArray();
    for (String n : names) {
      g.writeString(n);
    }
    g.writeEndArray();
  }

  private static void metric(JsonGenerator g, String name, String unit) throws IOException {
    g.writeStartObject();
    g.writeStringField("Name", name);
    g.writeStringField("Unit", unit);
    g.writeEndObject();
  }

  /**
   * Writes an operational record: {@code timestamp}, {@code level}, {@code message}, {@code
   * logger}, {@code service}, then {@code fields} in the order of {@link LogField} (a {@code null}
   * value is left out).
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
          g.writeStringField(LogField.TIMESTAMP.key(), timestamp(clock.instant()));
          g.writeStringField(LogField.LEVEL.key(), level.name());
          text(g, LogField.MESSAGE, message);
          g.writeStringField(LogField.LOGGER.key(), logger);
          text(g, LogField.SERVICE, service);
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

  /** A text under a name that is not a log field (the metrics' dimension names). */
  /**
   * The longest dimension value written: API Gateway's ids are 10 characters and stage names at
   * most 128, and CloudWatch refuses values over 1,024; only a forged event has longer ones.
   */
  static final int MAX_DIMENSION_VALUE = 256;

  private static void named(JsonGenerator g, String name, @Nullable String value)
      throws IOException {
    if (value != null) {
      g.writeStringField(name, Masking.excerpt(value, MAX_DIMENSION_VALUE));
    }
  }

  private static void texts(JsonGenerator g, LogField field, java.util.List<String> values)
      throws IOException {
    g.writeArrayFieldStart(field.key());
    for (String v : values) {
      g.writeString(Masking.mask(v));
    }
    g.writeEndArray();
  }
}
