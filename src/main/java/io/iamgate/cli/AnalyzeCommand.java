package io.iamgate.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleFiles;
import io.iamgate.bundle.RouteTable;
import io.iamgate.facade.IamGate;
import io.iamgate.identity.Directory;
import io.iamgate.identity.Principal;
import io.iamgate.json.JsonWriter;
import io.iamgate.json.ParseResult;
import io.iamgate.lint.Analyzer;
import io.iamgate.lint.Check;
import io.iamgate.lint.Finding;
import io.iamgate.lint.FindingSeverity;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code analyze BUNDLE_OR_POLICY...}: findings about valid policies (docs/analyze.md). */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description =
        "Analyze policy documents and bundles: administrator grants, NotAction/NotResource,"
            + " sensitive actions without MFA, MFA conditions API-key callers bypass, wildcard"
            + " resources on write actions, condition keys that do not fit (docs/analyze.md).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no finding at or above --fail-on",
      "1:a finding at or above --fail-on, or a file unreadable",
      "2:usage error"
    })
final class AnalyzeCommand implements Callable<Integer> {
  /** Output formats. */
  enum Format {
    TEXT,
    JSON,
    SARIF
  }

  @Spec @Nullable CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "BUNDLE_OR_POLICY",
      description =
          "bundles (files or directories) and policy documents (JSON); `-` reads a policy from"
              + " standard input")
  @Nullable List<String> files;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "`text` (default), `json` or `sarif` (SARIF 2.1.0)")
  Format format = Format.TEXT;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      description =
          "exit 1 when a finding is this serious or more: `error` (default), `security_warning`,"
              + " `warning`, `suggestion`")
  FindingSeverity failOn = FindingSeverity.ERROR;

  @Option(
      names = "--suppress",
      paramLabel = "CODE",
      description = "leave out every finding with this code (repeatable)")
  List<String> suppress = new ArrayList<>();

  @Option(
      names = "--sensitive-prefix",
      paramLabel = "PREFIX",
      description =
          "an action-name prefix that makes an action sensitive (repeatable); replaces the default"
              + " Create, Delete, Put, Update, Attach, Detach, Remove, Cancel")
  List<String> sensitive = new ArrayList<>();

  @Option(
      names = "--max-key-age-days",
      paramLabel = "DAYS",
      description = "report API keys created more than DAYS days ago (default 90)")
  int maxKeyAgeDays = Analyzer.DEFAULT_MAX_KEY_AGE_DAYS;

  private final InputStream in;

  AnalyzeCommand(InputStream in) {
    this.in = in;
  }

  /** Stands for a path parameter or request key in a route's resource. */
  static final String PROBE = "iamgate-probe";

  /**
   * The engine's answer for {@code ROUTE_NOBODY_MAY_CALL}: whether some bundle user or role, with
   * no request context or with MFA, is allowed the route's action on its resource, every variable
   * but {@code ${account}} replaced by {@link #PROBE}, path parameters also by the principal's
   * name.
   */
  static Predicate<Bundle.Route> routeCallers(Bundle bundle) {
    IamGate gate = new IamGate(Directory.fixed(bundle));
    RouteTable table = new RouteTable(bundle.routes(), bundle.account());
    Map<String, String> anyValue =
        new AbstractMap<String, String>() {
          @Override
          public String get(Object key) {
            return PROBE;
          }

          @Override
          public Set<Map.Entry<String, String>> entrySet() {
            return Set.of();
          }
        };
    List<Principal> principals = new ArrayList<>();
    bundle.users().keySet().stream().sorted().forEach(u -> principals.add(Principal.user(u)));
    bundle.roles().keySet().stream().sorted().forEach(r -> principals.add(Principal.role(r, null)));
    List<Map<String, String>> contexts =
        List.of(
            Map.of(), Map.of("aws:MultiFactorAuthPresent", "true", "aws:MultiFactorAuthAge", "0"));
    return route -> {
      for (Principal p : principals) {
        // a path parameter often holds the caller's own name (`/reports/{owner}/...`)
        for (String probe : List.of(PROBE, p.name())) {
          String resource = table.resolveForAnyPath(route, anyValue, probe);
          if (resource == null) {
            return true;
          }
          for (Map<String, String> ctx : contexts) {
            if (gate.authorize(p, route.action(), resource, ctx).allowed()) {
              return true;
            }
          }
        }
      }
      return false;
    };
  }

  private CommandSpec spec() {
    return Objects.requireNonNull(spec, "picocli injects the @Spec field");
  }

  @Override
  public Integer call() {
    Set<String> codes = new TreeSet<>();
    for (Check c : Check.values()) {
      codes.add(c.code());
    }
    for (String s : suppress) {
      if (!codes.contains(s)) {
        throw new ParameterException(
            spec().commandLine(),
            "--suppress: unknown finding code `" + s + "`" + hint(Check.suggestionFor(s)));
      }
    }
    PrintWriter out = spec().commandLine().getOut();
    PrintWriter err = spec().commandLine().getErr();
    if (maxKeyAgeDays < 1) {
      throw new ParameterException(
          spec().commandLine(), "--max-key-age-days: must be at least 1, not " + maxKeyAgeDays);
    }
    Analyzer analyzer =
        new Analyzer(
            sensitive.isEmpty() ? Analyzer.DEFAULT_SENSITIVE : sensitive,
            maxKeyAgeDays,
            Clock.systemUTC(),
            AnalyzeCommand::routeCallers);
    List<Finding> findings = new ArrayList<>();
    int suppressed = 0;
    int unreadable = 0;
    for (String f : Objects.requireNonNull(files, "picocli requires a file")) {
      try {
        Analyzer.Result r = analyze(analyzer, f);
        for (Finding x : r.findings()) {
          if (suppress.contains(x.code())) {
            suppressed++;
          } else {
            findings.add(x);
          }
        }
        suppressed += r.suppressed();
      } catch (Inputs.InputException e) {
        err.println("iamgate: " + e.getMessage());
        unreadable++;
      }
    }
    Map<FindingSeverity, Integer> counts = new EnumMap<>(FindingSeverity.class);
    for (FindingSeverity s : FindingSeverity.values()) {
      counts.put(s, 0);
    }
    findings.forEach(x -> counts.merge(x.severity(), 1, Integer::sum));
    int hidden = suppressed;
    switch (format) {
      case TEXT -> {
        findings.forEach(x -> out.println(x.format()));
        out.println(summary(findings.size(), counts, hidden));
      }
      case JSON -> out.println(json(findings, counts, hidden));
      case SARIF -> out.println(sarif(findings));
    }
    boolean fail = findings.stream().anyMatch(x -> x.severity().atLeast(failOn));
    return fail || unreadable > 0 ? 1 : 0;
  }

  private Analyzer.Result analyze(Analyzer analyzer, String f) throws Inputs.InputException {
    boolean directory = !f.equals("-") && Files.isDirectory(Path.of(f));
    String text = null;
    if (!directory) {
      ParseResult<String> read = Inputs.readText(f, in);
      text = read.value();
      if (text == null) {
        return new Analyzer.Result(
            read.diagnostics().stream()
                .map(
                    d ->
                        new Finding(
                            Check.VALIDATION_ERROR.code(),
                            FindingSeverity.ERROR,
                            d.file(),
                            d.path(),
                            d.line(),
                            d.column(),
                            d.code() + ": " + d.message(),
                            d.hint() == null ? Check.VALIDATION_ERROR.hint() : d.hint()))
                .toList(),
            0);
      }
    }
    if (!f.equals("-") && Inputs.looksLikeBundle(f, text)) {
      try {
        return analyzer.bundle(BundleFiles.read(Path.of(f)));
      } catch (IOException e) {
        throw new Inputs.InputException(Inputs.cannotRead(f, Inputs.describe(e)));
      }
    }
    return analyzer.policy(
        Objects.requireNonNull(text, "only a directory is not read as text"),
        Inputs.displayName(f));
  }

  private static String hint(@Nullable String h) {
    return h == null ? "" : " (hint: " + h + ")";
  }

  private static String summary(int n, Map<FindingSeverity, Integer> counts, int suppressed) {
    List<String> parts = new ArrayList<>();
    for (FindingSeverity s : FindingSeverity.values()) {
      int c = counts.getOrDefault(s, 0);
      if (c > 0) {
        parts.add(Plural.count(c, s.label(), s.label() + "s"));
      }
    }
    return Plural.count(n, "finding")
        + (parts.isEmpty() ? "" : ": " + String.join(", ", parts))
        + (suppressed > 0 ? " (" + suppressed + " suppressed)" : "");
  }

  private static String json(
      List<Finding> findings, Map<FindingSeverity, Integer> counts, int suppressed) {
    return JsonOutput.object(
        g -> {
          g.writeArrayFieldStart("findings");
          for (Finding f : findings) {
            g.writeStartObject();
            g.writeStringField("code", f.code());
            g.writeStringField("severity", f.severity().name());
            g.writeStringField("file", f.file() == null ? "<stdin>" : f.file());
            g.writeStringField("path", f.path());
            g.writeNumberField("line", f.line());
            g.writeNumberField("column", f.column());
            g.writeStringField("message", f.message());
            g.writeStringField("hint", f.hint());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeObjectFieldStart("summary");
          g.writeNumberField("findings", findings.size());
          for (FindingSeverity s : FindingSeverity.values()) {
            g.writeNumberField(camel(s), counts.getOrDefault(s, 0));
          }
          g.writeNumberField("suppressed", suppressed);
          g.writeEndObject();
        });
  }

  /** {@code securityWarning}. */
  private static String camel(FindingSeverity s) {
    String[] words = s.name().toLowerCase(Locale.ROOT).split("_");
    StringBuilder sb = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      sb.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
    }
    return sb.toString();
  }

  /** SARIF 2.1.0: one run, one rule per code, one result per finding. */
  static String sarif(List<Finding> findings) {
    List<Check> rules = List.of(Check.values());
    return JsonWriter.toText(
        JsonWriter.Style.PRETTY,
        g -> {
          g.writeStartObject();
          g.writeStringField("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
          g.writeStringField("version", "2.1.0");
          g.writeArrayFieldStart("runs");
          g.writeStartObject();
          g.writeObjectFieldStart("tool");
          g.writeObjectFieldStart("driver");
          g.writeStringField("name", "iamgate");
          g.writeArrayFieldStart("rules");
          for (Check c : rules) {
            g.writeStartObject();
            g.writeStringField("id", c.code());
            g.writeObjectFieldStart("shortDescription");
            g.writeStringField("text", c.description());
            g.writeEndObject();
            g.writeObjectFieldStart("help");
            g.writeStringField("text", c.fix());
            g.writeEndObject();
            g.writeObjectFieldStart("defaultConfiguration");
            g.writeStringField("level", level(c.severity()));
            g.writeEndObject();
            g.writeObjectFieldStart("properties");
            g.writeStringField("severity", c.severity().name());
            g.writeEndObject();
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
          g.writeEndObject();
          g.writeArrayFieldStart("results");
          for (Finding f : findings) {
            result(g, f, rules.indexOf(Check.valueOf(f.code())));
          }
          g.writeEndArray();
          g.writeEndObject();
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  private static void result(JsonGenerator g, Finding f, int ruleIndex) throws IOException {
    g.writeStartObject();
    g.writeStringField("ruleId", f.code());
    g.writeNumberField("ruleIndex", ruleIndex);
    g.writeStringField("level", level(f.severity()));
    g.writeObjectFieldStart("message");
    g.writeStringField("text", f.path() + ": " + f.message() + " (hint: " + f.hint() + ")");
    g.writeEndObject();
    g.writeArrayFieldStart("locations");
    g.writeStartObject();
    g.writeObjectFieldStart("physicalLocation");
    g.writeObjectFieldStart("artifactLocation");
    g.writeStringField("uri", uri(f.file()));
    g.writeEndObject();
    if (f.line() > 0) {
      g.writeObjectFieldStart("region");
      g.writeNumberField("startLine", f.line());
      g.writeNumberField("startColumn", Math.max(1, f.column()));
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndArray();
    g.writeObjectFieldStart("properties");
    g.writeStringField("severity", f.severity().name());
    g.writeStringField("path", f.path());
    g.writeEndObject();
    g.writeEndObject();
  }

  /**
   * A file name as a SARIF {@code artifactLocation.uri}, an RFC 3986 URI reference: characters a
   * path may hold but a URI may not are percent-encoded; standard input is {@code stdin}.
   */
  static String uri(@Nullable String file) {
    if (file == null || file.equals("<stdin>")) {
      return "stdin";
    }
    try {
      return new URI(null, null, file.replace('\\', '/'), null).toASCIIString();
    } catch (URISyntaxException e) {
      return "file"; // unreachable: a URI with only a path quotes what it cannot hold
    }
  }

  /** SARIF's levels: security warnings are errors, suggestions notes. */
  private static String level(FindingSeverity s) {
    return switch (s) {
      case ERROR, SECURITY_WARNING -> "error";
      case WARNING -> "warning";
      case SUGGESTION -> "note";
    };
  }
}
