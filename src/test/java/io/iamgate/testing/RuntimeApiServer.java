package io.iamgate.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small Lambda Runtime API (the HTTP interface the runtime client polls) on loopback: events are
 * queued with {@link #invoke}, and each answer — a response or an error — comes back as a {@link
 * Result}. Enough of the protocol for AWS's runtime interface client.
 */
public final class RuntimeApiServer implements AutoCloseable {
  /** What the runtime client answered for one event. */
  public record Result(boolean error, String body) {}

  private record Pending(String id, String event) {}

  private final HttpServer server;
  private final BlockingQueue<Pending> events = new LinkedBlockingQueue<>();
  private final BlockingQueue<Result> results = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> initErrors = new LinkedBlockingQueue<>();
  private final AtomicInteger ids = new AtomicInteger();

  /** When the first {@code /next} poll arrived (nanoTime), 0 before. */
  public volatile long firstPollNanos;

  public RuntimeApiServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(
        java.util.concurrent.Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "runtime-api");
              t.setDaemon(true);
              return t;
            }));
    server.createContext("/2018-06-01/runtime/", this::handle);
    server.start();
  }

  /** The value for {@code AWS_LAMBDA_RUNTIME_API}. */
  public String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Queues an event and waits for the runtime client's answer. */
  public Result invoke(String event, long timeoutSeconds) throws InterruptedException {
    events.add(new Pending("req-" + ids.incrementAndGet(), event));
    Result r = results.poll(timeoutSeconds, TimeUnit.SECONDS);
    if (r == null) {
      String init = initErrors.poll();
      throw new IllegalStateException(
          "no answer from the runtime client" + (init == null ? "" : "; init error: " + init));
    }
    return r;
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    byte[] body = ex.getRequestBody().readAllBytes();
    try {
      if (path.endsWith("/invocation/next") && ex.getRequestMethod().equals("GET")) {
        if (firstPollNanos == 0) {
          firstPollNanos = System.nanoTime();
        }
        Pending p = events.take();
        byte[] out = p.event().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", p.id());
        ex.getResponseHeaders()
            .add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 10_000));
        ex.getResponseHeaders()
            .add(
                "Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:eu-west-1:210987654321:function:iamgate");
        ex.getResponseHeaders()
            .add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, out.length);
        ex.getResponseBody().write(out);
      } else if (path.endsWith("/response")) {
        results.add(new Result(false, new String(body, StandardCharsets.UTF_8)));
        ex.sendResponseHeaders(202, -1);
      } else if (path.endsWith("/error") && path.contains("/invocation/")) {
        results.add(new Result(true, new String(body, StandardCharsets.UTF_8)));
        ex.sendResponseHeaders(202, -1);
      } else if (path.endsWith("/init/error")) {
        initErrors.add(new String(body, StandardCharsets.UTF_8));
        ex.sendResponseHeaders(202, -1);
      } else {
        ex.sendResponseHeaders(404, -1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ex.sendResponseHeaders(500, -1);
    } finally {
      ex.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
