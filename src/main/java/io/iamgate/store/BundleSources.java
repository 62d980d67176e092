package io.iamgate.store;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Chooses a source from one setting ({@code IAMGATE_BUNDLE}):
 *
 * <ul>
 *   <li>empty or {@code embedded:} — the sample bundle in the jar;
 *   <li>{@code file:PATH} (or a bare path) — a local bundle file or directory;
 *   <li>{@code s3://BUCKET/KEY} — a single-file bundle in S3 (region and credentials from the
 *       environment, as in Lambda);
 *   <li>{@code appconfig://APPLICATION/ENVIRONMENT/PROFILE} — AWS AppConfig via its Lambda
 *       extension.
 * </ul>
 */
public final class BundleSources {
  private BundleSources() {}

  /** Whether a setting names the embedded sample bundle: empty (or blank) or {@code embedded:}. */
  public static boolean namesEmbedded(@Nullable String setting) {
    String s = setting == null ? "" : setting.trim();
    return s.isEmpty() || s.equals("embedded:");
  }

  /**
   * The source a setting names.
   *
   * @throws IllegalArgumentException with a message naming the setting, when it is malformed
   */
  public static BundleSource fromSetting(String setting, Duration fetchTimeout) {
    String s = setting == null ? "" : setting.trim();
    if (namesEmbedded(s)) {
      return new EmbeddedSource();
    }
    if (s.startsWith("s3://")) {
      String rest = s.substring("s3://".length());
      int slash = rest.indexOf('/');
      if (slash <= 0 || slash == rest.length() - 1) {
        throw new IllegalArgumentException("IAMGATE_BUNDLE `" + s + "`: expected s3://BUCKET/KEY");
      }
      // the AWS SDK is an optional dependency: only this branch may link it (S3Source.connect)
      return S3Source.connect(rest.substring(0, slash), rest.substring(slash + 1), fetchTimeout);
    }
    if (s.startsWith("appconfig://")) {
      String[] parts = s.substring("appconfig://".length()).split("/");
      if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
        throw new IllegalArgumentException(
            "IAMGATE_BUNDLE `" + s + "`: expected appconfig://APPLICATION/ENVIRONMENT/PROFILE");
      }
      String endpoint =
          System.getenv()
              .getOrDefault(
                  "IAMGATE_APPCONFIG_ENDPOINT", AppConfigSource.DEFAULT_ENDPOINT.toString());
      return new AppConfigSource(URI.create(endpoint), parts[0], parts[1], parts[2], fetchTimeout);
    }
    if (s.startsWith("file:")) {
      return new FileSource(Path.of(s.substring("file:".length())));
    }
    if (s.contains("://")) {
      throw new IllegalArgumentException(
          "IAMGATE_BUNDLE `"
              + s
              + "`: unknown scheme; expected file:PATH, s3://BUCKET/KEY, appconfig://APP/ENV/PROFILE or embedded:");
    }
    return new FileSource(Path.of(s));
  }
}
