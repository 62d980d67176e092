package io.iamgate.authorizer;

import com.github.benmanes.caffeine.cache.Ticker;
import io.iamgate.audit.DecisionEvent;
import io.iamgate.audit.Masking;
import io.iamgate.authn.AuthenticationException;
import io.iamgate.authn.Authenticator;
import io.iamgate.authn.Credentials;
import io.iamgate.bundle.Bundle;
import io.iamgate.compile.PolicyType;
import io.iamgate.eval.Decision;
import io.iamgate.eval.NearMiss;
import io.iamgate.facade.Authorization;
import io.iamgate.facade.IamGate;
import io.iamgate.gateway.AuthorizerResponse;
import io.iamgate.gateway.GatewayEvent;
import io.iamgate.gateway.RequestMapper;
import io.iamgate.identity.Directory;
import io.iamgate.identity.IdentityMapper;
import io.iamgate.identity.Principal;
import io.iamgate.identity.PrincipalEntry;
import io.iamgate.store.BundleStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Decides one API Gateway authorizer event, one call per stage: authenticate ({@link
 * Authenticator}) → map to a principal ({@link IdentityMapper}) → build the request from the event
 * ({@link RequestMapper}) → the engine ({@link IamGate#decide}) → the answer API Gateway may cache
 * ({@link RouteTablePolicy}) → the decision event ({@link Trail}). Fails closed: no bundle, no or
 * bad credentials, an unmapped caller, an unresolvable route resource or any error is a denial (or
 * a 401 where that is the right answer). Thread-safe.
 */
public final class Authorizer {
  private final BundleStore<Directory> store;
  private final AuthorizerSettings settings;
  private final Clock clock;
  private final Ticker ticker;
  private final RouteTables routeTables;
  private final String cacheMode;
  private final AtomicReference<@Nullable PerBundle> perBundle = new AtomicReference<>();

  /**
   * What is built once per bundle version: the authenticator, the routes as ARN patterns, and the
   * API key ids (lower-cased), whose keys are masked wherever a caller put one in the request.
   */
  private record PerBundle(
      Directory directory,
      Authenticator authenticator,
      List<RouteTablePolicy.Route> routes,
      java.util.Set<String> keyIds) {}

  /**
   * @param store the bundle in use
   * @param settings the authorizer's settings
   * @param clock the time of decisions, token checks and log lines
   * @param ticker the clock of the caches (verified tokens, JWKS, route tables)
   */
  public Authorizer(
      BundleStore<Directory> store, AuthorizerSettings settings, Clock clock, Ticker ticker) {
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.ticker = ticker;
    this.routeTables = new RouteTables(ticker);
    this.cacheMode =
        settings.cacheMode() == AuthorizerSettings.CacheMode.ROUTE_TABLE
            ? "route-table"
            : "request";
  }

  /** An authorizer on the system ticker. */
  public Authorizer(BundleStore<Directory> store, AuthorizerSettings settings, Clock clock) {
    this(store, settings, clock, Ticker.systemTicker());
  }

  /** The bundle in use. */
  public BundleStore<Directory> store() {
    return store;
  }

  AuthorizerSettings settings() {
    return settings;
  }

  Clock clock() {
    return clock;
  }

  Ticker ticker() {
    return ticker;
  }

  private PerBundle perBundle(Directory d) {
    PerBundle p = perBundle.get();
    if (p == null || p.directory() != d) {
      p =
          new PerBundle(
              d,
              new Authenticator(
                  d.bundle(), settings.clockSkew(), clock, ticker, settings.fetchTimeout()),
              d.bundle().routes().stream().map(RouteTablePolicy.Route::of).toList(),
              d.bundle().users().values().stream()
                  .flatMap(u -> u.apiKeys().stream())
                  .map(k -> k.id().toLowerCase(java.util.Locale.ROOT))
                  .collect(java.util.stream.Collectors.toUnmodifiableSet()));
      perBundle.set(p);
    }
    return p;
  }

  /** The current bundle's API key ids, lower-cased (empty before a bundle is loaded). */
  public java.util.Set<String> keyIds() {
    PerBundle p = perBundle.get();
    return p == null ? java.util.Set.of() : p.keyIds();
  }

  /**
   * Decides an event. Never throws. The decision event's request-derived texts have every segment
   * that holds a token or an API key of the bundle fingerprinted (a caller may put one in the
   * path).
   */
  public Outcome authorize(GatewayEvent event) {
    Outcome o = authorizeUnmasked(event);
    java.util.Set<String> ids = keyIds();
    try {
      return new Outcome(o.response(), o.event().scrubbed(t -> Masking.scrubRequestText(t, ids)));
    } catch (RuntimeException e) {
      // never throw, never log caller text unscrubbed: keep only its fingerprints
      return new Outcome(o.response(), o.event().scrubbed(Masking::fingerprint));
    }
  }

  private Outcome authorizeUnmasked(GatewayEvent event) {
    Answers started =
        new Answers(
            event, UUID.randomUUID().toString(), System.nanoTime(), simpleFor(event), cacheMode);
    try {
      Optional<Directory> current = store.current();
      if (current.isEmpty()) {
        String problem = store.lastProblem();
        return started.deny(
            Trail.EMPTY.failed(
                "no policy bundle is loaded" + (problem == null ? "" : ": " + problem)),
            "anonymous",
            null);
      }
      Directory d = current.get();
      PerBundle p = perBundle(d);
      Trail trail = Trail.EMPTY.bundle(d.bundle().shortVersion());
      String apiKey = event.header(d.bundle().identity().apiKeyHeader());
      String unclear = unclearCredentials(event, apiKey);
      if (unclear != null) {
        return started.unauthorized(trail.because(unclear));
      }
      Credentials credentials;
      try {
        credentials = p.authenticator().authenticate(event.token(), apiKey);
      } catch (AuthenticationException e) {
        return started.unauthorized(trail.because(e.getMessage()));
      }
      if (!credentials.isApiKey()) {
        trail = trail.tokenCacheHit(credentials.cached());
      }
      return decideFor(started, d, p, credentials, apiKey, trail);
    } catch (RuntimeException e) {
      return started.deny(
          Trail.EMPTY.failed("internal error: " + e.getClass().getSimpleName()), "anonymous", null);
    }
  }

  /**
   * Why the credentials the caller sent cannot be decided on safely, or {@code null}. API Gateway
   * caches an answer under the identity sources' values, so the credential iamgate decides on must
   * be one of them: otherwise an answer for one credential is replayed for callers of another. An
   * {@code Authorization} header that holds no token is refused, never replaced by an API key. A
   * token sent next to an API key is used only where the event shows that the cache key holds it
   * (HTTP APIs list their identity-source values); a REST {@code REQUEST} event does not show them,
   * so a caller sending both is refused there. WebSocket {@code $connect} answers are never cached.
   */
  private static @Nullable String unclearCredentials(GatewayEvent event, @Nullable String apiKey) {
    String token = event.token();
    if (token == null) {
      return null;
    }
    if (token.isEmpty()) {
      return "the Authorization header holds no token";
    }
    if (apiKey == null || event.kind() == GatewayEvent.Kind.WEBSOCKET_CONNECT) {
      return null;
    }
    List<String> sources = event.identitySources();
    String header = event.header("authorization");
    if (sources != null && header != null && sources.contains(header)) {
      return null;
    }
    return "both a bearer token and an API key were sent, and "
        + (sources == null
            ? "a REST REQUEST authorizer's cache key may hold only one of them: send one"
            : "the authorizer's identity sources do not hold the token");
  }

  /** Decides for authenticated credentials: the stages after authentication. */
  Outcome decide(GatewayEvent event, Credentials credentials) {
    Answers started =
        new Answers(
            event, UUID.randomUUID().toString(), System.nanoTime(), simpleFor(event), cacheMode);
    Directory d = store.current().orElseThrow(() -> new IllegalStateException("no bundle"));
    return decideFor(
        started, d, perBundle(d), credentials, null, Trail.EMPTY.bundle(d.bundle().shortVersion()));
  }

  private Outcome decideFor(
      Answers s,
      Directory d,
      PerBundle p,
      Credentials credentials,
      @Nullable String apiKey,
      Trail trail) {
    GatewayEvent event = s.event();
    // principal
    IdentityMapper.Result mapped = principalOf(d, credentials, event);
    Principal principal = mapped.principal();
    if (principal == null) {
      return s.deny(trail.because(mapped.problem()), "anonymous:" + credentials.subject(), null);
    }
    trail = trail.identity(identity(d, principal, credentials));
    Optional<PrincipalEntry> entry = d.principal(principal);
    if (entry.isEmpty()) {
      return s.deny(trail.because("the bundle has no " + principal), principal.key(), null);
    }
    // request
    String catchAll = event.arn().isCatchAll() ? RequestMapper.catchAllProblem(event) : null;
    if (catchAll != null) {
      return s.deny(
          trail.because(catchAll), principal.key(), context(s, d, principal, null, trail));
    }
    RequestMapper.Mapped request =
        RequestMapper.map(
            event, credentials, d.routes(), d.bundle().identity().apiKeyHeader(), now(event));
    String resource = request.match().resource();
    Bundle.Route matched = request.match().route();
    trail =
        trail.route(
            matched == null ? null : matched.method() + " " + matched.path(),
            request.match().action(),
            resource);
    if (resource == null) {
      return s.deny(
          trail.because("the route's resource cannot be resolved for this request"),
          principal.key(),
          context(s, d, principal, null, trail));
    }
    // decision
    Authorization a =
        IamGate.decide(
            d.version(), entry.get(), request.match().action(), resource, request.keys(), false);
    String problem = a.problem();
    if (problem != null) {
      return s.deny(trail.because(problem), principal.key(), context(s, d, principal, null, trail));
    }
    trail =
        trail.decided(
            a.decision(),
            a.statements().stream().findFirst().orElse(null),
            gate(a.failedGate()),
            a.reason());
    if (a.decision() == Decision.IMPLICIT_DENY) {
      // why not: explain again, off the hot path (an implicit deny only), for the decision log
      trail =
          trail.nearMisses(
              IamGate.decide(
                      d.version(),
                      entry.get(),
                      request.match().action(),
                      resource,
                      request.keys(),
                      true)
                  .nearMisses()
                  .stream()
                  .limit(Trail.MAX_NEAR_MISSES)
                  .map(NearMiss::toString)
                  .toList());
    }
    boolean simple = simpleFor(event);
    String arn = event.arn().toString();
    String unallowable = !a.allowed() ? null : unallowable(event, simple);
    // an answer for the called route alone, or one API Gateway replays for every route
    boolean routeTable =
        !simple
            && settings.cacheMode() == AuthorizerSettings.CacheMode.ROUTE_TABLE
            && event.kind() != GatewayEvent.Kind.WEBSOCKET_CONNECT
            && request.match().route() != null
            && !event.arn().isCatchAll();
    RouteTablePolicy table =
        routeTable
            ? routeTables.of(
                event.arn(),
                d,
                p.routes(),
                principal.key(),
                entry.get(),
                credentials,
                request.stableKeys())
            : null;
    if (unallowable != null) {
      // the call's own ARN cannot be allowed; the route table's patterns may still let it through
      List<AuthorizerResponse.Statement> alone =
          table == null ? null : RouteTablePolicy.tableAlone(arn, table);
      if (table != null && alone != null) {
        trail =
            trail.decided(
                a.decision(),
                a.statements().stream().findFirst().orElse(null),
                gate(a.failedGate()),
                a.reason()
                    + "; answered by the route table's patterns alone, since "
                    + unallowable);
        ResponseContext context = tableContext(s, d, principal, credentials);
        return s.answer(
            new AuthorizerResponse.Policy(
                principal.key(),
                alone,
                context.values(),
                usageIdentifierKey(event, credentials, apiKey, alone)),
            trail.leftOut(table.omitted(), context.claimsLeftOut()));
      }
      trail =
          trail.decided(
              Decision.IMPLICIT_DENY, null, null, "allowed, but " + unallowable + "; denied");
      ResponseContext context = context(s, d, principal, credentials, trail);
      return s.deny(trail.leftOut(0, context.claimsLeftOut()), principal.key(), context);
    }
    ResponseContext context =
        routeTable
            ? tableContext(s, d, principal, credentials)
            : context(s, d, principal, credentials, trail);
    trail = trail.leftOut(0, context.claimsLeftOut());
    // answer
    if (simple) {
      return s.answer(new AuthorizerResponse.Simple(a.allowed(), context.values()), trail);
    }
    List<AuthorizerResponse.Statement> statements;
    if (table == null) {
      statements = RouteTablePolicy.exact(arn, a.allowed());
    } else {
      statements = RouteTablePolicy.statements(arn, a.allowed(), table);
      trail = trail.leftOut(table.omitted(), trail.claimsLeftOut());
    }
    return s.answer(
        new AuthorizerResponse.Policy(
            principal.key(),
            statements,
            context.values(),
            usageIdentifierKey(event, credentials, apiKey, statements)),
        trail);
  }

  /**
   * Why an Allow of this call cannot be answered safely, or {@code null} when it can. A policy
   * answer cannot allow an ARN API Gateway would read as a pattern ({@link
   * RouteTablePolicy#cannotAllow}). The HTTP API {@code $default} route's ARN is the same for every
   * method and path, so any Allow of it, cached, would be replayed for every call on the catch-all:
   * it is answered only when the settings say API Gateway caches no answer ({@code
   * IAMGATE_CACHE_TTL_SECONDS=0}).
   */
  private @Nullable String unallowable(GatewayEvent event, boolean simple) {
    if (event.arn().isCatchAll() && settings.answersMayBeCached()) {
      return "the `$default` route's ARN stands for every method and path, so a cached Allow would"
          + " be replayed for every call on the catch-all, and IAMGATE_CACHE_TTL_SECONDS is "
          + (settings.cacheTtl() == null ? "not set" : "not 0");
    }
    return simple ? null : RouteTablePolicy.cannotAllow(event.arn().toString());
  }

  /**
   * The API key API Gateway meters a usage plan by: only with {@code IAMGATE_USAGE_IDENTIFIER_KEY},
   * only for an API-key caller of an API with usage plans (REST {@code REQUEST}, WebSocket), and
   * only when the answer allows something (the called ARN, or in a route table another route a
   * cached answer is replayed for). Never logged: the decision event holds only the key id.
   */
  private @Nullable String usageIdentifierKey(
      GatewayEvent event,
      Credentials credentials,
      @Nullable String apiKey,
      List<AuthorizerResponse.Statement> statements) {
    boolean meteredApi =
        event.kind() == GatewayEvent.Kind.REST_REQUEST
            || event.kind() == GatewayEvent.Kind.WEBSOCKET_CONNECT;
    boolean allows = statements.stream().anyMatch(st -> st.effect().equals("Allow"));
    return settings.usageIdentifierKey() && credentials.isApiKey() && meteredApi && allows
        ? apiKey
        : null;
  }

  /** The principal: an API key's user, or the token's by the bundle's identity mapping. */
  private static IdentityMapper.Result principalOf(
      Directory d, Credentials credentials, GatewayEvent event) {
    String requestedRole = event.header(d.bundle().identity().roleHeader());
    String apiKeyUser = credentials.apiKeyUser(); // set exactly for an API-key caller
    if (apiKeyUser != null) {
      return requestedRole == null
          ? new IdentityMapper.Result(Principal.user(apiKeyUser), null)
          : d.identityMapper().userAssumesRole(apiKeyUser, requestedRole);
    }
    return d.identityMapper().fromClaims(credentials.claims(), credentials.issuer(), requestedRole);
  }

  /**
   * The caller as the decision event's {@code userIdentity}: its type and principal, its groups
   * (the bundle user's and those its token claims), how it authenticated, and for a role who
   * assumed it.
   */
  private static DecisionEvent.UserIdentity identity(
      Directory d, Principal principal, Credentials c) {
    boolean role = principal.kind() == Principal.Kind.ROLE;
    List<String> groups = principal.groups();
    if (!role) {
      Bundle.User user = d.bundle().users().get(principal.name());
      if (user != null && !user.groups().isEmpty()) {
        groups =
            groups.isEmpty()
                ? user.groups()
                : java.util.stream.Stream.concat(user.groups().stream(), groups.stream())
                    .distinct()
                    .toList();
      }
    }
    String apiKeyUser = c.apiKeyUser();
    String session = principal.sessionName();
    return new DecisionEvent.UserIdentity(
        role ? "role" : c.isApiKey() ? "api-key" : "user",
        (role ? "role/" : "user/") + principal.name(),
        groups,
        c.issuer(),
        c.isApiKey() ? "api-key" : "jwt",
        c.isApiKey() ? null : RequestMapper.mfaPresent(c),
        !role ? null : apiKeyUser != null ? "user/" + apiKeyUser : session);
  }

  /** The failed gate of an implicit deny as the decision event names it, or {@code null}. */
  private static @Nullable String gate(@Nullable PolicyType failed) {
    if (failed == null) {
      return null;
    }
    return switch (failed) {
      case BOUNDARY -> "permissionsBoundary";
      case GUARDRAIL -> "guardrails";
      case IDENTITY -> null;
    };
  }

  private boolean simpleFor(GatewayEvent event) {
    return event.kind().canAnswerSimply() && settings.simpleResponses();
  }

  private Instant now(GatewayEvent event) {
    Long millis = event.requestTimeEpochMillis();
    return millis == null ? clock.instant() : Instant.ofEpochMilli(millis);
  }

  /** The context of an answer API Gateway replays for other routes: no decision, no statement. */
  private ResponseContext tableContext(Answers s, Directory d, Principal p, Credentials c) {
    return ResponseContext.of(p, d, s.decisionId(), null, null, c, settings.contextClaims());
  }

  private ResponseContext context(
      Answers s, Directory d, Principal p, @Nullable Credentials c, Trail trail) {
    return ResponseContext.of(
        p, d, s.decisionId(), trail.decision(), trail.statement(), c, settings.contextClaims());
  }
}
