package io.iamgate.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.iamgate.audit.Invocation;
import io.iamgate.audit.JsonLines;
import io.iamgate.authorizer.AuthorizerFunction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The API Gateway Lambda authorizer for every payload type (REST TOKEN and REQUEST, HTTP API 1.0
 * and 2.0, WebSocket {@code $connect}); handler string {@code io.iamgate.lambda.AuthorizerHandler}.
 *
 * <p>A thin entry point: the {@link AuthorizerFunction} built in the constructor (settings, bundle,
 * warm-up) answers each event; this class adds what only Lambda has: the {@code Unauthorized} error
 * that API Gateway turns into a 401, the invocation's request id in the decision trail, SnapStart
 * hooks, and a last-resort catch that turns any bug into a logged denial, never a stack trace.
 */
public final class AuthorizerHandler implements RequestStreamHandler, org.crac.Resource {
  private final AuthorizerFunction function;
  private final Map<String, String> env;

  /** The Lambda runtime's constructor: settings from the environment, logs to standard output. */
  public AuthorizerHandler() {
    this(System.getenv(), System.out);
  }

  /**
   * A handler configured by {@code env}, logging JSON lines (and one metrics document per
   * invocation) to {@code log}.
   */
  public AuthorizerHandler(Map<String, String> env, PrintStream log) {
    this(env, log, Clock.systemUTC());
  }

  /** As {@link #AuthorizerHandler(Map, PrintStream)}, with every line timed by {@code clock}. */
  public AuthorizerHandler(Map<String, String> env, PrintStream log, Clock clock) {
    this.env = env;
    this.function =
        new AuthorizerFunction(
            env, new JsonLines(clock, log::println, JsonLines.serviceName(env)), true);
    if (function.configured()) {
      // SnapStart: prime again just before the snapshot, and fetch the bundle after a restore
      org.crac.Core.getGlobalContext().register(this);
    }
  }

  /**
   * SnapStart priming: runs the warm-up again right before Lambda takes the snapshot, so the
   * snapshot holds loaded classes, a compiled bundle and JIT-compiled decision code.
   */
  @Override
  public void beforeCheckpoint(org.crac.Context<? extends org.crac.Resource> context) {
    function.warmUp();
  }

  /**
   * After a restore the snapshot may be hours old: fetch the bundle at once (a failure keeps the
   * snapshot's bundle, as any failed refresh does).
   */
  @Override
  public void afterRestore(org.crac.Context<? extends org.crac.Resource> context) {
    function.refresh();
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, @Nullable Context context)
      throws IOException {
    Invocation invocation = invocation(context);
    AuthorizerFunction.Answer answer;
    try {
      answer = function.answer(input, output, invocation);
    } catch (RuntimeException e) {
      // the last line of defence: a bug is a deny with a log line, never an allow or a stack trace
      function.denyAfterError(e, output, invocation);
      return;
    }
    if (answer == AuthorizerFunction.Answer.UNAUTHORIZED) {
      // API Gateway turns exactly this error message into a 401
      throw new UnauthorizedException();
    }
  }

  /** What the decision line says about this invocation: the function, the request, the trace. */
  private Invocation invocation(@Nullable Context context) {
    boolean cold = function.takeColdStart();
    String trace = Invocation.currentTraceId(env);
    if (context == null) {
      return new Invocation(
          env.get("AWS_LAMBDA_FUNCTION_NAME"),
          env.get("AWS_LAMBDA_FUNCTION_VERSION"),
          null,
          0,
          trace,
          cold);
    }
    return new Invocation(
        context.getFunctionName(),
        context.getFunctionVersion(),
        context.getAwsRequestId(),
        context.getMemoryLimitInMB(),
        trace,
        cold);
  }

  /** The error whose message, exactly {@code Unauthorized}, API Gateway maps to 401. */
  public static final class UnauthorizedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnauthorizedException() {
      super("Unauthorized", null, false, false);
    }
  }
}
