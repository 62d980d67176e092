package io.iamgate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code iamgate} command. */
@Command(
    name = "iamgate",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "AWS IAM's authorization model for your own APIs: validate, analyze, simulate, test and benchmark policies; read the decision trail back.",
    subcommands = {
      ValidateCommand.class,
      AnalyzeCommand.class,
      SimulateCommand.class,
      TestCommand.class,
      BenchCommand.class,
      HashKeyCommand.class,
      InvokeCommand.class,
      LogsCommand.class,
      GeneratePolicyCommand.class,
      UnusedCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success (valid, allowed, evaluated)",
      "1:invalid input (policy or request errors; analyze: a finding at or above --fail-on;"
          + " invoke: an event not evaluated or not as expected; test: a test failed)",
      "2:usage error (test: an invalid test file or bundle)",
      "3:simulate: the request is denied",
      "70:internal error: a bug in iamgate (one line on standard error, no stack trace)"
    })
public final class Main implements Runnable {
  /** Usage errors. */
  public static final int USAGE = 2;

  @CommandLine.Spec CommandLine.Model.@Nullable CommandSpec spec;

  /** The command's spec, which picocli injects before it runs the command. */
  private CommandLine.Model.CommandSpec spec() {
    return Objects.requireNonNull(spec, "picocli injects the @Spec field");
  }

  @Override
  public void run() {
    spec().commandLine().usage(spec().commandLine().getOut());
  }

  public static void main(String[] args) {
    int code =
        run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.in);
    System.exit(code);
  }

  /** Runs the command line with the given streams and returns the exit code; never exits. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, InputStream in) {
    return run(args, out, err, in, System.getenv());
  }

  /**
   * Runs the command line with the given streams and environment (the {@code IAMGATE_*} settings of
   * {@code invoke}) and returns the exit code; never exits.
   */
  public static int run(
      String[] args, PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env) {
    CommandLine cl = new CommandLine(new Main(), new Factory(in, env));
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    // every command's --version, not only the top level's, prints the version
    for (CommandLine sub : cl.getSubcommands().values()) {
      sub.getCommandSpec().versionProvider(new Version());
    }
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          String m = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
          commandLine.getErr().println("iamgate: internal error: " + m);
          return 70;
        });
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("iamgate: " + UsageErrors.describe(ex, a));
          c.getErr()
              .println(
                  "try `iamgate "
                      + (c.getCommandName().equals("iamgate") ? "" : c.getCommandName() + " ")
                      + "--help`");
          return USAGE;
        });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** Hands standard input to the commands that read it. */
  private static final class Factory implements CommandLine.IFactory {
    private final InputStream in;
    private final Map<String, String> env;

    Factory(InputStream in, Map<String, String> env) {
      this.in = in;
      this.env = env;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (cls == SimulateCommand.class) {
        return cls.cast(new SimulateCommand(in));
      }
      if (cls == ValidateCommand.class) {
        return cls.cast(new ValidateCommand(in));
      }
      if (cls == AnalyzeCommand.class) {
        return cls.cast(new AnalyzeCommand(in));
      }
      if (cls == GeneratePolicyCommand.class) {
        return cls.cast(new GeneratePolicyCommand(in));
      }
      if (cls == UnusedCommand.class) {
        return cls.cast(new UnusedCommand(in));
      }
      if (cls == LogsCommand.class) {
        return cls.cast(new LogsCommand(in));
      }
      if (cls == InvokeCommand.class) {
        return cls.cast(new InvokeCommand(in, env));
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }

  /**
   * The version of this build: {@code iamgate/version.properties}, which Maven filters with the
   * project version, else the jar manifest's {@code Implementation-Version}, else "unknown
   * version".
   */
  static final class Version implements CommandLine.IVersionProvider {
    static final String RESOURCE = "/iamgate/version.properties";
    static final String UNKNOWN = "(unknown version)";

    @Override
    public String[] getVersion() {
      String version;
      try (InputStream properties = Main.class.getResourceAsStream(RESOURCE)) {
        version = of(properties, Main.class.getPackage().getImplementationVersion());
      } catch (IOException e) {
        version = of(null, Main.class.getPackage().getImplementationVersion());
      }
      return new String[] {"iamgate " + version};
    }

    /**
     * The version in {@code properties} (the {@code version} key), else {@code manifest}, else
     * {@link #UNKNOWN}. A value Maven did not filter ({@code ${project.version}}) or a blank one is
     * no version.
     */
    static String of(@Nullable InputStream properties, @Nullable String manifest) {
      if (properties != null) {
        Properties p = new Properties();
        try {
          p.load(properties);
          String v = p.getProperty("version");
          if (v != null && isVersion(v)) {
            return v.strip();
          }
        } catch (IOException | IllegalArgumentException e) {
          // unreadable: fall back to the manifest
        }
      }
      return manifest != null && isVersion(manifest) ? manifest.strip() : UNKNOWN;
    }

    private static boolean isVersion(String v) {
      return !v.isBlank() && !v.contains("${");
    }
  }
}
