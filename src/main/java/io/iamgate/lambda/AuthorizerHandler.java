package io.iamgate.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonFactory;
import io.iamgate.authorizer.Authorizer;
import io.iamgate.authorizer.AuthorizerSettings;
import io.iamgate.authorizer.Outcome;
import io.iamgate.gateway.AuthorizerResponse;
import io.iamgate.gateway.GatewayEvent;
import io.iamgate.gateway.GatewayEvents;
import io.iamgate.gateway.ResponseWriter;
import io.iamgate.store.BundleStore;
import io.iamgate.store.EmbeddedSource;
import io.iamgate.store.PolicySource;
import io.iamgate.store.PolicySources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The API Gateway Lambda authorizer for every payload type (REST TOKEN and REQUEST, HTTP API 1.0
 * and 2.0, WebSocket {@code $connect}); handler string {@code io.iamgate.lambda.AuthorizerHandler}.
 *
 * <p>Everything expensive — settings, bundle load and compile, Jackson — is built in the
 * constructor, which also runs one warm-up decision so the first real request does not pay for
 * class loading. The handler reads and writes raw JSON with its own Jackson, so the response has
 * exactly the documented shape. It fails closed: a missing or invalid credential is a 401 ({@code
 * Unauthorized}, REST and WebSocket) or a deny (HTTP APIs); anything else that goes wrong is a
 * deny, logged with the reason; no request ever gets a stack trace.
 */
public final class AuthorizerHandler implements RequestStreamHandler, org.crac.Resource {
  private static final JsonFactory JSON = new JsonFactory();

  /** The authorizer; {@code null} when the configuration is unusable (every request is denied). */
  private final @Nullable Authorizer authorizer;

  private final GatewayEvents events;
  private final ResponseWriter writer;
  private final PrintStream log;

  /** Why there is no authorizer; {@code null} when there is one. */
  private final @Nullable String configurationProblem;

  /** The Lambda runtime's constructor: settings from the environment, logs to standard output. */
  public AuthorizerHandler() {
    this(System.getenv(), System.out);
  }

  /** A handler configured by {@code env}, logging JSON lines to {@code log}. */
  public AuthorizerHandler(Map<String, String> env, PrintStream log) {
    this.log = log;
    this.events = new GatewayEvents();
    this.writer = new ResponseWriter(JSON);
    Authorizer a = null;
    String problem = null;
    try {
      AuthorizerSettings settings = AuthorizerSettings.from(env);
      PolicySource source = PolicySources.fromSetting(settings.bundle(), settings.fetchTimeout());
      if (source instanceof EmbeddedSource && !settings.allowSampleBundle()) {
        throw new IllegalArgumentException(
            "IAMGATE_BUNDLE is not set: refusing to run on the embedded SAMPLE bundle; "
                + "set IAMGATE_BUNDLE to your bundle (s3://, appconfig://, file:) or IAMGATE_ALLOW_SAMPLE_BUNDLE=true for a demo");
      }
      a = new Authorizer(BundleStore.of(source, settings.refresh()), settings, Clock.systemUTC());
    } catch (RuntimeException e) {
      problem = "configuration error, every request is denied: " + e.getMessage();
      log.println(line("ERROR", problem));
    }
    this.authorizer = a;
    this.configurationProblem = problem;
    if (a != null) {
      warmUp(a);
      // SnapStart: prime again just before the snapshot, and fetch the current bundle after a
      // restore
      org.crac.Core.getGlobalContext().register(this);
    }
  }

  /**
   * SnapStart priming: runs the warm-up again right before Lambda takes the snapshot, so the
   * snapshot holds loaded classes, a compiled bundle and JIT-compiled decision code.
   */
  @Override
  public void beforeCheckpoint(org.crac.Context<? extends org.crac.Resource> context) {
    Authorizer a = authorizer; // registered only when there is one
    if (a != null) {
      warmUp(a);
    }
  }

  /**
   * After a restore the snapshot may be hours old: fetch the bundle at once (a failure keeps the
   * snapshot's bundle, as any failed refresh does).
   */
  @Override
  public void afterRestore(org.crac.Context<? extends org.crac.Resource> context) {
    if (authorizer != null) {
      authorizer.store().refresh();
      log.println(line("INFO", "restored from a snapshot; bundle refreshed"));
    }
  }

  /**
   * Loads the bundle and runs one decision through every layer, so the JIT and class loading are
   * done.
   */
  private void warmUp(Authorizer authorizer) {
    long start = System.nanoTime();
    authorizer.store().current();
    List<String> warmed = authorizer.warmUp();
    String event =
        "{\"type\":\"TOKEN\",\"authorizationToken\":\"Bearer x.y.z\","
            + "\"methodArn\":\"arn:aws:execute-api:eu-west-1:000000000000:warmup/prod/GET/warmup\"}";
    try {
      respond(
          new java.io.ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
          new ByteArrayOutputStream(),
          false);
    } catch (IOException | RuntimeException e) {
      // a warm-up failure is not a request failure; the real requests will report it
    }
    log.println(
        line(
            "INFO",
            "warm-up " + warmed + " done in " + (System.nanoTime() - start) / 1_000_000 + " ms"));
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, @Nullable Context context)
      throws IOException {
    try {
      respond(input, output, true);
    } catch (UnauthorizedException e) {
      throw e;
    } catch (RuntimeException e) {
      // the last line of defence: a bug is a deny with a log line, never an allow or a stack trace
      log.println(line("ERROR", "internal error, denied: " + e));
      writer.write(ANONYMOUS_DENY, output);
    }
  }

  /** Denies every resource: for events that cannot be read, and for internal errors. */
  private static final AuthorizerResponse ANONYMOUS_DENY =
      new AuthorizerResponse.Policy(
          "anonymous",
          List.of(new AuthorizerResponse.Statement("Deny", List.of("*"))),
          Map.of(),
          null);

  private void respond(InputStream input, OutputStream output, boolean logDecision)
      throws IOException {
    GatewayEvent event;
    try {
      event = events.read(input);
    } catch (GatewayEvents.InvalidEventException e) {
      if (logDecision) {
        log.println(line("ERROR", "unreadable event, denied: " + e.getMessage()));
      }
      writer.write(ANONYMOUS_DENY, output);
      return;
    }
    if (authorizer == null) {
      if (logDecision) {
        log.println(
            line(
                "ERROR",
                Objects.requireNonNullElse(configurationProblem, "configuration error, denied")));
      }
      writer.write(deny(event), output);
      return;
    }
    Outcome outcome = authorizer.authorize(event);
    if (logDecision) {
      log.println(outcome.logLine());
    }
    if (outcome.response() instanceof AuthorizerResponse.Unauthorized) {
      // API Gateway turns exactly this error message into a 401
      throw new UnauthorizedException();
    }
    writer.write(outcome.response(), output);
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

  /** The error whose message, exactly {@code Unauthorized}, API Gateway maps to 401. */
  public static final class UnauthorizedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnauthorizedException() {
      super("Unauthorized", null, false, false);
    }
  }

  private static String line(String level, String message) {
    java.io.StringWriter w = new java.io.StringWriter();
    try (var g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("time", java.time.Instant.now().toString());
      g.writeStringField("level", level);
      g.writeStringField("logger", "iamgate.lambda");
      g.writeStringField("message", message);
      g.writeEndObject();
    } catch (IOException e) {
      return "{\"level\":\"" + level + "\"}";
    }
    return w.toString();
  }
}
