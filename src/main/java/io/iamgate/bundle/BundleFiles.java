package io.iamgate.bundle;

import io.iamgate.json.Diagnostic;
import io.iamgate.json.JsonReader;
import io.iamgate.json.ParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The raw text of a bundle: one file ({@code bundle.json}, {@code .yaml} or {@code .yml}), or a
 * directory holding such a file and {@code policies/<Name>.json} (or {@code .yaml}) managed
 * policies.
 *
 * @param source where the files came from, for messages
 * @param files the files, the main file first
 */
public record BundleFiles(String source, List<File> files) {
  public BundleFiles {
    files = List.copyOf(files);
  }

  /** One file: its path relative to the bundle and its text. */
  public record File(String path, String text) {}

  /** A single-file bundle from text; {@code name} decides the format by its extension. */
  public static BundleFiles single(String source, String name, String text) {
    return new BundleFiles(source, List.of(new File(name, text)));
  }

  /** Reads a bundle file or directory. */
  public static BundleFiles read(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString(), null, "no such file or directory");
    }
    if (!Files.isDirectory(path)) {
      return single(path.toString(), path.getFileName().toString(), text(path));
    }
    List<File> files = new ArrayList<>();
    Path main = null;
    for (String name : List.of("bundle.json", "bundle.yaml", "bundle.yml")) {
      if (Files.isRegularFile(path.resolve(name))) {
        if (main != null) {
          throw new IOException(
              "`"
                  + path
                  + "` holds both `"
                  + main.getFileName()
                  + "` and `"
                  + name
                  + "`; keep one");
        }
        main = path.resolve(name);
      }
    }
    if (main == null) {
      throw new IOException("`" + path + "` holds no `bundle.json`, `bundle.yaml` or `bundle.yml`");
    }
    files.add(new File(main.getFileName().toString(), text(main)));
    Path policies = path.resolve("policies");
    if (Files.isDirectory(policies)) {
      try (Stream<Path> s = Files.list(policies)) {
        for (Path p : s.sorted(Comparator.comparing(Path::toString)).toList()) {
          String n = p.getFileName().toString();
          if (n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml")) {
            files.add(new File("policies/" + n, text(p)));
          }
        }
      }
    }
    return new BundleFiles(path.toString(), files);
  }

  /** The largest bundle file read, in bytes (a bundle is policies, not data). */
  public static final long MAX_FILE_BYTES = 32L * 1024 * 1024;

  /**
   * The UTF-8 text of a file; text that is not UTF-8 fails naming the line and column. Only regular
   * files of at most {@value #MAX_FILE_BYTES} bytes are read: a device or a pipe could block or
   * never end, and a huge file would exhaust the memory of the function reading it.
   */
  private static String text(Path p) throws IOException {
    if (!Files.isRegularFile(p)) {
      throw new IOException("`" + p + "` is not a regular file");
    }
    long size = Files.size(p);
    if (size > MAX_FILE_BYTES) {
      throw new IOException(
          "`" + p + "` is " + size + " bytes; a bundle file may be at most " + MAX_FILE_BYTES);
    }
    ParseResult<String> r = JsonReader.decode(Files.readAllBytes(p), p.toString(), 0);
    String text = r.value();
    if (text == null) {
      Diagnostic d = r.errors().get(0);
      throw new IOException(p + ":" + d.line() + ":" + d.column() + ": " + d.message());
    }
    return text;
  }
}
