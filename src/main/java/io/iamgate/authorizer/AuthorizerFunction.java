package io.iamgate.authorizer;

import io.iamgate.audit.JsonLines;
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

  /** Denies every resource: for events that cannot be read, and for internal errors. */
  private static final AuthorizerResponse ANONYMOUS_DENY =
      new AuthorizerResponse.Policy(
          "anonymous",
          List.of(new AuthorizerResponse.Statement("Deny", List.of("*"))),
          Map.of(),
          null);

  private final @Nullable Authorizer authorizer;
  private final @Nullable String configurationProblem;
  private final JsonLines log;
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
    this.log = log;
    Authorizer a = null;
    String problem = null;
    try {
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
      problem = "configuration error, every request is denied: " + e.getMessage();
      log.record(JsonLines.Level.ERROR, LOGGER, problem);
    }
    this.authorizer = a;
    this.configurationProblem = problem;
    warmUp();
  }

  /** Whether the settings were good (else every answer is a denial). */
  public boolean configured() {
    return authorizer != null;
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
          .map(d -> ReplayRisks.warning(a.settings(), ReplayRisks.of(d.bundle())))
          .ifPresent(w -> log.record(JsonLines.Level.WARN, LOGGER, w));
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
          null,
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
    Authorizer a = authorizer;
    if (a != null) {
      a.store().refresh();
      log.record(JsonLines.Level.INFO, LOGGER, "restored from a snapshot; bundle refreshed");
    }
  }

  /**
   * Answers one event, logging its decision event.
   *
   * @param lambdaRequestId the Lambda invocation's request id, recorded in the decision event
   * @throws IOException when {@code out} fails
   */
  public Answer answer(InputStream in, OutputStream out, @Nullable String lambdaRequestId)
      throws IOException {
    return answer(in, out, lambdaRequestId, true);
  }

  /** Writes the answer to an error nothing else caught: a denial of everything, logged. */
  public void denyAfterError(RuntimeException e, OutputStream out) throws IOException {
    log.record(
        JsonLines.Level.ERROR, LOGGER, "internal error, denied: " + e.getClass().getSimpleName());
    writer.write(ANONYMOUS_DENY, out);
  }

  private Answer answer(
      InputStream in, OutputStream out, @Nullable String lambdaRequestId, boolean logDecision)
      throws IOException {
    GatewayEvent event;
    try {
      event = events.read(in);
    } catch (GatewayEvents.InvalidEventException e) {
      if (logDecision) {
        log.record(JsonLines.Level.ERROR, LOGGER, "unreadable event, denied: " + e.getMessage());
      }
      writer.write(ANONYMOUS_DENY, out);
      return Answer.RESPONDED;
    }
    Authorizer a = authorizer;
    if (a == null) {
      if (logDecision) {
        log.record(JsonLines.Level.ERROR, LOGGER, String.valueOf(configurationProblem));
      }
      writer.write(deny(event), out);
      return Answer.RESPONDED;
    }
    Outcome outcome = a.authorize(event);
    if (logDecision) {
      log.decision(outcome.event().withLambdaRequestId(lambdaRequestId));
    }
    if (outcome.response() instanceof AuthorizerResponse.Unauthorized) {
      return Answer.UNAUTHORIZED;
    }
    writer.write(outcome.response(), out);
    return Answer.RESPONDED;
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
