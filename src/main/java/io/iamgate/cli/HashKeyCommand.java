package io.iamgate.cli;

import io.iamgate.bundle.ApiKeys;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code hash-key --id ID}: makes a new API key and the bundle entry that stores its salted hash.
 */
@Command(
    name = "hash-key",
    mixinStandardHelpOptions = true,
    description = {
      "Create an API key and the bundle entry that stores its salted hash.",
      "",
      "Prints the key (`<id>.<secret>`: give it to the client; it is stored nowhere) and the entry"
          + " to put under the user's `apiKeys` in the bundle, which holds only a salted SHA-256"
          + " of the secret.",
      "",
      "  iamgate hash-key --id bob-ci",
      ""
    })
final class HashKeyCommand implements Callable<Integer> {
  @Spec @Nullable CommandSpec spec;

  @Option(
      names = "--id",
      required = true,
      paramLabel = "ID",
      description = "the key id (letters, digits, `_`, `-`); public, unique in the bundle")
  @Nullable String id;

  /** The command's spec, which picocli injects before it runs the command. */
  private CommandSpec spec() {
    return Objects.requireNonNull(spec, "picocli injects the @Spec field");
  }

  @Override
  public Integer call() {
    ApiKeys.NewKey k;
    try {
      k = ApiKeys.create(Objects.requireNonNull(id, "picocli requires --id"));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec().commandLine(), "--id: " + e.getMessage());
    }
    PrintWriter out = spec().commandLine().getOut();
    out.println("key:   " + k.key());
    out.println(
        "entry: {\"id\": \""
            + k.id()
            + "\", \"hash\": \""
            + k.hash()
            + "\", \"created\": \""
            + Instant.now().truncatedTo(ChronoUnit.SECONDS)
            + "\"}");
    return 0;
  }
}
