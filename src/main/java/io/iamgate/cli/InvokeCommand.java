package io.iamgate.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.iamgate.audit.DecisionEvent;
import io.iamgate.audit.JsonLines;
import io.iamgate.audit.Masking;
import io.iamgate.authorizer.AuthorizerFunction;
import io.iamgate.authorizer.AuthorizerFunction.Verdict;
import io.iamgate.facade.IamGate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code invoke EVENT.json...}: runs the Lambda authorizer in-process, the local equivalent of
 * {@code sam local invoke}, and says what each event came to.
 */
@Command(
    name = "invoke",
    mixinStandardHelpOptions = true,
    description = {
      "Run the Lambda authorizer in this process on API Gateway events and print, for each event,"
          + " one line: allow, deny or 401 Unauthorized, and why.",
      "",
      "Settings come from the IAMGATE_* environment variables; without IAMGATE_BUNDLE or --bundle"
          + " it runs on the embedded SAMPLE bundle. `-` reads an event from standard input.",
      "Exit 0 when every event was evaluated (and answered as --expect says), 1 when one could"
          + " not be (unreadable file or event, bundle not loaded, configuration error) or one"
          + " answer differs from --expect, 2 on usage errors.",
      "",
      "  iamgate invoke events/*.json",
      "  iamgate invoke --expect deny events/*-deny.json",
      "  iamgate invoke --bundle file:bundle.yaml --response --log event.json",
      ""
    })
final class InvokeCommand implements Callable<Integer> {
  /** What an event's answer is expected to be. */
  enum Expected {
    ALLOW(Verdict.ALLOW),
    DENY(Verdict.DENY),
    UNAUTHORIZED(Verdict.UNAUTHORIZED);

    final Verdict verdict;

    Expected(Verdict verdict) {
      this.verdict = verdict;
    }
  }

  /** The secret part of an API key that a REST response hands back for usage plans. */
  private static final Pattern USAGE_KEY =
      Pattern.compile("(\"usageIdentifierKey\":\"[^\".\\\\]*)\\.[^\"]*\"");

  private final InputStream stdin;
  private final Map<String, String> environment;

  @Spec @Nullable CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "EVENT",
      description = "event JSON files (`-` reads standard input)")
  @Nullable List<String> files;

  @Option(
      names = "--bundle",
      paramLabel = "SOURCE",
      description = {
        "the bundle, named as IAMGATE_BUNDLE names it:",
        "file:PATH, s3://BUCKET/KEY, appconfig://APP/ENV/PROFILE",
        "or embedded: (needs IAMGATE_ALLOW_SAMPLE_BUNDLE=true)"
      })
  @Nullable String bundle;

  @Option(
      names = "--expect",
      paramLabel = "ANSWER",
      description = {
        "check every answer: allow, deny or unauthorized;",
        "exit 1 naming the events answered otherwise"
      })
  @Nullable Expected expect;

  @Option(
      names = "--response",
      description = {
        "print each response as the handler returns it (the secret",
        "of an API key masked), instead of one line per event"
      })
  boolean response;

  @Option(
      names = "--json",
      description = "print one JSON object per event: the answer, the decision and the response")
  boolean json;

  @Option(
      names = "--log",
      description = "also print the handler's log lines (the decision log) to standard error")
  boolean showLog;

  InvokeCommand(InputStream stdin, Map<String, String> environment) {
    this.stdin = stdin;
    this.environment = environment;
  }

  /** The command's spec, which picocli injects before it runs the command. */
  private CommandSpec spec() {
    return Objects.requireNonNull(spec, "picocli injects the @Spec field");
  }

  @Override
  public Integer call() {
    if (json && response) {
      throw new ParameterException(
          spec().commandLine(), "--json and --response cannot be combined; choose one");
    }
    // what these print comes from logs and requests: no control or format character gets through
    PrintWriter out = TerminalText.wrap(spec().commandLine().getOut());
    PrintWriter err = TerminalText.wrap(spec().commandLine().getErr());
    Map<String, String> env = new HashMap<>(environment);
    if (bundle != null) {
      env.put("IAMGATE_BUNDLE", bundle);
    }
    if (env.getOrDefault("IAMGATE_BUNDLE", "").isBlank()) {
      env.put(IamGate.Settings.ALLOW_SAMPLE_BUNDLE, "true");
      err.println("iamgate: no IAMGATE_BUNDLE: running on the embedded SAMPLE bundle");
    }
    StringBuilder logLines = new StringBuilder();
    AuthorizerFunction function =
        new AuthorizerFunction(
            env,
            new JsonLines(
                Clock.systemUTC(),
                line -> logLines.append(line).append('\n'),
                JsonLines.serviceName(env)));
    try {
      String problem = function.problem();
      if (problem != null) {
        err.println("iamgate: " + Masking.mask(problem));
        return 1;
      }
      return invokeAll(function, out, err);
    } finally {
      if (showLog) {
        err.print(logLines);
      }
    }
  }

  private int invokeAll(AuthorizerFunction function, PrintWriter out, PrintWriter err) {
    int failures = 0;
    List<String> unexpected = new ArrayList<>();
    for (String f : Objects.requireNonNull(files, "picocli requires an EVENT file")) {
      String name = Inputs.displayName(f);
      AuthorizerFunction.Result result;
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (InputStream in = Inputs.open(f, stdin)) {
        result = function.evaluate(in, bytes);
      } catch (Inputs.InputException e) {
        err.println("iamgate: " + e.getMessage());
        failures++;
        continue;
      } catch (IOException e) {
        err.println("iamgate: " + Inputs.cannotRead(f, Inputs.describe(e)));
        failures++;
        continue;
      }
      String problem = result.problem();
      if (problem != null) {
        err.println("iamgate: `" + name + "`: " + Masking.mask(problem));
        failures++;
        continue;
      }
      String raw =
          result.verdict() == Verdict.UNAUTHORIZED
              ? null
              : USAGE_KEY.matcher(bytes.toString(StandardCharsets.UTF_8)).replaceAll("$1.***\"");
      if (json) {
        out.println(jsonLine(name, result, raw));
      } else if (response) {
        out.println("== " + name);
        out.println(raw == null ? "error: Unauthorized (API Gateway answers 401)" : raw);
      } else {
        out.println(name + ": " + TerminalText.escape(summary(result)));
      }
      Expected e = expect;
      if (e != null && result.verdict() != e.verdict) {
        unexpected.add(
            name
                + ": expected "
                + answerName(e.verdict)
                + ", answered "
                + answerName(result.verdict()));
      }
    }
    for (String u : unexpected) {
      err.println("iamgate: " + u);
    }
    return failures == 0 && unexpected.isEmpty() ? 0 : 1;
  }

  /** {@code allow}, {@code deny} or {@code unauthorized}, as {@code --expect} names them. */
  private static String answerName(Verdict v) {
    return v.name().toLowerCase(Locale.ROOT);
  }

  /**
   * One line about one event: {@code allow (user/alice may orders:GetOrder on ARN: why)}, {@code
   * deny (user/bob may not orders:DeleteOrder on ARN: why)}, {@code deny (why)} when the caller was
   * refused before a request was built, or {@code 401 Unauthorized (why)}.
   */
  static String summary(AuthorizerFunction.Result result) {
    DecisionEvent d = Objects.requireNonNull(result.decision(), "an evaluated event has one");
    String answer =
        switch (result.verdict()) {
          case ALLOW -> "allow";
          case DENY -> "deny";
          case UNAUTHORIZED -> "401 Unauthorized";
        };
    List<String> parts = new ArrayList<>();
    String principal = d.principal();
    String action = d.action();
    if (principal != null && action != null) {
      parts.add(
          principal
              + (result.verdict() == Verdict.ALLOW ? " may " : " may not ")
              + action
              + (d.resource() == null ? "" : " on " + d.resource()));
    } else if (principal != null) {
      parts.add(principal);
    }
    String reason = d.reason();
    if (reason != null) {
      parts.add(reason);
    }
    return answer + (parts.isEmpty() ? "" : " (" + Masking.mask(String.join(": ", parts)) + ")");
  }

  private static void optional(JsonGenerator g, String name, @Nullable String value)
      throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  private static String jsonLine(
      String name, AuthorizerFunction.Result result, @Nullable String raw) {
    DecisionEvent d = Objects.requireNonNull(result.decision(), "an evaluated event has one");
    return JsonOutput.object(
        g -> {
          g.writeStringField("event", name);
          g.writeStringField("answer", answerName(result.verdict()));
          g.writeStringField("decision", d.outcome());
          optional(g, "principal", d.principal());
          optional(g, "action", d.action());
          optional(g, "resource", d.resource());
          optional(g, "statement", d.statement());
          String reason = d.reason();
          optional(g, "reason", reason == null ? null : Masking.mask(reason));
          g.writeFieldName("response");
          if (raw == null) {
            g.writeNull();
          } else {
            g.writeRawValue(raw);
          }
        });
  }
}
