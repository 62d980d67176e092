package io.iamgate.store;

import io.iamgate.bundle.BundleFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A bundle deployed with AWS AppConfig, read through the AppConfig Lambda extension's local HTTP
 * endpoint ({@code
 * http://localhost:2772/applications/<app>/environments/<env>/configurations/<profile>}), so no SDK
 * is needed. The extension does its own polling; a JSON or YAML body is told apart by its content
 * type.
 */
public final class AppConfigSource implements BundleSource {
  /** The extension's default endpoint. */
  public static final URI DEFAULT_ENDPOINT = URI.create("http://localhost:2772");

  private final HttpClient http;
  private final URI uri;
  private final Duration timeout;
  private final String description;

  public AppConfigSource(
      URI endpoint, String application, String environment, String profile, Duration timeout) {
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.uri =
        endpoint.resolve(
            "/applications/"
                + application
                + "/environments/"
                + environment
                + "/configurations/"
                + profile);
    this.timeout = timeout;
    this.description = "appconfig://" + application + "/" + environment + "/" + profile;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public @Nullable Fetched fetch(@Nullable String previousTag) throws SourceException {
    HttpResponse<byte[]> r;
    try {
      r =
          http.send(
              HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new SourceException(
          "cannot read "
              + description
              + " from the AppConfig extension at "
              + uri
              + ": "
              + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException("interrupted while reading " + description, e);
    }
    if (r.statusCode() != 200) {
      throw new SourceException(
          "cannot read " + description + ": the AppConfig extension answered " + r.statusCode());
    }
    String type = r.headers().firstValue("Content-Type").orElse("application/json");
    String name = type.contains("yaml") ? "bundle.yaml" : "bundle.json";
    BundleFiles files =
        BundleFiles.single(description, name, new String(r.body(), StandardCharsets.UTF_8));
    String tag = FileSource.tag(files);
    return tag.equals(previousTag) ? null : new Fetched(files, tag);
  }
}
