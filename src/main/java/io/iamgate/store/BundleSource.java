package io.iamgate.store;

import io.iamgate.bundle.BundleFiles;
import org.jspecify.annotations.Nullable;

/** Where a bundle is read from. Implementations must be thread-safe. */
public interface BundleSource {
  /** A short description for logs, e.g. {@code s3://bucket/bundle.yaml}. */
  String description();

  /**
   * Fetches the bundle.
   *
   * @param previousTag the tag of the last fetch that returned files, or {@code null}
   * @return the files and their tag, or {@code null} when they are unchanged since {@code
   *     previousTag}
   * @throws SourceException when the bundle cannot be read; the message says why
   */
  @Nullable Fetched fetch(@Nullable String previousTag) throws SourceException;

  /** Files and a tag (an ETag or a content hash) that identifies them. */
  record Fetched(BundleFiles files, String tag) {}

  /** A bundle could not be read. */
  final class SourceException extends Exception {
    private static final long serialVersionUID = 1L;

    public SourceException(String message) {
      super(message, null, false, false);
    }

    public SourceException(String message, Throwable cause) {
      super(message, cause, false, false);
    }
  }
}
