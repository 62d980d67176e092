package io.iamgate.cli;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleFiles;
import io.iamgate.bundle.BundleReader;
import io.iamgate.json.Json;
import io.iamgate.json.JsonReader;
import io.iamgate.json.ParseResult;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.parse.PolicyParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Reading input files with errors a person can act on. */
final class Inputs {
  /**
   * The one name of standard input ({@code -} on the command line) in every message: diagnostics,
   * errors, policy names in explanations.
   */
  static final String STDIN = "<stdin>";

  private Inputs() {}

  /** A file that could not be read: the message names the file and why. */
  static final class InputException extends Exception {
    private static final long serialVersionUID = 1L;

    InputException(String message) {
      super(message, null, false, false);
    }
  }

  /** The name of an input in messages: {@value #STDIN} for {@code -}, else the name as given. */
  static String displayName(String name) {
    return name.equals("-") ? STDIN : name;
  }

  /** "cannot read `name`: why" ({@code cannot read <stdin>: why} for standard input). */
  static String cannotRead(String name, String why) {
    return "cannot read " + (name.equals("-") ? STDIN : "`" + name + "`") + ": " + why;
  }

  /**
   * Opens a file, or standard input for {@code -}.
   *
   * @param stdin standard input, or {@code null} where the command does not read it
   */
  static InputStream open(String name, @Nullable InputStream stdin) throws InputException {
    if (name.equals("-")) {
      if (stdin == null) {
        throw new InputException(cannotRead(name, "standard input is not read here; name a file"));
      }
      return stdin;
    }
    Path path = Path.of(name);
    if (Files.isDirectory(path)) {
      throw new InputException(cannotRead(name, "it is a directory"));
    }
    try {
      return Files.newInputStream(path);
    } catch (IOException e) {
      throw new InputException(cannotRead(name, describe(e)));
    }
  }

  /**
   * Reads a UTF-8 text file, or {@code -} for standard input. Text that is not UTF-8 is an error
   * diagnostic at the line and column of the first bad byte.
   *
   * @param stdin standard input, or {@code null} where the command does not read it
   */
  static ParseResult<String> readText(String name, @Nullable InputStream stdin)
      throws InputException {
    byte[] bytes;
    try (InputStream in = open(name, stdin)) {
      // as for a bundle file: a device or a huge file must not exhaust the memory
      bytes = in.readNBytes((int) BundleFiles.MAX_FILE_BYTES + 1);
    } catch (IOException e) {
      throw new InputException(cannotRead(name, describe(e)));
    }
    if (bytes.length > BundleFiles.MAX_FILE_BYTES) {
      throw new InputException(
          cannotRead(name, "it is over " + BundleFiles.MAX_FILE_BYTES + " bytes, the most read"));
    }
    return JsonReader.decode(bytes, displayName(name), 0);
  }

  /**
   * Like {@link #readText}, for a command that reports one problem and stops: text that is not
   * UTF-8 is an {@link InputException} whose message is the positioned diagnostic.
   */
  static String readTextOrFail(String name, @Nullable InputStream stdin) throws InputException {
    ParseResult<String> r = readText(name, stdin);
    String text = r.value();
    if (text == null) {
      throw new InputException(r.errors().get(0).format());
    }
    return text;
  }

  /** A one-line reason for an I/O failure. */
  static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? "an I/O error" : e.getMessage();
  }

  /**
   * Whether a path holds a bundle rather than one policy document: a directory, a YAML file, or a
   * JSON object without a {@code Statement} member.
   */
  static boolean looksLikeBundle(String name, @Nullable String text) {
    if (Files.isDirectory(Path.of(name)) || name.endsWith(".yaml") || name.endsWith(".yml")) {
      return true;
    }
    if (text == null) {
      return false;
    }
    ParseResult<Json> json = JsonReader.read(text, name, 0);
    return json.ok()
        && json.value() instanceof Json.JObject o
        && o.get("Statement") == null
        && (o.get("users") != null
            || o.get("roles") != null
            || o.get("policies") != null
            || o.get("groups") != null
            || o.get("format") != null);
  }

  /** Reads and parses one policy document file ({@code -} for standard input). */
  static ParseResult<PolicyDocument> policy(String name, InputStream stdin) throws InputException {
    ParseResult<String> text = readText(name, stdin);
    String t = text.value();
    if (t == null) {
      return new ParseResult<>(null, text.diagnostics());
    }
    return PolicyParser.parse(t, displayName(name));
  }

  /** Reads a bundle, printing why not (and returning null) when it cannot be read or is invalid. */
  static @Nullable Bundle bundle(String path, PrintWriter err) {
    if (path.equals("-")) {
      err.println(
          "iamgate: "
              + Inputs.cannotRead(path, "--bundle reads a file or directory, not standard input"));
      return null;
    }
    ParseResult<Bundle> parsed;
    try {
      parsed = BundleReader.read(BundleFiles.read(Path.of(path)));
    } catch (IOException e) {
      err.println("iamgate: " + Inputs.cannotRead(path, Inputs.describe(e)));
      return null;
    }
    if (parsed.value() == null) {
      parsed.errors().forEach(d -> err.println(d.format()));
    }
    return parsed.value();
  }
}
