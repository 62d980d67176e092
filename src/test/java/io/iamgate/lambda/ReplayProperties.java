package io.iamgate.lambda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iamgate.testing.ApiGatewayPolicy;
import io.iamgate.testing.AuthorizerConfig;
import io.iamgate.testing.AuthorizerConfigurations;
import io.iamgate.testing.AuthorizerSpec;
import io.iamgate.testing.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * No cached answer ever allows what a fresh evaluation denies — over random bundles, not only the
 * sample. Each try draws a configuration of the matrix (cache mode × payload × simple responses ×
 * credential kind; {@code $connect} answers are never cached) and a random API: routes with
 * literal, {@code {param}} and {@code {greedy+}} segments, one random policy for the token caller
 * and the API-key caller (actions and resource patterns that match some routes and not others, Deny
 * statements, source-IP conditions, route and statement resources that substitute a request
 * header), and calls on those routes whose path parameters hold what callers can send: {@code *},
 * {@code ?}, {@code %2A}, {@code ..}, colons, empty and very long segments, a trailing slash, and
 * an {@code x-tenant} header that varies. Every answer is replayed, with API Gateway's matching
 * ({@link ApiGatewayPolicy}: a matching Deny wins, {@code *} spans {@code /}, {@code ?} is one
 * character), for every other call API Gateway would replay it for — a policy answer for every call
 * of the same identity (the worst case: identity sources without the route), a simple answer for
 * the same method and path (the identity sources template.yaml configures) — and compared with that
 * call's fresh answer. Not checked: a replay for the same ARN with another header value, the
 * documented known limit that iamgate warns about at startup.
 */
class ReplayProperties {
  private static final AtomicLong ANSWERS = new AtomicLong();
  private static final AtomicLong REPLAYS = new AtomicLong();
  private static final AtomicLong REPLAYED_ALLOWS = new AtomicLong();
  private static final AtomicLong WRONG_ALLOWS = new AtomicLong();

  private static final List<String> LITERALS = List.of("orders", "items", "a", "b", "x:y");
  private static final List<String> ACTIONS =
      List.of("svc:Get", "svc:Put", "svc:Delete", "svc:GetItem", "other:Do");
  private static final List<String> HOSTILE =
      List.of(
          "*",
          "?",
          "%2A",
          "..",
          "a*b",
          "?x",
          "ord-1",
          "ord-2",
          "a",
          "a:b",
          "arn:aws:*",
          "",
          "x".repeat(600),
          "*/GET/*",
          "a//b");

  @Provide
  Arbitrary<AuthorizerConfig> configs() throws NoSuchMethodException {
    AuthorizerSpec spec =
        Spec.class.getDeclaredMethod("matrix").getAnnotation(AuthorizerSpec.class);
    return Arbitraries.of(AuthorizerConfigurations.all(spec));
  }

  /** Holds the matrix this property draws from: every dimension, {@code $connect} left out. */
  private static final class Spec {
    @AuthorizerSpec(
        payload = {
          AuthorizerConfig.Payload.REST_TOKEN,
          AuthorizerConfig.Payload.REST_REQUEST,
          AuthorizerConfig.Payload.HTTP_V1,
          AuthorizerConfig.Payload.HTTP_V2
        })
    void matrix() {}
  }

  /** A random API: its routes, the bundle, and the calls to make. */
  record Api(String bundle, List<Call> calls) {}

  /**
   * A call on a route: method, concrete path (no leading slash), template, bound parameters and the
   * {@code x-tenant} header it sends.
   */
  record Call(
      String verb, String path, String template, Map<String, String> params, String tenant) {
    @Override
    public String toString() {
      return verb
          + " /"
          + path.substring(0, Math.min(path.length(), 60))
          + " (x-tenant "
          + tenant
          + ")";
    }
  }

  private record Route(String method, List<String> segments, String action, String resource) {
    String template() {
      return "/" + String.join("/", segments);
    }
  }

  static Api api(long seed) {
    Random r = new Random(seed);
    List<Route> routes = new ArrayList<>();
    Set<String> shapes = new LinkedHashSet<>();
    int n = 2 + r.nextInt(5);
    for (int i = 0; i < n; i++) {
      String method = List.of("GET", "POST", "DELETE", "ANY").get(r.nextInt(4));
      List<String> segments = new ArrayList<>();
      int depth = 1 + r.nextInt(3);
      String firstParam = null;
      for (int d = 0; d < depth; d++) {
        int kind = r.nextInt(10);
        if (kind < 5 || d == 0) {
          segments.add(LITERALS.get(r.nextInt(LITERALS.size())));
        } else if (kind < 9 || d < depth - 1) {
          String name = "p" + d;
          segments.add("{" + name + "}");
          firstParam = firstParam == null ? name : firstParam;
        } else {
          segments.add("{rest+}");
          firstParam = firstParam == null ? "rest" : firstParam;
        }
      }
      String shape = method + " " + String.join("/", segments).replaceAll("\\{[^}]*}", "{}");
      if (!shapes.add(shape)) {
        continue;
      }
      String resource =
          switch (r.nextInt(5)) {
            case 0 -> "*";
            case 1 -> "arn:app:svc:::thing/" + segments.get(0);
            case 2 -> "arn:app:svc:::thing/${request:header/x-tenant, 'public'}/" + segments.get(0);
            default ->
                firstParam == null
                    ? "arn:app:svc:::thing/" + segments.get(0)
                    : "arn:app:svc:::thing/"
                        + segments.get(0)
                        + "/${request:path/"
                        + firstParam
                        + "}";
          };
      routes.add(new Route(method, segments, ACTIONS.get(r.nextInt(ACTIONS.size())), resource));
    }
    StringBuilder statements = new StringBuilder("[");
    int s = 1 + r.nextInt(4);
    for (int i = 0; i < s; i++) {
      String effect = r.nextInt(4) == 0 ? "Deny" : "Allow";
      String action = List.of("svc:*", "svc:Get*", "svc:Put", "other:Do", "*").get(r.nextInt(5));
      String resource =
          List.of(
                  "*",
                  "arn:app:svc:::thing/*",
                  "arn:app:svc:::thing/orders/*",
                  "arn:app:svc:::thing/orders/ord-1",
                  "arn:app:svc:::thing/a*",
                  "arn:app:svc:::thing/*/?",
                  "arn:app:svc:::thing/items",
                  "arn:app:svc:::thing/public/*",
                  "arn:app:svc:::thing/${request:header/x-tenant}/*")
              .get(r.nextInt(9));
      String condition =
          switch (r.nextInt(6)) {
            case 0 -> ", \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"203.0.113.0/24\"}}";
            case 1 -> ", \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"198.51.100.0/24\"}}";
            default -> "";
          };
      statements
          .append(i == 0 ? "" : ",")
          .append("{\"Effect\": \"")
          .append(effect)
          .append("\", \"Action\": \"")
          .append(action)
          .append("\", \"Resource\": \"")
          .append(resource)
          .append('"')
          .append(condition)
          .append('}');
    }
    statements.append(']');
    StringBuilder routeJson = new StringBuilder("[");
    for (int i = 0; i < routes.size(); i++) {
      Route route = routes.get(i);
      routeJson
          .append(i == 0 ? "" : ",")
          .append("{\"method\": \"")
          .append(route.method())
          .append("\", \"path\": \"")
          .append(route.template())
          .append("\", \"action\": \"")
          .append(route.action())
          .append("\", \"resource\": \"")
          .append(route.resource())
          .append("\"}");
    }
    routeJson.append(']');
    List<Call> calls = new ArrayList<>();
    for (Route route : routes) {
      for (int k = 0; k < 3; k++) {
        String verb =
            route.method().equals("ANY")
                ? List.of("GET", "PUT", "DELETE").get(r.nextInt(3))
                : route.method();
        Map<String, String> params = new LinkedHashMap<>();
        List<String> path = new ArrayList<>();
        for (String seg : route.segments()) {
          if (seg.startsWith("{")) {
            String value = HOSTILE.get(r.nextInt(HOSTILE.size()));
            // API Gateway binds a {param} to one non-empty segment, and a {greedy+} to one or
            // more segments, which may hold empty ones (a//b)
            boolean greedy = seg.endsWith("+}");
            while (value.isEmpty() || (!greedy && value.contains("/"))) {
              value = HOSTILE.get(r.nextInt(HOSTILE.size()));
            }
            if (greedy && r.nextBoolean()) {
              value = value + "/" + HOSTILE.get(r.nextInt(HOSTILE.size())) + "/x";
            }
            params.put(seg.substring(1, seg.length() - (seg.endsWith("+}") ? 2 : 1)), value);
            path.add(value);
          } else {
            path.add(seg);
          }
        }
        // the router takes a trailing slash for the route without it
        String concrete = String.join("/", path) + (r.nextInt(5) == 0 ? "/" : "");
        String tenant = List.of("public", "acme", "*").get(r.nextInt(3));
        calls.add(new Call(verb, concrete, route.template(), params, tenant));
      }
    }
    return new Api(bundle(statements.toString(), routeJson.toString()), calls);
  }

  /** alice (tokens) and bob (his API key) with the same random policy, on the given routes. */
  private static String bundle(String statements, String routes) {
    try {
      String sample = Files.readString(Path.of("src/main/resources/iamgate/sample-bundle.json"));
      String issuers =
          sample.substring(
              sample.indexOf("\"issuers\":"), sample.indexOf(",\n    \"apiKeyHeader\""));
      String bobKeys =
          sample.substring(
              sample.indexOf("\"apiKeys\": ["),
              sample.indexOf("]", sample.indexOf("\"apiKeys\": [")) + 1);
      return "{\"account\": \"123456789012\",\n"
          + "\"policies\": {\"P\": {\"Version\": \"2012-10-17\", \"Statement\": "
          + statements
          + "}},\n"
          + "\"users\": {\"alice\": {\"policies\": [\"P\"]}, \"bob\": {\"policies\": [\"P\"], "
          + bobKeys
          + "}},\n"
          + "\"identity\": {\"userClaim\": \"cognito:username\", \"apiKeyHeader\": \"x-api-key\", "
          + issuers
          + "},\n"
          + "\"routes\": "
          + routes
          + "}";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<String> respond(AuthorizerHandler handler, String event)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(
          new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
    } catch (AuthorizerHandler.UnauthorizedException e) {
      return Optional.empty();
    }
    return Optional.of(out.toString(StandardCharsets.UTF_8));
  }

  @Property(tries = 500)
  void aReplayedAnswerNeverAllowsWhatAFreshOneDenies(
      @ForAll("configs") AuthorizerConfig config, @ForAll long seed) throws IOException {
    Api api = api(seed);
    Path file = Files.createTempFile("iamgate-replay", ".json");
    try {
      Files.writeString(file, api.bundle());
      AuthorizerHandler handler =
          new AuthorizerHandler(
              Map.of(
                  "IAMGATE_BUNDLE", "file:" + file,
                  "IAMGATE_CACHE_MODE", config.cacheMode().setting(),
                  "IAMGATE_HTTP_SIMPLE_RESPONSES", Boolean.toString(config.simpleResponses())),
              new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
      AuthorizerConfig.Caller caller =
          config.credential() == AuthorizerConfig.Credential.API_KEY
              ? new AuthorizerConfig.Caller("bob (API key)", AuthorizerConfig.BOB_API_KEY)
              : new AuthorizerConfig.Caller("alice", SampleEvents.alice());
      List<Call> calls = api.calls();
      List<Optional<String>> answers = new ArrayList<>();
      List<Boolean> fresh = new ArrayList<>();
      for (Call c : calls) {
        Optional<String> answer =
            respond(
                handler,
                config.event(
                    caller,
                    c.verb(),
                    c.path(),
                    c.template(),
                    c.params(),
                    Map.of("x-tenant", c.tenant())));
        answers.add(answer);
        fresh.add(
            answer.isPresent()
                && ApiGatewayPolicy.responseAllows(answer.get(), config.arn(c.verb(), c.path())));
      }
      List<String> wrong = new ArrayList<>();
      for (int i = 0; i < calls.size(); i++) {
        Optional<String> cached = answers.get(i);
        if (cached.isEmpty()) {
          continue; // a 401 is not cached
        }
        ANSWERS.incrementAndGet();
        for (int j = 0; j < calls.size(); j++) {
          Call first = calls.get(i);
          Call second = calls.get(j);
          boolean replayed =
              !config.answersSimply()
                  || (first.verb().equals(second.verb()) && first.path().equals(second.path()));
          boolean sameArn =
              first.verb().equals(second.verb()) && first.path().equals(second.path());
          if (!replayed || (sameArn && !first.tenant().equals(second.tenant()))) {
            // the known limit (docs/authorizer.md, "Caching safely"): an answer replayed for the
            // same ARN with another value of a key no ARN holds, which iamgate warns about at
            // startup (ReplayRisksTest)
            continue;
          }
          REPLAYS.incrementAndGet();
          boolean allows =
              ApiGatewayPolicy.responseAllows(
                  cached.get(), config.arn(second.verb(), second.path()));
          if (allows) {
            REPLAYED_ALLOWS.incrementAndGet();
          }
          if (allows && !fresh.get(j)) {
            wrong.add("after " + first + ", the cached answer allows " + second);
          }
        }
      }
      WRONG_ALLOWS.addAndGet(wrong.size());
      assertTrue(
          wrong.isEmpty(),
          () -> config + "\n" + String.join("\n", wrong) + "\nbundle: " + api.bundle());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @AfterContainer
  static void report() {
    System.out.println(
        "ReplayProperties: "
            + ANSWERS.get()
            + " answers replayed against "
            + REPLAYS.get()
            + " calls ("
            + REPLAYED_ALLOWS.get()
            + " replayed allows), wrong allows: "
            + WRONG_ALLOWS.get());
  }
}
