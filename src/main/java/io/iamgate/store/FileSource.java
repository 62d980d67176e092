package io.iamgate.store;

import io.iamgate.bundle.BundleFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/** A local bundle file or directory ({@code file:path}), for development and the CLI. */
public final class FileSource implements BundleSource {
  private final Path path;

  public FileSource(Path path) {
    this.path = path;
  }

  @Override
  public String description() {
    return "file:" + path;
  }

  @Override
  public @Nullable Fetched fetch(@Nullable String previousTag) throws SourceException {
    BundleFiles files;
    try {
      files = BundleFiles.read(path);
    } catch (NoSuchFileException e) {
      throw new SourceException("cannot read `" + path + "`: no such file or directory");
    } catch (IOException e) {
      throw new SourceException("cannot read `" + path + "`: " + e.getMessage(), e);
    }
    String tag = tag(files);
    return tag.equals(previousTag) ? null : new Fetched(files, tag);
  }

  /** A hash of the files' names and texts: unchanged files are not parsed again. */
  static String tag(BundleFiles files) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (BundleFiles.File f : files.files()) {
        md.update(f.path().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(f.text().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
