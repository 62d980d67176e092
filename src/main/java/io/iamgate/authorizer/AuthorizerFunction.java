package io.iamgate.authorizer;

import io.iamgate.audit.DecisionEvent;
import io.iamgate.audit.Invocation;
import io.iamgate.audit.JsonLines;
import io.iamgate.audit.Masking;
import io.iamgate.audit.Metrics;
import io.iamgate.eval.Decision;
import io.iamgate.facade.IamGate;
import io.iamgate.gateway.AuthorizerResponse;
import io.iamgate.gateway.GatewayEvent;
import io.iamgate.gateway.GatewayEvents;
import io.iamgate.gateway.ResponseWriter;
import io.iamgate.identity.Directory;
import io.iamgate.store.BundleSource;
import io.iamgate.store.BundleSources;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The authorizer as a function from an API Gateway event's JSON to the response's JSON, configured
 * from {@code IAMGATE_*} settings: what the Lambda handler runs, and what {@code iamgate invoke}
 * runs locally. Everything expensive is built in the constructor. It fails closed: a configuration
 * error, an unreadable event or any error denies, with one log line saying why.
 */
public final class AuthorizerFunction {
  /** The logger name of the function's operational lines. */
  public static final String LOGGER = "iamgate.lambda";

  /** What {@link #answer} did. */
  public enum Answer {
    /** A response was written. */
    RESPONDED,
    /**
     * Nothing was written: API Gateway must answer 401 (the handler throws {@code Unauthorized}).
     */
    UNAUTHORIZED
  }

  /** How API Gateway acts on an answer, for the called route. */
  public enum Verdict {
    /** The response allows the called method or route ARN ({@code isAuthorized: true}). */
    ALLOW,
    /**
     * The response does not allow it: a policy whose statements deny the called ARN (with an
     * explicit {@code Deny}), or {@code isAuthorized: false}; API Gateway answers 403.
     */
    DENY,
    /** No response: the {@code Unauthorized} error, which API Gateway answers with 401. */
    UNAUTHORIZED
  }

  /**
   * What one event came to, for a caller that reports it ({@code iamgate invoke}). It holds no
   * credential.
   *
   * @param verdict how API Gateway acts on the answer
   * @param decision the decision event (principal, action, resource, statement, reason), or {@code
   *     null} when the event was not decided
   * @param problem why the event could not be decided (an unreadable event, a configuration error),
   *     or {@code null} when it was; such an event is answered with a denial
   */
  public record Result(
      Verdict verdict, @Nullable DecisionEvent decision, @Nullable String problem) {
    /** What the Lambda handler does with it. */
    public Answer answer() {
      return verdict == Verdict.UNAUTHORIZED ? Answer.UNAUTHORIZED : Answer.RESPONDED;
    }
  }

  /** Denies every resource: for events that cannot be read, and for internal errors. */
  private static final AuthorizerResponse ANONYMOUS_DENY =
      new AuthorizerResponse.Policy(
          "anonymous",
          List.of(new AuthorizerResponse.Statement("Deny", List.of("*"))),
          Map.of(),
          null);

  private final @Nullable Authorizer authorizer;
  private final @Nullable String configurationError;
  private final JsonLines log;
  private final boolean metrics;
  private final TrailSettings trail;
  private final AtomicBoolean coldStart = new AtomicBoolean(true);

  /** The invocation whose decision line and metrics were written last (one each per invocation). */
  private volatile @Nullable Invocation finished;

  private final GatewayEvents events = new GatewayEvents();
  private final ResponseWriter writer = new ResponseWriter();

  /**
   * Reads the settings, opens the bundle and warms every layer. A bad setting is logged and makes
   * every answer a denial; the embedded sample bundle is refused unless {@code
   * IAMGATE_ALLOW_SAMPLE_BUNDLE=true}.
   *
   * @param env the {@code IAMGATE_*} settings
   * @param log receives the decision trail and the operational lines
   */
  public AuthorizerFunction(Map<String, String> env, JsonLines log) {
    this(env, log, false);
  }

  /**
   * As {@link #AuthorizerFunction(Map, JsonLines)}, and with {@code metrics}, one CloudWatch
   * Embedded Metric Format document per answered event (what the Lambda handler writes).
   */
  public AuthorizerFunction(Map<String, String> env, JsonLines log, boolean metrics) {
    this.log = log;
    this.metrics = metrics;
    Authorizer a = null;
    String error = null;
    TrailSettings t =
        new TrailSettings(
            1.0,
            TrailSettings.namespaceOrDefault(env),
            JsonLines.Level.atLeast(env.get(TrailSettings.LAMBDA_LOG_LEVEL)));
    try {
      t = TrailSettings.from(env);
      AuthorizerSettings settings = AuthorizerSettings.from(env);
      IamGate.Settings.refuseSampleUnlessAllowed(settings.bundle(), settings.allowSampleBundle());
      BundleSource source = BundleSources.fromSetting(settings.bundle(), settings.fetchTimeout());
      a =
          new Authorizer(
              Directory.store(source, settings.refresh(), log), settings, Clock.systemUTC());
      for (Map.Entry<String, String> note : settings.cachingNotes()) {
        log.record(JsonLines.Level.valueOf(note.getKey()), LOGGER, note.getValue());
      }
    } catch (RuntimeException e) {
      error = String.valueOf(e.getMessage());
      log.record(JsonLines.Level.ERROR, LOGGER, configurationProblem(error));
    }
    this.authorizer = a;
    this.configurationError = error;
    this.trail = t;
    if (t.lambdaLevel() == JsonLines.Level.ERROR) {
      log.record(
          JsonLines.Level.ERROR,
          LOGGER,
          "AWS_LAMBDA_LOG_LEVEL is "
              + env.get(TrailSettings.LAMBDA_LOG_LEVEL)
              + ": Lambda drops every denial's decision line (WARN); set the function's"
              + " ApplicationLogLevel to WARN at most");
    }
    warmUp();
  }

  /** Whether the settings were good (else every answer is a denial). */
  public boolean configured() {
    return authorizer != null;
  }

  /**
   * Why events cannot be decided right now, or {@code null} when they can: the configuration error,
   * or why no bundle is loaded.
   */
  public @Nullable String problem() {
    Authorizer a = authorizer;
    if (a == null) {
      return "configuration error: " + configurationError;
    }
    if (a.store().current().isEmpty()) {
      String why = a.store().lastProblem();
      return "no policy bundle is loaded from "
          + a.store().source().description()
          + (why == null ? "" : ": " + why);
    }
    return null;
  }

  /**
   * Loads the bundle and runs one decision through every layer, so the JIT and class loading are
   * done; logs what was warmed and how long it took.
   */
  public void warmUp() {
    Authorizer a = authorizer;
    if (a == null) {
      return;
    }
    long start = System.nanoTime();
    List<String> warmed;
    try {
      a.store()
          .current()
          .ifPresent(
              d -> {
                String risks = ReplayRisks.warning(a.settings(), ReplayRisks.of(d.bundle()));
                String roles = ReplayRisks.roleWarning(a.settings(), d.bundle());
                for (String w : java.util.Arrays.asList(risks, roles)) {
                  if (w != null) {
                    log.record(JsonLines.Level.WARN, LOGGER, w);
                  }
                }
              });
      warmed = WarmUp.run(a);
    } catch (RuntimeException e) {
      log.record(
          JsonLines.Level.WARN,
          LOGGER,
          "warm-up failed (" + e.getClass().getSimpleName() + "); requests are still decided");
      return;
    }
    String event =
        "{\"type\":\"TOKEN\",\"authorizationToken\":\"Bearer x.y.z\","
            + "\"methodArn\":\"arn:aws:execute-api:eu-west-1:000000000000:warmup/prod/GET/warmup\"}";
    try {
      answer(
          new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
          new ByteArrayOutputStream(),
          Invocation.NONE,
          false);
    } catch (IOException | RuntimeException e) {
      // a warm-up failure is not a request failure; the real requests will report it
    }
    log.record(
        JsonLines.Level.INFO,
        LOGGER,
        "warm-up " + warmed + " done in " + (System.nanoTime() - start) / 1_000_000 + " ms");
  }

  /** Fetches the bundle now (after a SnapStart restore: the snapshot may be hours old). */
  public void refresh() {
    coldStart.set(true);
    Authorizer a = authorizer;
    if (a != null) {
      a.store().refresh();
      log.record(JsonLines.Level.INFO, LOGGER, "restored from a snapshot; bundle refreshed");
    }
  }

  /**
   * Whether the coming invocation is the first of this execution environment (after its init or a
   * SnapStart restore); true once, then false.
   */
  public boolean takeColdStart() {
    return coldStart.getAndSet(false);
  }

  /**
   * Answers one event, writing its decision line (allows as sampled) and, with metrics, its one
   * metrics document.
   *
   * @param invocation the Lambda invocation, recorded in the decision line
   * @throws IOException when {@code out} fails
   */
  public Answer answer(InputStream in, OutputStream out, Invocation invocation) throws IOException {
    return answer(in, out, invocation, true).answer();
  }

  /**
   * Answers one event as {@link #answer} does (the same response bytes, the same log lines), and
   * says what it came to.
   *
   * @throws IOException when {@code out} fails
   */
  public Result evaluate(InputStream in, OutputStream out) throws IOException {
    return answer(in, out, new Invocation(null, null, null, 0, null, takeColdStart()), true);
  }

  /**
   * Writes the answer to an error nothing else caught: a denial of everything, with an {@code
   * Error} decision line and metrics unless the invocation already has them.
   */
  public void denyAfterError(RuntimeException e, OutputStream out, Invocation invocation)
      throws IOException {
    if (finished != invocation) {
      finish(
          DecisionEvent.error(
              UUID.randomUUID().toString(),
              "internal error, denied: " + e.getClass().getSimpleName(),
              DecisionEvent.Request.UNKNOWN,
              0),
          invocation);
    }
    writer.write(ANONYMOUS_DENY, out);
  }

  /**
   * Writes the invocation's decision line, unless it is an allow left out by the sample rate or one
   * Lambda would drop, and its metrics document.
   */
  private void finish(DecisionEvent d, Invocation invocation) {
    finished = invocation;
    if (logged(d)) {
      log.decision(d, invocation);
    }
    if (metrics) {
      Authorizer a = authorizer;
      log.metrics(
          new Metrics(
              trail.namespace(),
              trail.lambdaLevel(),
              d.request().apiId(),
              d.request().stage(),
              d.outcome(),
              d.latencyMicros(),
              d.tokenCacheHit(),
              a == null ? 0 : a.store().takeReloads(),
              a == null ? 0 : a.store().takeReloadFailures(),
              a == null ? -1 : a.store().ageSeconds(),
              invocation.coldStart()),
          invocation);
    }
  }

  /**
   * Whether a decision gets a line: every denial and error; an allow only when Lambda keeps {@code
   * INFO} lines, and then by the sample rate.
   */
  private boolean logged(DecisionEvent d) {
    if (!d.outcome().equals(DecisionEvent.ALLOW)) {
      return true;
    }
    double rate = trail.allowSampleRate();
    return trail.lambdaLevel() == JsonLines.Level.INFO
        && (rate >= 1.0 || (rate > 0 && ThreadLocalRandom.current().nextDouble() < rate));
  }

  private Result answer(
      InputStream in, OutputStream out, Invocation invocation, boolean logDecision)
      throws IOException {
    long start = System.nanoTime();
    GatewayEvent event;
    try {
      event = events.read(in);
    } catch (GatewayEvents.InvalidEventException e) {
      if (logDecision) {
        Authorizer known = authorizer;
        java.util.Set<String> ids = known == null ? Set.of() : known.keyIds();
        // the message may quote the event (its type, its ARN): request text like any other
        finish(
            DecisionEvent.error(
                    UUID.randomUUID().toString(),
                    "unreadable event, denied: " + e.getMessage(),
                    DecisionEvent.Request.UNKNOWN,
                    (System.nanoTime() - start) / 1000)
                .scrubbed(t -> Masking.scrubRequestText(t, ids)),
            invocation);
      }
      writer.write(ANONYMOUS_DENY, out);
      return new Result(Verdict.DENY, null, "unreadable event: " + e.getMessage());
    }
    Authorizer a = authorizer;
    if (a == null) {
      if (logDecision) {
        finish(
            DecisionEvent.error(
                    UUID.randomUUID().toString(),
                    configurationProblem(configurationError),
                    Trail.request(event),
                    (System.nanoTime() - start) / 1000)
                .scrubbed(t -> Masking.scrubRequestText(t, Set.of())),
            invocation);
      }
      writer.write(deny(event), out);
      return new Result(Verdict.DENY, null, "configuration error: " + configurationError);
    }
    Outcome outcome = a.authorize(event);
    DecisionEvent decision = outcome.event();
    if (logDecision) {
      finish(decision, invocation);
    }
    if (outcome.response() instanceof AuthorizerResponse.Unauthorized) {
      return new Result(Verdict.UNAUTHORIZED, decision, null);
    }
    writer.write(outcome.response(), out);
    return new Result(
        decision.outcome().equals(Decision.ALLOW.text()) ? Verdict.ALLOW : Verdict.DENY,
        decision,
        null);
  }

  /** The log line of a configuration error. */
  private static String configurationProblem(@Nullable String error) {
    return "configuration error, every request is denied: " + error;
  }

  private static AuthorizerResponse deny(GatewayEvent e) {
    if (e.kind() == GatewayEvent.Kind.HTTP_V2) {
      return new AuthorizerResponse.Simple(false, Map.of());
    }
    return new AuthorizerResponse.Policy(
        "anonymous",
        List.of(new AuthorizerResponse.Statement("Deny", List.of(e.arn().toString()))),
        Map.of(),
        null);
  }
}
