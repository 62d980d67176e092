package io.iamgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decision line schema of {@code docs/decision-events.md} (the agreed schema of issue 11), as a
 * check: every member has its type, none is {@code null}, no unknown member appears, the members
 * marked "always" are present, and those the event makes known are present too.
 */
public final class DecisionLineSchema {
  private DecisionLineSchema() {}

  private enum T {
    STRING,
    BOOLEAN,
    NUMBER,
    STRINGS,
    OBJECT
  }

  private static final Map<String, T> TOP =
      Map.ofEntries(
          Map.entry("timestamp", T.STRING),
          Map.entry("level", T.STRING),
          Map.entry("message", T.STRING),
          Map.entry("logger", T.STRING),
          Map.entry("service", T.STRING),
          Map.entry("cold_start", T.BOOLEAN),
          Map.entry("function_name", T.STRING),
          Map.entry("function_version", T.STRING),
          Map.entry("function_request_id", T.STRING),
          Map.entry("function_memory_size", T.NUMBER),
          Map.entry("xray_trace_id", T.STRING),
          Map.entry("correlation_id", T.STRING),
          Map.entry("decision", T.OBJECT));

  private static final Map<String, T> DECISION =
      Map.ofEntries(
          Map.entry("eventVersion", T.STRING),
          Map.entry("eventTime", T.STRING),
          Map.entry("eventId", T.STRING),
          Map.entry("eventType", T.STRING),
          Map.entry("outcome", T.STRING),
          Map.entry("reason", T.STRING),
          Map.entry("userIdentity", T.OBJECT),
          Map.entry("sourceIPAddress", T.STRING),
          Map.entry("userAgent", T.STRING),
          Map.entry("apiId", T.STRING),
          Map.entry("stage", T.STRING),
          Map.entry("route", T.STRING),
          Map.entry("httpMethod", T.STRING),
          Map.entry("path", T.STRING),
          Map.entry("methodArn", T.STRING),
          Map.entry("action", T.STRING),
          Map.entry("resource", T.STRING),
          Map.entry("statement", T.STRING),
          Map.entry("failedGate", T.STRING),
          Map.entry("nearMisses", T.STRINGS),
          Map.entry("bundleVersion", T.STRING),
          Map.entry("cacheMode", T.STRING),
          Map.entry("routesLeftOut", T.NUMBER),
          Map.entry("claimsLeftOut", T.STRINGS),
          Map.entry("tokenCacheHit", T.BOOLEAN),
          Map.entry("latencyMicros", T.NUMBER));

  private static final Map<String, T> USER =
      Map.ofEntries(
          Map.entry("type", T.STRING),
          Map.entry("principal", T.STRING),
          Map.entry("groups", T.STRINGS),
          Map.entry("issuer", T.STRING),
          Map.entry("authenticationMethod", T.STRING),
          Map.entry("mfaPresent", T.BOOLEAN),
          Map.entry("caller", T.STRING));

  private static final Set<String> OUTCOMES =
      Set.of("Allow", "ExplicitDeny", "ImplicitDeny", "Deny", "Unauthorized", "Error");

  /** What is wrong with {@code line} as a decision line; empty when nothing is. */
  public static List<String> problems(JsonNode line) {
    List<String> out = new ArrayList<>();
    typed(line, TOP, "", out);
    require(line, "", out, "timestamp", "level", "message", "logger", "service", "cold_start");
    require(line, "", out, "decision");
    JsonNode d = line.path("decision");
    typed(d, DECISION, "decision.", out);
    require(d, "decision.", out, "eventVersion", "eventTime", "eventId", "eventType", "outcome");
    require(d, "decision.", out, "methodArn", "routesLeftOut", "latencyMicros");
    if (d.has("userIdentity")) {
      typed(d.path("userIdentity"), USER, "decision.userIdentity.", out);
      require(d.path("userIdentity"), "decision.userIdentity.", out, "type", "principal", "groups");
      require(d.path("userIdentity"), "decision.userIdentity.", out, "authenticationMethod");
    }
    String outcome = d.path("outcome").asText();
    if (!OUTCOMES.contains(outcome)) {
      out.add("unknown outcome " + outcome);
    }
    String level =
        switch (outcome) {
          case "Allow" -> "INFO";
          case "Error" -> "ERROR";
          default -> "WARN";
        };
    if (!line.path("level").asText().equals(level)) {
      out.add("level " + line.path("level").asText() + " for " + outcome);
    }
    if (!line.path("logger").asText().equals("iamgate.decision")) {
      out.add("logger " + line.path("logger").asText());
    }
    if (!d.path("eventTime").asText().equals(line.path("timestamp").asText())) {
      out.add("eventTime is not timestamp");
    }
    if (!line.path("timestamp")
        .asText()
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z")) {
      out.add("timestamp " + line.path("timestamp"));
    }
    return out;
  }

  /**
   * {@link #problems}, and the members that the event (its JSON) and the invocation make known: the
   * Lambda context's keys, API Gateway's request id, source IP and user agent, the API, the method
   * and path, and for a decided call its caller, action and resource (and its statement and route
   * for an allow).
   */
  public static List<String> problems(JsonNode line, JsonNode event, boolean inLambda) {
    List<String> out = problems(line);
    JsonNode d = line.path("decision");
    if (inLambda) {
      require(line, "", out, "function_name", "function_version", "function_request_id");
      require(line, "", out, "function_memory_size", "xray_trace_id");
    }
    JsonNode ctx = event.path("requestContext");
    if (ctx.has("requestId")) {
      require(line, "", out, "correlation_id");
    }
    if (ctx.path("identity").has("sourceIp") || ctx.path("http").has("sourceIp")) {
      require(d, "decision.", out, "sourceIPAddress");
    }
    if (ctx.path("identity").has("userAgent") || ctx.path("http").has("userAgent")) {
      require(d, "decision.", out, "userAgent");
    }
    require(d, "decision.", out, "apiId", "stage", "path", "bundleVersion", "cacheMode");
    if (!d.path("methodArn").asText().endsWith("$connect")) {
      require(d, "decision.", out, "httpMethod");
    }
    String outcome = d.path("outcome").asText();
    if (outcome.equals("Allow") || outcome.endsWith("Deny") && !outcome.equals("Deny")) {
      require(d, "decision.", out, "userIdentity", "action", "resource", "reason");
      if (d.path("userIdentity").path("authenticationMethod").asText().equals("jwt")) {
        require(d.path("userIdentity"), "decision.userIdentity.", out, "issuer", "mfaPresent");
        require(d, "decision.", out, "tokenCacheHit");
      }
    }
    if (outcome.equals("Allow")) {
      require(d, "decision.", out, "statement");
      if (!d.path("methodArn").asText().endsWith("$connect")) {
        require(d, "decision.", out, "route");
      }
    }
    if (outcome.equals("Unauthorized")) {
      require(d, "decision.", out, "reason");
    }
    return out;
  }

  private static void require(JsonNode n, String at, List<String> out, String... names) {
    for (String name : names) {
      if (!n.has(name)) {
        out.add("missing " + at + name);
      }
    }
  }

  private static void typed(JsonNode n, Map<String, T> types, String at, List<String> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      T t = types.get(e.getKey());
      JsonNode v = e.getValue();
      boolean ok =
          t != null
              && switch (t) {
                case STRING -> v.isTextual();
                case BOOLEAN -> v.isBoolean();
                case NUMBER -> v.isIntegralNumber();
                case OBJECT -> v.isObject();
                case STRINGS -> {
                  boolean all = v.isArray();
                  for (JsonNode x : v) {
                    all &= x.isTextual();
                  }
                  yield all;
                }
              };
      if (!ok) {
        out.add((t == null ? "unknown member " : "wrong type of ") + at + e.getKey() + ": " + v);
      }
    }
  }
}
