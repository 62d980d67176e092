package io.iamgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The AppConfig source against a stand-in for the Lambda extension's HTTP endpoint on loopback. */
class AppConfigSourceTest {
  private HttpServer server;
  private final AtomicReference<String> body = new AtomicReference<>();
  private final AtomicReference<String> type = new AtomicReference<>("application/x-yaml");
  private final AtomicInteger status = new AtomicInteger(200);
  private final AtomicReference<String> path = new AtomicReference<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          path.set(ex.getRequestURI().getPath());
          byte[] b = body.get() == null ? new byte[0] : body.get().getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", type.get());
          ex.sendResponseHeaders(status.get(), b.length == 0 ? -1 : b.length);
          if (b.length > 0) {
            ex.getResponseBody().write(b);
          }
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private AppConfigSource source() {
    return new AppConfigSource(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
        "orders-api",
        "prod",
        "bundle",
        Duration.ofSeconds(2));
  }

  @Test
  void readsYamlAndSkipsUnchangedContent() throws Exception {
    body.set("users:\n  alice: {}\n");
    BundleSource.Fetched f = source().fetch(null);
    assertEquals("/applications/orders-api/environments/prod/configurations/bundle", path.get());
    assertEquals("bundle.yaml", f.files().files().get(0).path());
    assertNull(source().fetch(f.tag()));
  }

  @Test
  void errorsSayWhatTheExtensionAnswered() {
    status.set(404);
    var e = assertThrows(BundleSource.SourceException.class, () -> source().fetch(null));
    assertTrue(e.getMessage().contains("answered 404"), e.getMessage());
    server.stop(0);
    e = assertThrows(BundleSource.SourceException.class, () -> source().fetch(null));
    assertTrue(
        e.getMessage().startsWith("cannot read appconfig://orders-api/prod/bundle"),
        e.getMessage());
  }
}
