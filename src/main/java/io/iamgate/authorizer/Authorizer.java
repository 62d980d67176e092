package io.iamgate.authorizer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.github.benmanes.caffeine.cache.Ticker;
import io.iamgate.auth.ApiKeyAuthenticator;
import io.iamgate.auth.AuthenticationException;
import io.iamgate.auth.Credentials;
import io.iamgate.auth.TokenVerifier;
import io.iamgate.bundle.RouteTable;
import io.iamgate.compile.StatementRef;
import io.iamgate.eval.Decision;
import io.iamgate.eval.Evaluation;
import io.iamgate.eval.Evaluator;
import io.iamgate.eval.Request;
import io.iamgate.eval.RequestContext;
import io.iamgate.gateway.AuthorizerResponse;
import io.iamgate.gateway.GatewayEvent;
import io.iamgate.identity.Claims;
import io.iamgate.identity.IdentityMapper;
import io.iamgate.identity.Principal;
import io.iamgate.policy.parse.Json;
import io.iamgate.store.BundleStore;
import io.iamgate.store.CompiledBundle;
import io.iamgate.store.PrincipalEntry;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Decides one API Gateway authorizer event: credentials (a bearer JWT, or an API key) → principal
 * (the bundle's identity mapping, with trust policies) → the route's action and resource → the
 * engine's decision → a response. Fails closed: no bundle, no or bad credentials, an unmapped
 * caller, an unresolvable route resource or any error is a denial (or a 401 where that is the right
 * answer). Thread-safe.
 */
public final class Authorizer {
  private static final JsonFactory JSON = new JsonFactory();

  /** Bytes of configured claims a response context may carry (with the route table, under 8 KB). */
  static final int CONTEXT_CLAIMS_BUDGET = 2048;

  /** RFC 8176 authentication method references that mean a second factor. */
  private static final java.util.Set<String> SECOND_FACTORS =
      java.util.Set.of("mfa", "otp", "hwk", "swk", "sms", "fpt");

  private final BundleStore store;
  private final AuthorizerSettings settings;
  private final Clock clock;
  private final AtomicReference<Verifiers> verifiers = new AtomicReference<>();

  /**
   * The route-table part of a response depends only on the bundle version, the principal, the exact
   * credentials (their claims may be in conditions) and the API stage: it is computed once per such
   * key, for at most 10 minutes.
   */
  private record TableKey(
      String bundleVersion, String principal, String credentials, String apiStage) {}

  private final com.github.benmanes.caffeine.cache.Cache<TableKey, CachePolicy.RouteTable>
      routeTables =
          com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
              .maximumSize(10_000)
              .expireAfterWrite(java.time.Duration.ofMinutes(10))
              .executor(Runnable::run)
              .build();

  /** The credential checkers of one bundle version. */
  private record Verifiers(
      CompiledBundle bundle,
      TokenVerifier tokens,
      ApiKeyAuthenticator apiKeys,
      List<CachePolicy.Route> routes) {}

  public Authorizer(BundleStore store, AuthorizerSettings settings, Clock clock) {
    this.store = store;
    this.settings = settings;
    this.clock = clock;
  }

  public BundleStore store() {
    return store;
  }

  private Verifiers verifiers(CompiledBundle b) {
    Verifiers v = verifiers.get();
    if (v == null || v.bundle() != b) {
      v =
          new Verifiers(
              b,
              new TokenVerifier(
                  b.bundle().identity().issuers(),
                  settings.clockSkew(),
                  clock,
                  Ticker.systemTicker(),
                  settings.fetchTimeout()),
              new ApiKeyAuthenticator(b.bundle()),
              b.bundle().routes().stream().map(CachePolicy.Route::of).toList());
      verifiers.set(v);
    }
    return v;
  }

  /** Decides an event. Never throws. */
  public Outcome authorize(GatewayEvent event) {
    long start = System.nanoTime();
    Log log = new Log(event, start);
    try {
      return decide(event, log);
    } catch (RuntimeException e) {
      log.reason = "internal error: " + e;
      return log.deny(event, "anonymous", Map.of());
    }
  }

  private Outcome decide(GatewayEvent event, Log log) {
    Optional<CompiledBundle> current = store.current();
    if (current.isEmpty()) {
      log.reason =
          "no policy bundle is loaded"
              + (store.lastProblem() == null ? "" : ": " + store.lastProblem());
      return log.deny(event, "anonymous", Map.of());
    }
    CompiledBundle bundle = current.get();
    log.bundle = bundle.bundle().shortVersion();
    Verifiers v = verifiers(bundle);

    // 1. credentials
    Credentials credentials;
    String apiKey = event.header(bundle.bundle().identity().apiKeyHeader());
    try {
      if (event.token() != null) {
        credentials = v.tokens().verify(event.token());
      } else if (apiKey != null) {
        credentials = v.apiKeys().authenticate(apiKey);
      } else {
        throw new AuthenticationException("no bearer token and no API key");
      }
    } catch (AuthenticationException e) {
      log.reason = e.getMessage();
      return log.unauthorized(event);
    }
    return decideFor(event, bundle, v, credentials, apiKey, log);
  }

  private Outcome decideFor(
      GatewayEvent event,
      CompiledBundle bundle,
      Verifiers v,
      Credentials credentials,
      @Nullable String apiKey,
      Log log) {
    // 2. principal
    String requestedRole = event.header(bundle.bundle().identity().roleHeader());
    String apiKeyUser = credentials.apiKeyUser(); // set exactly for an API-key caller
    IdentityMapper.Result mapped =
        apiKeyUser != null
            ? (requestedRole == null
                ? new IdentityMapper.Result(Principal.user(apiKeyUser), null)
                : bundle.identityMapper().userAssumesRole(apiKeyUser, requestedRole))
            : bundle
                .identityMapper()
                .fromClaims(credentials.claims(), credentials.issuer(), requestedRole);
    Principal principal = mapped.principal();
    if (principal == null) {
      log.reason = mapped.problem();
      return log.deny(event, "anonymous:" + credentials.subject(), Map.of());
    }
    log.principal = principal.toString();
    Optional<PrincipalEntry> entry = bundle.principal(principal);
    if (entry.isEmpty()) {
      log.reason = "the bundle has no " + principal;
      return log.deny(event, principal.key(), Map.of());
    }

    // 3. context and route
    Instant now =
        event.requestTimeEpochMillis() == null
            ? clock.instant()
            : Instant.ofEpochMilli(event.requestTimeEpochMillis());
    Map<String, Object> stable = stableContext(event, credentials, now);
    Map<String, Object> context = new LinkedHashMap<>(stable);
    context.putAll(requestContext(event, now));
    Map<String, String> variables = new LinkedHashMap<>();
    context.forEach(
        (k, val) -> {
          if (val instanceof String s) {
            variables.put(k, s);
          }
        });
    String method = event.method() != null ? event.method() : event.arn().verb();
    String path = event.path() != null ? event.path() : "/" + event.arn().path();
    RouteTable.Match match =
        event.kind() == GatewayEvent.Kind.WEBSOCKET_CONNECT || method == null
            ? new RouteTable.Match(
                RouteTable.DEFAULT_ACTION, event.arn().toString(), null, Map.of())
            : bundle.routes().match(method, path, event.arn().toString(), variables);
    log.action = match.action();
    if (match.resource() == null) {
      log.reason = "the route's resource cannot be resolved for this request";
      return log.deny(event, principal.key(), responseContext(principal, bundle, log, null));
    }
    log.resource = match.resource();
    match.pathParameters().forEach((k, val) -> context.putIfAbsent("request:path/" + k, val));

    // 4. decision
    PrincipalEntry pe = entry.get();
    RequestContext.Builder cb = RequestContext.builder();
    context.forEach(
        (k, val) -> {
          if (!pe.ownsKey(io.iamgate.policy.CaseFold.foldKey(k))) {
            cb.putValue(k, val);
          }
        });
    pe.addTo(cb);
    if (!cb.problems().isEmpty()) {
      log.reason = String.join("; ", cb.problems());
      return log.deny(event, principal.key(), responseContext(principal, bundle, log, null));
    }
    Evaluation e =
        Evaluator.decide(pe.policies(), Request.of(match.action(), match.resource(), cb.build()));
    log.decision = e.decision();
    log.statement = e.statementRef();
    log.reason = e.reason();
    boolean simple = event.kind().canAnswerSimply() && settings.simpleResponses();
    String arn = event.arn().toString();
    if (!simple && e.decision() == Decision.ALLOW && arn.length() > CachePolicy.MAX_RESOURCE) {
      log.decision = Decision.IMPLICIT_DENY;
      log.statement = null;
      log.reason =
          "allowed, but the method ARN is "
              + arn.length()
              + " characters long and API Gateway accepts at most "
              + CachePolicy.MAX_RESOURCE
              + " in a policy; denied";
      return log.deny(event, principal.key(), responseContext(principal, bundle, log, credentials));
    }
    Map<String, Object> responseContext = responseContext(principal, bundle, log, credentials);

    // 5. response
    if (simple) {
      return log.outcome(
          new AuthorizerResponse.Simple(e.decision() == Decision.ALLOW, responseContext));
    }
    List<AuthorizerResponse.Statement> statements;
    boolean allowed = e.decision() == Decision.ALLOW;
    if (settings.cacheMode() == AuthorizerSettings.CacheMode.REQUEST
        || event.kind() == GatewayEvent.Kind.WEBSOCKET_CONNECT
        || match.route() == null) {
      statements = CachePolicy.exact(arn, allowed);
    } else {
      TableKey key =
          new TableKey(
              bundle.version(),
              principal.key(),
              credentials.id(),
              event.arn().apiPrefix() + "/" + event.arn().stage());
      CachePolicy.RouteTable table =
          routeTables.get(
              key,
              k -> {
                Map<String, Object> stableWithPrincipal = new LinkedHashMap<>(stable);
                pe.contextKeys().forEach(stableWithPrincipal::put);
                Map<String, String> stableVariables = new LinkedHashMap<>();
                stableWithPrincipal.forEach(
                    (name, val) -> {
                      if (val instanceof String str) {
                        stableVariables.put(name, str);
                      }
                    });
                return CachePolicy.routeTable(
                    event.arn(),
                    v.routes(),
                    pe.policies(),
                    stableWithPrincipal,
                    r ->
                        bundle
                            .routes()
                            .resolveForAnyPath(r.route(), stableVariables, CachePolicy.PROBE));
              });
      statements = CachePolicy.statements(arn, allowed, table);
      log.routesLeftOut = table.omitted();
    }
    return log.outcome(
        new AuthorizerResponse.Policy(
            principal.key(),
            statements,
            responseContext,
            credentials.isApiKey() && event.kind() == GatewayEvent.Kind.REST_REQUEST
                ? apiKey
                : null));
  }

  /**
   * Runs every layer once — JWT signature verification with a throwaway key for each key type the
   * bundle's issuers accept (RSA for RS and PS algorithms, EC for ES), then a whole decision for
   * the bundle's first user on its first route — so that the first real request does not pay for
   * class loading and interpreted code. A key type no issuer accepts is not warmed: that would only
   * lengthen the cold start. Never throws.
   *
   * @return what was warmed, e.g. {@code [RSA signature, decision]}
   */
  public List<String> warmUp() {
    List<String> done = new java.util.ArrayList<>();
    Optional<CompiledBundle> current = store.current();
    java.util.Set<String> keyTypes = new java.util.TreeSet<>();
    current.ifPresent(
        b ->
            b.bundle()
                .identity()
                .issuers()
                .forEach(
                    i ->
                        i.algorithms()
                            .forEach(a -> keyTypes.add(a.startsWith("ES") ? "EC" : "RSA"))));
    done.addAll(warmUpSignatures(keyTypes));
    if (current.isEmpty() || current.get().bundle().users().isEmpty()) {
      return done;
    }
    CompiledBundle bundle = current.get();
    String user = bundle.bundle().users().keySet().iterator().next();
    io.iamgate.bundle.Bundle.Route route =
        bundle.bundle().routes().isEmpty() ? null : bundle.bundle().routes().get(0);
    String method = route == null ? "GET" : route.method().equals("ANY") ? "GET" : route.method();
    String path = route == null ? "/warm-up" : route.path().replaceAll("\\{[^}]+}", "warm-up");
    try {
      GatewayEvent event =
          new GatewayEvent(
              GatewayEvent.Kind.REST_REQUEST,
              io.iamgate.gateway.MethodArn.parse(
                  "arn:aws:execute-api:eu-west-1:000000000000:warmup/prod/" + method + path),
              method,
              path,
              route == null ? null : route.path(),
              null,
              Map.of("user-agent", List.of("warm-up")),
              Map.of(),
              Map.of(),
              Map.of(),
              "192.0.2.1",
              "warm-up",
              clock.millis(),
              "warm-up");
      Log log = new Log(event, System.nanoTime());
      Outcome o =
          decideFor(
              event,
              bundle,
              verifiers(bundle),
              new Credentials(null, user, Map.of(), null, user, "warm-up", "warm-up"),
              null,
              log);
      new io.iamgate.gateway.ResponseWriter(JSON)
          .write(o.response(), java.io.OutputStream.nullOutputStream());
      done.add("decision");
    } catch (RuntimeException | IOException e) {
      // warming is best effort
    }
    return done;
  }

  /**
   * Verifies the tokens of {@code /iamgate/warm-up.json} for {@code keyTypes} ({@code RSA}, {@code
   * EC}), signed by a throwaway key whose private half was discarded. The file is read and the
   * verifier built once, with only the keys of those types.
   *
   * @return what verified, e.g. {@code [RSA signature]}
   */
  private List<String> warmUpSignatures(java.util.Set<String> keyTypes) {
    List<String> warmed = new java.util.ArrayList<>();
    if (keyTypes.isEmpty()) {
      return warmed;
    }
    try (java.io.InputStream in = Authorizer.class.getResourceAsStream("/iamgate/warm-up.json")) {
      if (in == null) {
        return warmed;
      }
      Json root =
          io.iamgate.policy.parse.JsonReader.read(
                  new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), null, 0)
              .value();
      if (!(root instanceof Json.JObject w)
          || !(w.get("jwks") instanceof Json.JObject jwks)
          || !(jwks.get("keys") instanceof Json.JArray jwkArray)
          || !(w.get("tokens") instanceof Json.JObject tokens)) {
        return warmed; // not the file this jar ships
      }
      List<String> keys = new java.util.ArrayList<>();
      for (Json k : jwkArray.items()) {
        String kty =
            k instanceof Json.JObject ko && ko.get("kty") instanceof Json.JString s
                ? s.value()
                : null;
        if (kty != null && keyTypes.contains(kty)) {
          keys.add(io.iamgate.bundle.Canonical.text(k));
        }
      }
      TokenVerifier verifier =
          new TokenVerifier(
              List.of(
                  new io.iamgate.bundle.Bundle.Issuer(
                      "https://warm-up.invalid",
                      List.of("warm-up"),
                      List.of(),
                      null,
                      List.of("RS256", "ES256"),
                      "{\"keys\":[" + String.join(",", keys) + "]}",
                      null)),
              settings.clockSkew(),
              clock,
              Ticker.systemTicker(),
              settings.fetchTimeout());
      for (String keyType : keyTypes) {
        try {
          Json token = tokens.get(keyType);
          verifier.verify(token == null ? null : Json.scalarText(token));
          warmed.add(keyType + " signature");
        } catch (AuthenticationException | RuntimeException e) {
          // warming is best effort
        }
      }
    } catch (IOException | RuntimeException | LinkageError e) {
      // warming is best effort
    }
    return warmed;
  }

  /**
   * Keys that stay the same for every request of one identity (so a cached answer may use them).
   */
  private static Map<String, Object> stableContext(GatewayEvent event, Credentials c, Instant now) {
    Map<String, Object> ctx = new LinkedHashMap<>();
    ctx.put("aws:SecureTransport", "true");
    ctx.put("aws:RequestedRegion", event.arn().region());
    ctx.put("request:stage", event.arn().stage());
    if (!c.isApiKey()) {
      ctx.putAll(Claims.toContext(c.claims()));
      Object iat = c.claims().get("iat");
      if (iat instanceof Number n) {
        ctx.put("aws:TokenIssueTime", Instant.ofEpochSecond(n.longValue()).toString());
      }
      Object amr = c.claims().get("amr");
      List<?> methods =
          amr instanceof List<?> l ? l : amr instanceof String s ? List.of(s) : List.of();
      boolean mfa = methods.stream().anyMatch(SECOND_FACTORS::contains);
      ctx.put("aws:MultiFactorAuthPresent", mfa ? "true" : "false");
      if (mfa && c.claims().get("auth_time") instanceof Number at) {
        ctx.put(
            "aws:MultiFactorAuthAge",
            Long.toString(Math.max(0, now.getEpochSecond() - at.longValue())));
      }
    }
    return ctx;
  }

  /** Keys that differ from request to request. */
  private static Map<String, Object> requestContext(GatewayEvent event, Instant now) {
    Map<String, Object> ctx = new LinkedHashMap<>();
    ctx.put("aws:CurrentTime", now.toString());
    ctx.put("aws:EpochTime", Long.toString(now.getEpochSecond()));
    if (event.sourceIp() != null) {
      ctx.put("aws:SourceIp", event.sourceIp());
    }
    if (event.userAgent() != null) {
      ctx.put("aws:UserAgent", event.userAgent());
    }
    if (event.method() != null) {
      ctx.put("request:method", event.method());
    }
    event.pathParameters().forEach((k, v) -> ctx.put("request:path/" + k, v));
    event
        .headers()
        .forEach(
            (k, v) -> {
              if (!k.equals("authorization") && !k.equals("cookie") && !k.equals("x-api-key")) {
                ctx.put("request:header/" + k, v.size() == 1 ? v.get(0) : v);
              }
            });
    event.query().forEach((k, v) -> ctx.put("request:query/" + k, v.size() == 1 ? v.get(0) : v));
    return ctx;
  }

  private Map<String, Object> responseContext(
      Principal p, CompiledBundle b, Log log, @Nullable Credentials c) {
    Map<String, Object> ctx = new LinkedHashMap<>();
    ctx.put("principal", p.key());
    ctx.put(p.kind() == Principal.Kind.USER ? "user" : "role", p.name());
    if (p.kind() == Principal.Kind.USER) {
      var u = b.bundle().users().get(p.name());
      List<String> groups = u == null ? p.groups() : b.resolver().groupsOf(u, p);
      if (!groups.isEmpty()) {
        ctx.put("groups", String.join(",", groups));
      }
    }
    ctx.put("bundleVersion", b.bundle().shortVersion());
    ctx.put("decisionId", log.id);
    if (log.decision != null) {
      ctx.put("decision", log.decision.text());
    }
    if (log.statement != null) {
      ctx.put("statement", log.statement.toString());
    }
    if (c != null) {
      int budget = CONTEXT_CLAIMS_BUDGET;
      for (String claim : settings.contextClaims()) {
        Object v = c.claims().get(claim);
        Object value =
            v instanceof String || v instanceof Number || v instanceof Boolean
                ? v
                : v instanceof List<?> l
                    ? String.join(",", l.stream().map(String::valueOf).toList())
                    : null;
        if (value == null) {
          continue;
        }
        int size = claim.length() + String.valueOf(value).length() + 16;
        if (size > budget) {
          // the response must stay under API Gateway's 8 KB
          log.claimsLeftOut.add(claim);
          continue;
        }
        budget -= size;
        ctx.put("claim:" + claim, value);
      }
    }
    return ctx;
  }

  /** Collects what the decision log records about one event. */
  private final class Log {
    final String id = UUID.randomUUID().toString();
    final GatewayEvent event;
    final long start;
    @Nullable String bundle;
    @Nullable String principal;
    @Nullable String action;
    @Nullable String resource;
    @Nullable Decision decision;
    @Nullable StatementRef statement;
    @Nullable String reason;

    /** Allowed routes a route-table response left out to fit API Gateway's limits. */
    int routesLeftOut;

    /** Configured context claims left out of the response to fit API Gateway's limits. */
    final List<String> claimsLeftOut = new java.util.ArrayList<>();

    Log(GatewayEvent event, long start) {
      this.event = event;
      this.start = start;
    }

    Outcome unauthorized(GatewayEvent e) {
      boolean http = e.kind() == GatewayEvent.Kind.HTTP_V1 || e.kind() == GatewayEvent.Kind.HTTP_V2;
      if (http) {
        return deny(e, "anonymous", Map.of());
      }
      return new Outcome(AuthorizerResponse.Unauthorized.INSTANCE, line("Unauthorized"));
    }

    Outcome deny(GatewayEvent e, String principalId, Map<String, Object> context) {
      if (decision == null) {
        decision = Decision.IMPLICIT_DENY;
      }
      if (e.kind().canAnswerSimply() && settings.simpleResponses()) {
        return outcome(new AuthorizerResponse.Simple(false, context));
      }
      return outcome(
          new AuthorizerResponse.Policy(
              principalId, CachePolicy.exact(e.arn().toString(), false), context, null));
    }

    Outcome outcome(AuthorizerResponse r) {
      return new Outcome(r, line(decision == null ? "Deny" : decision.text()));
    }

    private String line(String outcome) {
      StringWriter w = new StringWriter();
      try (JsonGenerator g = JSON.createGenerator(w)) {
        g.writeStartObject();
        g.writeStringField("time", clock.instant().toString());
        g.writeStringField("logger", "iamgate.decision");
        g.writeStringField("decisionId", id);
        g.writeStringField("outcome", outcome);
        write(g, "reason", reason);
        write(g, "principal", principal);
        write(g, "action", action);
        write(g, "resource", resource);
        write(g, "statement", statement == null ? null : statement.toString());
        write(g, "bundleVersion", bundle);
        if (routesLeftOut > 0) {
          g.writeNumberField("routesLeftOut", routesLeftOut);
        }
        if (!claimsLeftOut.isEmpty()) {
          g.writeStringField("claimsLeftOut", String.join(",", claimsLeftOut));
        }
        g.writeStringField("eventType", event.kind().name());
        g.writeStringField("methodArn", event.arn().toString());
        write(g, "sourceIp", event.sourceIp());
        write(g, "requestId", event.requestId());
        g.writeNumberField("latencyMicros", (System.nanoTime() - start) / 1000);
        g.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return w.toString();
    }

    private void write(JsonGenerator g, String k, @Nullable String v) throws IOException {
      if (v != null) {
        g.writeStringField(k, v);
      }
    }
  }
}
