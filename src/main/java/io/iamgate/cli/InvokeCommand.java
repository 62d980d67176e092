package io.iamgate.cli;

import io.iamgate.audit.JsonLines;
import io.iamgate.authorizer.AuthorizerFunction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code invoke EVENT.json...}: runs the Lambda authorizer in-process, the local equivalent of
 * {@code sam local invoke}.
 */
@Command(
    name = "invoke",
    mixinStandardHelpOptions = true,
    description = {
      "Run the Lambda authorizer in this process on API Gateway events and print each response.",
      "",
      "A 401 prints `error: Unauthorized`. Settings come from the IAMGATE_* environment variables;"
          + " without IAMGATE_BUNDLE or --bundle it runs on the embedded SAMPLE bundle.",
      "",
      "  iamgate invoke events/*.json",
      "  iamgate invoke --bundle file:bundle.yaml --log events/*.json",
      ""
    })
final class InvokeCommand implements Callable<Integer> {
  @Spec @Nullable CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "EVENT", description = "event JSON files")
  @Nullable List<String> files;

  @Option(
      names = "--bundle",
      paramLabel = "SOURCE",
      description = {
        "the bundle, named as IAMGATE_BUNDLE names it:",
        "file:PATH, s3://BUCKET/KEY or",
        "appconfig://APP/ENV/PROFILE"
      })
  @Nullable String bundle;

  @Option(
      names = "--log",
      description = "also print the handler's log lines (the decision log) to standard error")
  boolean showLog;

  /** The command's spec, which picocli injects before it runs the command. */
  private CommandSpec spec() {
    return Objects.requireNonNull(spec, "picocli injects the @Spec field");
  }

  @Override
  public Integer call() {
    PrintWriter out = spec().commandLine().getOut();
    PrintWriter err = spec().commandLine().getErr();
    Map<String, String> env = new HashMap<>(System.getenv());
    if (bundle != null) {
      env.put("IAMGATE_BUNDLE", bundle);
    }
    if (env.getOrDefault("IAMGATE_BUNDLE", "").isBlank()) {
      env.put("IAMGATE_ALLOW_SAMPLE_BUNDLE", "true");
      err.println("iamgate: no IAMGATE_BUNDLE: running on the embedded SAMPLE bundle");
    }
    StringBuilder logLines = new StringBuilder();
    AuthorizerFunction function =
        new AuthorizerFunction(
            env, new JsonLines(Clock.systemUTC(), line -> logLines.append(line).append('\n')));
    int failures = 0;
    for (String f : Objects.requireNonNull(files, "picocli requires an EVENT file")) {
      out.println("== " + Inputs.displayName(f));
      try (InputStream in = Inputs.open(f, null)) {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        if (function.answer(in, response, null) == AuthorizerFunction.Answer.UNAUTHORIZED) {
          out.println("error: Unauthorized (API Gateway answers 401)");
        } else {
          out.println(response.toString(StandardCharsets.UTF_8));
        }
      } catch (Inputs.InputException e) {
        err.println("iamgate: " + e.getMessage());
        failures++;
      } catch (IOException e) {
        err.println("iamgate: " + Inputs.cannotRead(f, Inputs.describe(e)));
        failures++;
      }
    }
    if (showLog) {
      err.print(logLines);
    }
    return failures == 0 ? 0 : 1;
  }
}
