package io.iamgate.cli;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleFiles;
import io.iamgate.bundle.BundleReader;
import io.iamgate.json.Diagnostic;
import io.iamgate.json.ParseResult;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.parse.PolicyParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code validate FILE...}: checks policy documents and prints every problem. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Validate IAM policy documents and policy bundles; print every error with file, JSON path and line:column.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every file is valid", "1:a file is invalid or unreadable", "2:usage error"})
final class ValidateCommand implements Callable<Integer> {
  @Spec @Nullable CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description =
          "policy documents (JSON) and bundles (files or directories); `-` reads standard input")
  @Nullable List<String> files;

  @Option(names = "--json", description = "print one JSON object with every diagnostic")
  boolean json;

  @Option(
      names = {"-q", "--quiet"},
      description = "print errors only, no warnings or summary")
  boolean quiet;

  @Option(
      names = "--bundle",
      description =
          "read every FILE as a bundle (otherwise directories, YAML files and JSON objects without `Statement` are bundles)")
  boolean bundle;

  private final InputStream in;

  ValidateCommand(InputStream in) {
    this.in = in;
  }

  /** The command's spec, which picocli injects before it runs the command. */
  private CommandSpec spec() {
    return Objects.requireNonNull(spec, "picocli injects the @Spec field");
  }

  @Override
  public Integer call() {
    PrintWriter out = spec().commandLine().getOut();
    List<String> files = Objects.requireNonNull(this.files, "picocli requires a FILE");
    List<Diagnostic> all = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    List<String> summaries = new ArrayList<>();
    int invalid = 0;
    for (String f : files) {
      try {
        if (bundle && f.equals("-")) {
          throw new Inputs.InputException(
              Inputs.cannotRead(f, "--bundle reads files and directories, not standard input"));
        }
        boolean directory = !f.equals("-") && Files.isDirectory(Path.of(f));
        String text = null;
        if (!directory) {
          ParseResult<String> read = Inputs.readText(f, in);
          text = read.value();
          if (text == null) {
            all.addAll(read.diagnostics());
            invalid++;
            continue;
          }
        }
        boolean isBundle = !f.equals("-") && (bundle || Inputs.looksLikeBundle(f, text));
        if (isBundle) {
          ParseResult<Bundle> b;
          try {
            b = BundleReader.read(BundleFiles.read(Path.of(f)));
          } catch (IOException e) {
            throw new Inputs.InputException(Inputs.cannotRead(f, Inputs.describe(e)));
          }
          all.addAll(b.diagnostics());
          Bundle v = b.value();
          if (v == null) {
            invalid++;
          } else if (!json && !quiet) {
            summaries.add(
                f
                    + ": bundle "
                    + v.shortVersion()
                    + " with "
                    + String.join(
                        ", ",
                        Plural.count(v.users().size(), "user"),
                        Plural.count(v.groups().size(), "group"),
                        Plural.count(v.roles().size(), "role"),
                        Plural.count(
                            v.policies().values().stream().filter(p -> !p.builtIn()).count(),
                            "managed policy",
                            "managed policies"),
                        Plural.count(v.routes().size(), "route")));
          }
          continue;
        }
        ParseResult<PolicyDocument> r =
            PolicyParser.parse(
                Objects.requireNonNull(text, "only a directory is not read as text"),
                Inputs.displayName(f));
        all.addAll(r.diagnostics());
        if (!r.ok()) {
          invalid++;
        }
      } catch (Inputs.InputException e) {
        unreadable.add(e.getMessage());
        invalid++;
      }
    }
    if (json) {
      int inv = invalid;
      out.println(
          JsonOutput.object(
              g -> {
                g.writeBooleanField("valid", inv == 0);
                g.writeNumberField("files", files.size());
                g.writeNumberField("invalid", inv);
                JsonOutput.diagnostics(g, all);
                g.writeArrayFieldStart("unreadable");
                for (String u : unreadable) {
                  g.writeString(u);
                }
                g.writeEndArray();
              }));
    } else {
      for (String u : unreadable) {
        out.println("iamgate: " + u);
      }
      for (Diagnostic d : all) {
        if (d.isError() || !quiet) {
          out.println(d.format());
        }
      }
      for (String summary : summaries) {
        out.println(summary);
      }
      if (!quiet) {
        out.println(
            (invalid == 0 ? "" : invalid + " of ")
                + Plural.count(files.size(), "file")
                + (invalid == 0 ? " valid" : " invalid"));
      }
    }
    return invalid == 0 ? 0 : 1;
  }

  /** "1 role", "2 roles". */
  private static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
