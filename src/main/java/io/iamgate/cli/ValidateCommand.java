package io.iamgate.cli;

import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.parse.Diagnostic;
import io.iamgate.policy.parse.ParseResult;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code validate FILE...}: checks policy documents and prints every problem. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Validate IAM policy documents; print every error with file, JSON path and line:column.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every file is valid", "1:a file is invalid or unreadable", "2:usage error"})
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "policy documents (JSON); `-` reads standard input")
  List<String> files;

  @Option(names = "--json", description = "print one JSON object with every diagnostic")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "print errors only, no warnings or summary")
  boolean quiet;

  private final InputStream in;

  ValidateCommand(InputStream in) {
    this.in = in;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Diagnostic> all = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    int invalid = 0;
    for (String f : files) {
      try {
        ParseResult<PolicyDocument> r = Inputs.policy(f, in);
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
      out.println(JsonOutput.object(g -> {
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
      if (!quiet) {
        out.println(invalid == 0
            ? files.size() + (files.size() == 1 ? " file" : " files") + " valid"
            : invalid + " of " + files.size() + (files.size() == 1 ? " file" : " files") + " invalid");
      }
    }
    return invalid == 0 ? 0 : 1;
  }
}
