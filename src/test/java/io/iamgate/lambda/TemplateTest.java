package io.iamgate.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The safety-relevant wiring of {@code template.yaml}, {@code samconfig.toml} and the {@code
 * Makefile}: authorizers invoke the published alias (SnapStart), the function may read its one
 * bundle and nothing else, the AppConfig agent comes only with an AppConfig bundle, unsafe cache
 * settings are refused, API-key callers have an authorizer, {@code sam build} runs no tests, and
 * local runs (only they) use the sample bundle. CloudFormation's short forms ({@code !Ref}, {@code
 * !Sub}, ...) are read as their long forms, and the few intrinsic functions the checks need are
 * evaluated for given parameter values.
 */
class TemplateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static JsonNode template;

  @BeforeAll
  static void read() throws IOException {
    try (YAMLParser p =
        (YAMLParser) new YAMLFactory().createParser(Path.of("template.yaml").toFile())) {
      p.nextToken();
      template = node(p);
    }
  }

  /** The node at the parser's current token, a tagged one as its long form. */
  private static JsonNode node(YAMLParser p) throws IOException {
    String tag = p.getTypeId();
    JsonNode value;
    if (p.currentToken() == JsonToken.START_OBJECT) {
      ObjectNode o = NODES.objectNode();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        o.set(name, node(p));
      }
      value = o;
    } else if (p.currentToken() == JsonToken.START_ARRAY) {
      ArrayNode a = NODES.arrayNode();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        a.add(node(p));
      }
      value = a;
    } else {
      value = TextNode.valueOf(p.getText());
    }
    if (tag == null) {
      return value;
    }
    String fn = tag.startsWith("!") ? tag.substring(1) : tag;
    if (fn.equals("Ref")) {
      return NODES.objectNode().set("Ref", value);
    }
    if (fn.equals("GetAtt") && value.isTextual()) {
      ArrayNode parts = NODES.arrayNode();
      for (String part : value.asText().split("\\.", 2)) {
        parts.add(part);
      }
      value = parts;
    }
    return NODES.objectNode().set("Fn::" + fn, value);
  }

  /** Evaluates the intrinsic functions the checks need, for the given parameter values. */
  private record Eval(Map<String, String> params) {
    @Nullable JsonNode eval(JsonNode n) {
      if (n.isArray()) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode e : n) {
          JsonNode v = eval(e);
          if (v != null) {
            out.add(v);
          }
        }
        return out;
      }
      if (!n.isObject()) {
        return n;
      }
      if (n.size() == 1) {
        String fn = n.fieldNames().next();
        JsonNode arg = n.get(fn);
        switch (fn) {
          case "Ref" -> {
            String name = arg.asText();
            if (name.equals("AWS::NoValue")) {
              return null;
            }
            return TextNode.valueOf(params.getOrDefault(name, "<" + name + ">"));
          }
          case "Fn::Sub" -> {
            Map<String, String> vars = new HashMap<>(params);
            String text = arg.isArray() ? arg.get(0).asText() : arg.asText();
            if (arg.isArray()) {
              arg.get(1).fields().forEachRemaining(e -> vars.put(e.getKey(), text(e.getValue())));
            }
            Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
              String v = vars.getOrDefault(m.group(1), "<" + m.group(1) + ">");
              m.appendReplacement(out, Matcher.quoteReplacement(v));
            }
            m.appendTail(out);
            return TextNode.valueOf(out.toString());
          }
          case "Fn::Split" -> {
            ArrayNode out = NODES.arrayNode();
            for (String part : text(arg.get(1)).split(Pattern.quote(arg.get(0).asText()), -1)) {
              out.add(part);
            }
            return out;
          }
          case "Fn::Select" -> {
            JsonNode list = eval(arg.get(1));
            int i = Integer.parseInt(text(arg.get(0)));
            assertNotNull(list);
            assertTrue(i < list.size(), "Fn::Select " + i + " out of range of " + list);
            return list.get(i);
          }
          case "Fn::Equals" -> {
            return NODES.booleanNode(text(arg.get(0)).equals(text(arg.get(1))));
          }
          case "Fn::If" -> {
            return eval(condition(arg.get(0).asText()) ? arg.get(1) : arg.get(2));
          }
          default -> {
            // not a function: an ordinary one-member object
          }
        }
      }
      ObjectNode out = NODES.objectNode();
      n.fields()
          .forEachRemaining(
              e -> {
                JsonNode v = eval(e.getValue());
                if (v != null) {
                  out.set(e.getKey(), v);
                }
              });
      return out;
    }

    String text(JsonNode n) {
      JsonNode v = eval(n);
      assertNotNull(v, n.toString());
      return v.asText();
    }

    boolean condition(String name) {
      JsonNode c = template.path("Conditions").get(name);
      assertNotNull(c, "no condition " + name);
      JsonNode v = eval(c);
      assertNotNull(v);
      return v.asBoolean();
    }
  }

  private static Eval with(String... keyValues) {
    Map<String, String> params = new LinkedHashMap<>();
    template
        .path("Parameters")
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().has("Default")) {
                params.put(e.getKey(), e.getValue().get("Default").asText());
              }
            });
    for (int i = 0; i < keyValues.length; i += 2) {
      params.put(keyValues[i], keyValues[i + 1]);
    }
    params.put("AWS::Partition", "aws");
    params.put("AWS::Region", "eu-west-1");
    params.put("AWS::AccountId", "210987654321");
    return new Eval(params);
  }

  private static JsonNode function() {
    return template.path("Resources").path("AuthorizerFunction");
  }

  /** Every statement of the function's policies, for these parameters. */
  private static List<JsonNode> statements(Eval e) {
    JsonNode policies = e.eval(function().path("Properties").path("Policies"));
    assertNotNull(policies);
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode policy : policies) {
      policy.path("Statement").forEach(out::add);
    }
    return out;
  }

  @Test
  void everyAuthorizerInvokesThePublishedAlias() {
    assertEquals("live", function().path("Properties").path("AutoPublishAlias").asText());
    int authorizers = 0;
    for (String api : List.of("RestApi", "HttpApi")) {
      JsonNode all = template.path("Resources").path(api).path("Properties").path("Auth");
      for (JsonNode authorizer : all.path("Authorizers")) {
        assertEquals(
            JSON.createObjectNode().put("Ref", "AuthorizerFunction.Alias"),
            authorizer.path("FunctionArn"),
            api + ": SnapStart restores only published versions");
        authorizers++;
      }
    }
    assertEquals(4, authorizers);
  }

  @Test
  void anS3BundleMayReadItsObjectAndNothingElse() {
    Eval e = with("BundleSource", "s3://my-bucket/iamgate/bundle.yaml");
    List<JsonNode> statements = statements(e);
    assertEquals(1, statements.size(), statements.toString());
    JsonNode s = statements.get(0);
    assertEquals("s3:GetObject", s.path("Action").asText());
    assertEquals("arn:aws:s3:::my-bucket/iamgate/bundle.yaml", s.path("Resource").asText());
    assertFalse(e.condition("BundleFromAppConfig"));
    assertNull(e.eval(function().path("Properties").path("Layers")));
    assertFalse(template.path("Parameters").has("BundleBucket"), "the bucket is BundleSource's");
  }

  @Test
  void anAppConfigBundleGetsTheAgentAndItsProfileOnly() {
    String layer = "arn:aws:lambda:eu-west-1:434848589818:layer:AWS-AppConfig-Extension-Arm64:241";
    Eval e =
        with(
            "BundleSource", "appconfig://abc1234/def5678/ghi9012", "AppConfigAgentLayerArn", layer);
    List<JsonNode> statements = statements(e);
    assertEquals(1, statements.size(), statements.toString());
    JsonNode s = statements.get(0);
    assertEquals(
        "[\"appconfig:StartConfigurationSession\",\"appconfig:GetLatestConfiguration\"]",
        s.path("Action").toString());
    assertEquals(
        "arn:aws:appconfig:eu-west-1:210987654321:application/abc1234/environment/def5678"
            + "/configuration/ghi9012",
        s.path("Resource").asText());
    assertEquals(
        "[\"" + layer + "\"]", e.eval(function().path("Properties").path("Layers")).toString());
  }

  @Test
  void otherSourcesGetNoReadPermissionAndNoAgent() {
    for (String source : List.of("embedded:", "file:bundle.yaml")) {
      Eval e = with("BundleSource", source);
      assertEquals(List.of(), statements(e), source);
      assertNull(e.eval(function().path("Properties").path("Layers")), source);
    }
  }

  @Test
  void noStatementGrantsEverything() {
    for (String source :
        List.of("s3://b/k.json", "appconfig://abc1234/def5678/ghi9012", "embedded:")) {
      for (JsonNode s : statements(with("BundleSource", source))) {
        assertFalse(s.path("Resource").asText().contains("*"), source + ": " + s);
      }
    }
  }

  @Test
  void unsafeCacheSettingsAreRefusedAtDeployTime() {
    JsonNode rule = template.path("Rules").path("RequestModeAnswersAreNotCached");
    assertEquals(
        "{\"Fn::Equals\":[{\"Ref\":\"CacheMode\"},\"request\"]}",
        rule.path("RuleCondition").toString());
    JsonNode assertion = rule.path("Assertions").get(0);
    assertEquals(
        "{\"Fn::Equals\":[{\"Ref\":\"CacheTtlSeconds\"},\"0\"]}",
        assertion.path("Assert").toString());
    assertTrue(assertion.path("AssertDescription").asText().contains("CacheTtlSeconds=0"));
    JsonNode ttl = template.path("Parameters").path("CacheTtlSeconds");
    assertEquals("0", ttl.path("MinValue").asText());
    assertEquals("3600", ttl.path("MaxValue").asText());
    assertTrue(ttl.has("ConstraintDescription"));
    JsonNode env = function().path("Properties").path("Environment").path("Variables");
    assertEquals("{\"Ref\":\"CacheTtlSeconds\"}", env.path("IAMGATE_CACHE_TTL_SECONDS").toString());
  }

  @Test
  void apiKeyCallersHaveAnAuthorizerAndUsageKeysAreOptIn() throws IOException {
    JsonNode rest = template.path("Resources").path("RestApi").path("Properties");
    JsonNode keyAuthorizer = rest.path("Auth").path("Authorizers").path("ApiKeyAuthorizer");
    assertEquals("REQUEST", keyAuthorizer.path("FunctionPayloadType").asText());
    // the header the sample bundle (and every bundle by default) reads API keys from
    JsonNode sample =
        new ObjectMapper(new YAMLFactory())
            .readTree(Path.of("src/main/resources/iamgate/sample-bundle.yaml").toFile());
    assertEquals(
        "[\"" + sample.path("identity").path("apiKeyHeader").asText() + "\"]",
        keyAuthorizer.path("Identity").path("Headers").toString());
    boolean routed = false;
    for (JsonNode event :
        template.path("Resources").path("OrdersBackend").path("Properties").path("Events")) {
      routed |=
          event
              .path("Properties")
              .path("Auth")
              .path("Authorizer")
              .asText()
              .equals("ApiKeyAuthorizer");
    }
    assertTrue(routed, "a route takes API-key callers");

    assertEquals(
        "false", template.path("Parameters").path("UsageIdentifierKey").path("Default").asText());
    assertEquals("HEADER", with().eval(rest.path("ApiKeySourceType")).asText());
    assertEquals(
        "AUTHORIZER",
        with("UsageIdentifierKey", "true").eval(rest.path("ApiKeySourceType")).asText());
    JsonNode env = function().path("Properties").path("Environment").path("Variables");
    assertEquals(
        "{\"Ref\":\"UsageIdentifierKey\"}", env.path("IAMGATE_USAGE_IDENTIFIER_KEY").toString());
  }

  @Test
  void samBuildRunsTheMakefileWithoutTests() throws IOException {
    assertEquals("makefile", function().path("Metadata").path("BuildMethod").asText());
    assertEquals(".", function().path("Properties").path("CodeUri").asText());
    String make = Files.readString(Path.of("Makefile"));
    String recipe = make.substring(make.indexOf("build-AuthorizerFunction:"));
    assertTrue(recipe.contains("package -DskipTests"), recipe);
    assertTrue(recipe.contains("tools/task-root.sh target \"$(ARTIFACTS_DIR)\""), recipe);
  }

  /** The sections of {@code samconfig.toml} with their {@code key = "string"} members. */
  private static Map<String, Map<String, String>> samconfig() throws IOException {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    Map<String, String> section = new LinkedHashMap<>();
    out.put("", section);
    Pattern member = Pattern.compile("^(\\w+)\\s*=\\s*(.*)$");
    for (String line : Files.readAllLines(Path.of("samconfig.toml"))) {
      String l = line.strip();
      if (l.startsWith("[")) {
        section = new LinkedHashMap<>();
        out.put(l.substring(1, l.length() - 1), section);
      } else {
        Matcher m = member.matcher(l);
        if (m.matches()) {
          String v = m.group(2);
          if (v.startsWith("\"")) {
            v = JSON.readValue(v, String.class); // a TOML basic string is a JSON string here
          }
          section.put(m.group(1), v);
        }
      }
    }
    return out;
  }

  /** {@code Name="value" ...} of a {@code parameter_overrides} string. */
  private static Map<String, String> overrides(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(text);
    while (m.find()) {
      out.put(m.group(1), m.group(2));
    }
    return out;
  }

  @Test
  void localRunsUseTheSampleAndDeploysDoNot() throws IOException {
    Map<String, Map<String, String>> config = samconfig();
    assertEquals("0.1", config.get("").get("version"));
    // the sample bundle, on the architecture most Docker hosts run natively
    Map<String, String> sample =
        Map.of("BundleSource", "embedded:", "AllowSampleBundle", "true", "Architecture", "x86_64");
    for (String command : List.of("local_invoke", "local_start_api")) {
      Map<String, String> section = config.get("default." + command + ".parameters");
      assertNotNull(section, command);
      assertEquals(sample, overrides(section.get("parameter_overrides")), command);
    }
    Map<String, String> deploy = config.get("default.deploy.parameters");
    assertNotNull(deploy);
    String all = deploy.toString();
    assertFalse(all.contains("BundleSource") || all.contains("AllowSampleBundle"), all);
  }

  /** The function's environment as the template sets it for these parameters. */
  private static Map<String, String> environment(Eval e) {
    JsonNode vars = e.eval(function().path("Properties").path("Environment").path("Variables"));
    assertNotNull(vars);
    Map<String, String> env = new HashMap<>();
    vars.fields().forEachRemaining(v -> env.put(v.getKey(), v.getValue().asText()));
    return env;
  }

  private static String invoke(Map<String, String> env, ByteArrayOutputStream log)
      throws IOException {
    AuthorizerHandler handler =
        new AuthorizerHandler(env, new PrintStream(log, true, StandardCharsets.UTF_8));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = Files.newInputStream(Path.of("events/rest-token-allow.json"))) {
      handler.handleRequest(in, out, null);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void samLocalInvokeOnTheSampleEventAllowsWithoutFlags() throws IOException {
    Map<String, String> overrides =
        overrides(samconfig().get("default.local_invoke.parameters").get("parameter_overrides"));
    List<String> kv = new ArrayList<>();
    overrides.forEach(
        (k, v) -> {
          kv.add(k);
          kv.add(v);
        });
    Map<String, String> env = environment(with(kv.toArray(String[]::new)));
    assertEquals("embedded:", env.get("IAMGATE_BUNDLE"));
    String arn = HandlerEventsTest.methodArn(Path.of("events/rest-token-allow.json"));
    String allowed = invoke(env, new ByteArrayOutputStream());
    assertTrue(HandlerEventsTest.allows(allowed, arn), allowed);

    // without the allow flag, the sample is refused, and the log says which setting allows it
    env.put("IAMGATE_ALLOW_SAMPLE_BUNDLE", "false");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    String refused = invoke(env, log);
    assertFalse(HandlerEventsTest.allows(refused, arn), refused);
    String logged = log.toString(StandardCharsets.UTF_8);
    assertTrue(logged.contains("refusing to run on the embedded SAMPLE bundle"), logged);
    assertTrue(logged.contains("IAMGATE_ALLOW_SAMPLE_BUNDLE=true"), logged);
  }

  @Test
  void logsAreJsonWithBothLevelsInARetainedLogGroup() {
    JsonNode logging = function().path("Properties").path("LoggingConfig");
    assertEquals("JSON", logging.path("LogFormat").asText());
    assertEquals(
        "{\"Ref\":\"ApplicationLogLevel\"}", logging.path("ApplicationLogLevel").toString());
    assertEquals("{\"Ref\":\"SystemLogLevel\"}", logging.path("SystemLogLevel").toString());
    assertEquals("{\"Ref\":\"AuthorizerLogGroup\"}", logging.path("LogGroup").toString());
    JsonNode group = template.path("Resources").path("AuthorizerLogGroup");
    assertEquals("AWS::Logs::LogGroup", group.path("Type").asText());
    assertEquals(
        "Retain", group.path("DeletionPolicy").asText(), "the audit trail outlives the stack");
    assertEquals(
        "{\"Ref\":\"LogRetentionDays\"}",
        group.path("Properties").path("RetentionInDays").toString());
  }

  @Test
  void noApplicationLogLevelCanDropADenial() {
    JsonNode levels = template.path("Parameters").path("ApplicationLogLevel").path("AllowedValues");
    List<String> allowed = new ArrayList<>();
    levels.forEach(l -> allowed.add(l.asText()));
    assertTrue(allowed.contains("WARN"), "WARN drops allows and keeps denials: " + allowed);
    assertFalse(allowed.contains("ERROR") || allowed.contains("FATAL"), allowed.toString());
    for (String level : allowed) {
      // denials are WARN lines: kept by every allowed level
      assertTrue(
          io.iamgate.audit.JsonLines.Level.atLeast(level)
                  .compareTo(io.iamgate.audit.JsonLines.Level.WARN)
              <= 0,
          level);
    }
  }

  @Test
  void theTrailSettingsReachTheFunctionAndTheirDefaultsAreValid() {
    Map<String, String> env = environment(with());
    assertEquals("1", env.get("IAMGATE_LOG_ALLOW_SAMPLE_RATE"));
    assertEquals("iamgate", env.get("IAMGATE_SERVICE_NAME"));
    assertEquals("iamgate", env.get("IAMGATE_METRICS_NAMESPACE"));
    io.iamgate.authorizer.TrailSettings.from(env);
    Pattern rate =
        Pattern.compile(
            template.path("Parameters").path("LogAllowSampleRate").path("AllowedPattern").asText());
    for (String ok : List.of("0", "0.25", "1", "1.0")) {
      assertTrue(rate.matcher(ok).matches(), ok);
      io.iamgate.authorizer.TrailSettings.from(Map.of("IAMGATE_LOG_ALLOW_SAMPLE_RATE", ok));
    }
    for (String bad : List.of("1.5", "-0.1", "abc", "", "2")) {
      assertFalse(rate.matcher(bad).matches(), bad);
    }
  }

  @Test
  void tracingIsOptIn() {
    assertEquals("false", template.path("Parameters").path("Tracing").path("Default").asText());
    assertEquals(
        "Active",
        with("Tracing", "true").eval(function().path("Properties").path("Tracing")).asText());
    assertNull(with().eval(function().path("Properties").path("Tracing")), "off by default");
  }

  @Test
  void theAlarmsWatchBundleReloadFailuresAndTheShareOfErrors() {
    JsonNode reload =
        template.path("Resources").path("BundleReloadFailuresAlarm").path("Properties");
    assertEquals("BundleReloadFailures", reload.path("MetricName").asText());
    assertEquals("{\"Ref\":\"MetricsNamespace\"}", reload.path("Namespace").toString());
    assertEquals(
        "[{\"Name\":\"service\",\"Value\":{\"Ref\":\"ServiceName\"}}]",
        reload.path("Dimensions").toString(),
        "the service-wide dimension set the metrics document declares");
    JsonNode errors = template.path("Resources").path("ErrorRateAlarm").path("Properties");
    Map<String, JsonNode> byId = new HashMap<>();
    errors.path("Metrics").forEach(m -> byId.put(m.path("Id").asText(), m));
    assertEquals(
        "[{\"Name\":\"service\",\"Value\":{\"Ref\":\"ServiceName\"}},"
            + "{\"Name\":\"Outcome\",\"Value\":\"Error\"}]",
        byId.get("errors").at("/MetricStat/Metric/Dimensions").toString());
    assertEquals("Decisions", byId.get("errors").at("/MetricStat/Metric/MetricName").asText());
    assertEquals(
        "[{\"Name\":\"service\",\"Value\":{\"Ref\":\"ServiceName\"}}]",
        byId.get("decisions").at("/MetricStat/Metric/Dimensions").toString());
    assertEquals(
        "100 * FILL(errors, 0) / decisions", byId.get("errorRate").path("Expression").asText());
    assertTrue(byId.get("errorRate").path("ReturnData").asBoolean());
  }

  private static void assertNull(@Nullable JsonNode n) {
    assertTrue(n == null, String.valueOf(n));
  }

  private static void assertNull(@Nullable JsonNode n, String message) {
    assertTrue(n == null, message + ": " + n);
  }
}
