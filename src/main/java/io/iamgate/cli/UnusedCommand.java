package io.iamgate.cli;

import io.iamgate.bundle.Bundle;
import io.iamgate.trail.DecisionRecord;
import io.iamgate.trail.GrantUsage;
import io.iamgate.trail.TrailFilter;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code unused --from-logs FILE... --bundle B}: granted actions nobody used, last-used times. */
@Command(
    name = "unused",
    mixinStandardHelpOptions = true,
    description = {
      "Report, per principal and per policy of a bundle, the granted actions (expanded against the"
          + " actions the bundle's routes and policies name) that decision logs never show the"
          + " principal being allowed, and when each used one was last allowed, in the spirit of"
          + " IAM's last-accessed information.",
      "",
      "  iamgate unused --from-logs decisions.log --bundle bundle.yaml",
      "  iamgate unused --since 2026-11-01 --json --from-logs export.json.gz --bundle bundle/",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the report was printed",
      "2:usage error, or a log or the bundle unreadable or invalid"
    })
final class UnusedCommand implements Callable<Integer> {
  private final InputStream stdin;

  @Spec @Nullable CommandSpec spec;

  @Option(
      names = "--from-logs",
      arity = "1..*",
      required = true,
      paramLabel = "FILE",
      description = "decision logs, as `logs` reads them (`-` reads standard input)")
  List<String> logs = new ArrayList<>();

  @Option(
      names = "--bundle",
      required = true,
      paramLabel = "BUNDLE",
      description = "the bundle whose grants are reported (file or directory)")
  @Nullable String bundle;

  @Mixin Period period = new Period();

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  UnusedCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  private CommandSpec spec() {
    return Objects.requireNonNull(spec, "picocli injects the @Spec field");
  }

  @Override
  public Integer call() {
    TrailFilter window = LogsCommand.filter(spec(), List.of(), List.of(), List.of(), period);
    // what these print comes from logs and requests: no control or format character gets through
    PrintWriter out = TerminalText.wrap(spec().commandLine().getOut());
    PrintWriter err = TerminalText.wrap(spec().commandLine().getErr());
    TrailFiles.Loaded loaded = TrailFiles.load(logs, stdin, err);
    if (loaded == null) {
      return Main.USAGE;
    }
    Bundle b = Inputs.bundle(Objects.requireNonNull(bundle, "picocli requires it"), err);
    if (b == null) {
      return Main.USAGE;
    }
    List<DecisionRecord> records = loaded.records().stream().filter(window).toList();
    GrantUsage.Report report = GrantUsage.of(b, records);
    Instant from = records.isEmpty() ? null : records.get(0).time();
    Instant to = records.isEmpty() ? null : records.get(records.size() - 1).time();
    if (json) {
      out.println(json(report, records.size(), from, to));
      return 0;
    }
    out.println(
        "period: "
            + (from == null || to == null
                ? "no decision"
                : TrailFiles.time(from) + " to " + TrailFiles.time(to))
            + " ("
            + Plural.count(records.size(), "decision")
            + (period.since != null ? ", since " + period.since : "")
            + (period.until != null ? ", until " + period.until : "")
            + ")");
    for (GrantUsage.PrincipalUse p : report.principals()) {
      Instant seen = p.lastSeen();
      out.println();
      out.println(
          TerminalText.escape(p.principal())
              + (seen == null
                  ? ": never seen in the period"
                  : ": last seen " + TrailFiles.time(seen)));
      if (p.policies().isEmpty()) {
        out.println("  no granting policy");
      }
      for (GrantUsage.PolicyUse u : p.policies()) {
        int granted = u.used().size() + u.unused().size();
        out.println(
            "  "
                + u.policy()
                + " ("
                + u.via()
                + "): "
                + u.used().size()
                + " of "
                + Plural.count(granted, "granted action")
                + " used");
        int width = 0;
        for (GrantUsage.Use x : u.used()) {
          width = Math.max(width, TerminalText.escape(x.action()).length());
        }
        for (String x : u.unused()) {
          width = Math.max(width, TerminalText.escape(x).length());
        }
        for (GrantUsage.Use x : u.used()) {
          out.println(
              "    "
                  + pad(TerminalText.escape(x.action()), width)
                  + "  last used "
                  + TrailFiles.time(x.lastUsed())
                  + " ("
                  + Plural.count(x.allows(), "allow")
                  + ")");
        }
        for (String x : u.unused()) {
          out.println("    " + pad(TerminalText.escape(x), width) + "  unused");
        }
      }
    }
    if (!report.notInBundle().isEmpty()) {
      out.println();
      out.println(
          "in the logs but not in the bundle: "
              + TerminalText.escape(String.join(", ", report.notInBundle())));
    }
    return 0;
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  private static String json(
      GrantUsage.Report report, int decisions, @Nullable Instant from, @Nullable Instant to) {
    return JsonOutput.object(
        g -> {
          g.writeNumberField("decisions", decisions);
          if (from != null && to != null) {
            g.writeStringField("from", TrailFiles.time(from));
            g.writeStringField("to", TrailFiles.time(to));
          }
          g.writeArrayFieldStart("principals");
          for (GrantUsage.PrincipalUse p : report.principals()) {
            g.writeStartObject();
            g.writeStringField("principal", p.principal());
            Instant seen = p.lastSeen();
            if (seen != null) {
              g.writeStringField("lastSeen", TrailFiles.time(seen));
            }
            g.writeArrayFieldStart("policies");
            for (GrantUsage.PolicyUse u : p.policies()) {
              g.writeStartObject();
              g.writeStringField("policy", u.policy());
              g.writeStringField("via", u.via());
              g.writeNumberField("granted", u.used().size() + u.unused().size());
              g.writeArrayFieldStart("used");
              for (GrantUsage.Use x : u.used()) {
                g.writeStartObject();
                g.writeStringField("action", x.action());
                g.writeStringField("lastUsed", TrailFiles.time(x.lastUsed()));
                g.writeNumberField("allows", x.allows());
                g.writeEndObject();
              }
              g.writeEndArray();
              g.writeArrayFieldStart("unused");
              for (String x : u.unused()) {
                g.writeString(x);
              }
              g.writeEndArray();
              g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeArrayFieldStart("notInBundle");
          for (String x : report.notInBundle()) {
            g.writeString(x);
          }
          g.writeEndArray();
        });
  }
}
