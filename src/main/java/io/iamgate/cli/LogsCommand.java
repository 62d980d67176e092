package io.iamgate.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.iamgate.audit.Masking;
import io.iamgate.trail.DecisionRecord;
import io.iamgate.trail.Outcome;
import io.iamgate.trail.TrailFilter;
import io.iamgate.trail.TrailSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code logs FILE...}: reads decision events back, filters them and summarises them. */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = {
      "Read the authorizer's decision events back: raw log lines (as the authorizer and"
          + " `invoke --log` write them), CloudWatch Logs exports (`aws logs filter-log-events`"
          + " or `get-log-events` JSON, S3 exports), gzip or not. Print them as a table, or"
          + " --json, with a summary: counts by outcome, the principals and routes denied most.",
      "",
      "  iamgate logs decisions.log",
      "  iamgate logs --decision deny --since 2026-11-29 export.json.gz",
      "  iamgate logs --principal user/bob --route 'DELETE /orders/{orderId}' -",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:events read and printed (malformed lines are warnings)",
      "1:no decision event matched the filters",
      "2:usage error, or a file unreadable or without any decision event"
    })
final class LogsCommand implements Callable<Integer> {
  /** The most principals and routes in each "denied most" list. */
  static final int TOP = 5;

  private final InputStream stdin;

  @Spec @Nullable CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description = "decision logs (`-` reads standard input)")
  @Nullable List<String> files;

  @Option(
      names = "--principal",
      paramLabel = "PRINCIPAL",
      description =
          "only this principal: `user/alice`, `role/Auditor`, or a bare name (repeatable)")
  List<String> principals = new ArrayList<>();

  @Option(
      names = "--decision",
      paramLabel = "OUTCOME",
      description =
          "only this outcome: Allow, ExplicitDeny, ImplicitDeny, Deny, Unauthorized, Error, or"
              + " `deny` for every deny (repeatable; any letter case)")
  List<String> decisions = new ArrayList<>();

  @Option(
      names = "--route",
      paramLabel = "ROUTE",
      description =
          "only this route, `GET /orders/{orderId}`, or request, `GET /orders/ord-42`; the method"
              + " may be left out (repeatable)")
  List<String> routes = new ArrayList<>();

  @Mixin Period period = new Period();

  @Option(names = "--json", description = "print one JSON object: the events and the summary")
  boolean json;

  @Option(names = "--summary", description = "print the summary only, not the events")
  boolean summaryOnly;

  LogsCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  private CommandSpec spec() {
    return Objects.requireNonNull(spec, "picocli injects the @Spec field");
  }

  /** The filter the options describe; a bad value is a usage error. */
  static TrailFilter filter(
      CommandSpec spec,
      List<String> principals,
      List<String> decisions,
      List<String> routes,
      Period period) {
    Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
    for (String d : decisions) {
      try {
        outcomes.addAll(TrailFilter.outcomes(d));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--decision: " + e.getMessage());
      }
    }
    Instant from = period.since == null ? null : instant(spec, "--since", period.since, false);
    Instant to = period.until == null ? null : instant(spec, "--until", period.until, true);
    if (from != null && to != null && !from.isBefore(to)) {
      throw new ParameterException(
          spec.commandLine(), "--since must be before --until, not `" + period.since + "`");
    }
    return new TrailFilter(principals, outcomes, routes, from, to);
  }

  private static Instant instant(CommandSpec spec, String option, String text, boolean endOfDay) {
    try {
      return TrailFilter.instant(text, endOfDay);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
    }
  }

  @Override
  public Integer call() {
    TrailFilter filter = filter(spec(), principals, decisions, routes, period);
    // what these print comes from logs and requests: no control or format character gets through
    PrintWriter out = TerminalText.wrap(spec().commandLine().getOut());
    PrintWriter err = TerminalText.wrap(spec().commandLine().getErr());
    TrailFiles.Loaded loaded =
        TrailFiles.load(Objects.requireNonNull(files, "picocli requires a FILE"), stdin, err);
    if (loaded == null) {
      return Main.USAGE;
    }
    List<DecisionRecord> matched = loaded.records().stream().filter(filter).toList();
    TrailSummary summary = TrailSummary.of(matched, TOP);
    if (json) {
      out.println(json(matched, summary, loaded));
    } else {
      if (!summaryOnly && !matched.isEmpty()) {
        table(out, matched);
      }
      summary(out, summary, loaded);
    }
    return matched.isEmpty() ? 1 : 0;
  }

  private static String cell(@Nullable String s) {
    return s == null ? "-" : TerminalText.escape(Masking.mask(s));
  }

  private static void table(PrintWriter out, List<DecisionRecord> records) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"TIME", "OUTCOME", "PRINCIPAL", "REQUEST", "ACTION", "RESOURCE"});
    for (DecisionRecord r : records) {
      rows.add(
          new String[] {
            TrailFiles.time(r.time()),
            r.outcome().text(),
            cell(r.principal()),
            cell(r.request()),
            cell(r.action()),
            cell(r.resource())
          });
    }
    int[] width = new int[6];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        sb.append(row[i]);
        if (i < row.length - 1) {
          sb.append(" ".repeat(width[i] - row[i].length() + 2));
        }
      }
      out.println(sb.toString().stripTrailing());
    }
  }

  private static void summary(PrintWriter out, TrailSummary s, TrailFiles.Loaded loaded) {
    List<String> parts = new ArrayList<>();
    s.byOutcome().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .filter(e -> e.getValue() > 0)
        .forEach(e -> parts.add(e.getValue() + " " + e.getKey().text()));
    Instant first = s.first();
    Instant last = s.last();
    out.println(
        Plural.count(s.total(), "decision")
            + (s.total() < loaded.records().size()
                ? " of " + loaded.records().size() + " matched"
                : "")
            + (first == null || last == null
                ? ""
                : " from " + TrailFiles.time(first) + " to " + TrailFiles.time(last))
            + (parts.isEmpty() ? "" : ": " + String.join(", ", parts)));
    if (!s.deniedPrincipals().isEmpty()) {
      out.println("denied most, principals: " + counts(s.deniedPrincipals()));
      out.println("denied most, routes: " + counts(s.deniedRoutes()));
    }
    out.println(
        "skipped: " + TrailFiles.skipped(loaded.operational(), loaded.other(), loaded.malformed()));
  }

  private static String counts(List<TrailSummary.Count> counts) {
    List<String> out = new ArrayList<>();
    for (TrailSummary.Count c : counts) {
      out.add(TerminalText.escape(Masking.mask(c.name())) + " (" + c.count() + ")");
    }
    return String.join(", ", out);
  }

  private String json(List<DecisionRecord> records, TrailSummary s, TrailFiles.Loaded loaded) {
    boolean withEvents = !summaryOnly;
    return JsonOutput.object(
        g -> {
          if (withEvents) {
            g.writeArrayFieldStart("events");
            for (DecisionRecord r : records) {
              event(g, r);
            }
            g.writeEndArray();
          }
          g.writeObjectFieldStart("summary");
          g.writeNumberField("decisions", s.total());
          g.writeNumberField("read", loaded.records().size());
          Instant first = s.first();
          Instant last = s.last();
          if (first != null && last != null) {
            g.writeStringField("from", TrailFiles.time(first));
            g.writeStringField("to", TrailFiles.time(last));
          }
          g.writeObjectFieldStart("outcomes");
          for (Outcome o : Outcome.values()) {
            g.writeNumberField(o.text(), s.byOutcome().getOrDefault(o, 0));
          }
          g.writeEndObject();
          counts(g, "deniedPrincipals", s.deniedPrincipals());
          counts(g, "deniedRoutes", s.deniedRoutes());
          g.writeObjectFieldStart("skipped");
          g.writeNumberField("operational", loaded.operational());
          g.writeNumberField("other", loaded.other());
          g.writeNumberField("malformed", loaded.malformed());
          g.writeEndObject();
          g.writeEndObject();
        });
  }

  private static void counts(JsonGenerator g, String name, List<TrailSummary.Count> counts)
      throws IOException {
    g.writeArrayFieldStart(name);
    for (TrailSummary.Count c : counts) {
      g.writeStartObject();
      g.writeStringField("name", Masking.mask(c.name()));
      g.writeNumberField("count", c.count());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void text(JsonGenerator g, String name, @Nullable String value)
      throws IOException {
    if (value != null) {
      g.writeStringField(name, Masking.mask(value));
    }
  }

  private static void event(JsonGenerator g, DecisionRecord r) throws IOException {
    g.writeStartObject();
    g.writeStringField("time", TrailFiles.time(r.time()));
    g.writeStringField("outcome", r.outcome().text());
    text(g, "principal", r.principal());
    if (r.mfaPresent() != null) {
      g.writeBooleanField("mfaPresent", r.mfaPresent());
    }
    text(g, "sourceIp", r.sourceIp());
    text(g, "route", r.route());
    text(g, "httpMethod", r.httpMethod());
    text(g, "path", r.path());
    text(g, "action", r.action());
    text(g, "resource", r.resource());
    text(g, "statement", r.statement());
    text(g, "reason", r.reason());
    text(g, "eventId", r.eventId());
    g.writeStringField("file", r.file());
    g.writeNumberField("line", r.line());
    g.writeEndObject();
  }
}
