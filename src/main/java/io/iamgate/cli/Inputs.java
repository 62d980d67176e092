package io.iamgate.cli;

import io.iamgate.json.ParseResult;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.parse.PolicyParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Reading input files with errors a person can act on. */
final class Inputs {
  private Inputs() {}

  /** A file that could not be read: the message names the file and why. */
  static final class InputException extends Exception {
    private static final long serialVersionUID = 1L;

    InputException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Reads a UTF-8 text file, or {@code -} for standard input.
   *
   * @param stdin standard input, or {@code null} where the command does not read it
   */
  static String readText(String name, @Nullable InputStream stdin) throws InputException {
    try {
      byte[] bytes;
      if (!name.equals("-")) {
        bytes = Files.readAllBytes(Path.of(name));
      } else if (stdin != null) {
        bytes = stdin.readAllBytes();
      } else {
        throw new InputException("cannot read `-`: this option does not read standard input");
      }
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (NoSuchFileException e) {
      throw new InputException("cannot read `" + name + "`: no such file");
    } catch (AccessDeniedException e) {
      throw new InputException("cannot read `" + name + "`: permission denied");
    } catch (CharacterCodingException e) {
      throw new InputException("cannot read `" + name + "`: the file is not valid UTF-8 text");
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (Files.isDirectory(Path.of(name))) {
        why = "it is a directory";
      }
      throw new InputException("cannot read `" + name + "`: " + why);
    }
  }

  /** A one-line reason for an I/O failure. */
  static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
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
    var json = io.iamgate.json.JsonReader.read(text, name, 0);
    return json.ok()
        && json.value() instanceof io.iamgate.json.Json.JObject o
        && o.get("Statement") == null
        && (o.get("users") != null
            || o.get("roles") != null
            || o.get("policies") != null
            || o.get("groups") != null
            || o.get("format") != null);
  }

  /** Reads and parses one policy document file. */
  static ParseResult<PolicyDocument> policy(String name, InputStream stdin) throws InputException {
    return PolicyParser.parse(readText(name, stdin), name.equals("-") ? "<stdin>" : name);
  }
}
