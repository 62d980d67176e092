package io.iamgate.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.iamgate.audit.Masking;
import io.iamgate.bundle.Bundle;
import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.eval.Evaluator;
import io.iamgate.eval.Request;
import io.iamgate.eval.RequestContext;
import io.iamgate.identity.Principal;
import io.iamgate.json.JsonReader;
import io.iamgate.json.JsonWriter;
import io.iamgate.lint.Analyzer;
import io.iamgate.lint.Finding;
import io.iamgate.trail.DecisionRecord;
import io.iamgate.trail.GrantDiff;
import io.iamgate.trail.Outcome;
import io.iamgate.trail.PolicyGenerator;
import io.iamgate.trail.TrailFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code generate-policy --from-logs FILE... --principal P}: least privilege from the trail. */
@Command(
    name = "generate-policy",
    mixinStandardHelpOptions = true,
    description = {
      "Generate the smallest policy that allows what a principal was observed being allowed to"
          + " do in decision logs: one statement per service, the actions called, the resources"
          + " used (a wildcard over the id only where several ids were seen). The policy goes to"
          + " standard output; suggested conditions, notes and the diff against the principal's"
          + " current grants (--bundle) to standard error, or all of it in one object with"
          + " --json.",
      "",
      "  iamgate generate-policy --from-logs decisions.log --principal user/alice",
      "  iamgate generate-policy --from-logs decisions.log --principal alice --bundle bundle.yaml",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:a policy was generated",
      "1:nothing to generate from: the principal was not seen, or never allowed (see"
          + " --include-denied), or not in the bundle",
      "2:usage error, or a log or the bundle unreadable or invalid"
    })
final class GeneratePolicyCommand implements Callable<Integer> {
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
      names = "--principal",
      required = true,
      paramLabel = "PRINCIPAL",
      description = "`user/alice`, `role/Auditor`, or a name the logs hold once")
  @Nullable String principal;

  @Option(
      names = "--bundle",
      paramLabel = "BUNDLE",
      description = "also compare with the principal's current grants in this bundle")
  @Nullable String bundle;

  @Option(
      names = "--include-denied",
      description =
          "also allow the calls the principal was denied (default: only what it was allowed)")
  boolean includeDenied;

  @Mixin Period period = new Period();

  @Option(
      names = "--sensitive-prefix",
      paramLabel = "PREFIX",
      description =
          "an action-name prefix that makes an action sensitive (repeatable), as for analyze")
  List<String> sensitive = new ArrayList<>();

  @Option(names = "--json", description = "print one JSON object: policy, suggestions, notes, diff")
  boolean json;

  GeneratePolicyCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  private CommandSpec spec() {
    return Objects.requireNonNull(spec, "picocli injects the @Spec field");
  }

  @Override
  public Integer call() {
    String wanted = Objects.requireNonNull(principal, "picocli requires --principal");
    TrailFilter window = LogsCommand.filter(spec(), List.of(), List.of(), List.of(), period);
    // what these print comes from logs and requests: no control or format character gets through
    PrintWriter out = TerminalText.wrap(spec().commandLine().getOut());
    PrintWriter err = TerminalText.wrap(spec().commandLine().getErr());
    TrailFiles.Loaded loaded = TrailFiles.load(logs, stdin, err);
    if (loaded == null) {
      return Main.USAGE;
    }
    List<DecisionRecord> inPeriod = loaded.records().stream().filter(window).toList();
    TreeSet<String> seen = new TreeSet<>();
    inPeriod.forEach(
        r -> {
          if (r.principal() != null && TrailFilter.principalMatches(wanted, r)) {
            seen.add(r.principal());
          }
        });
    if (seen.size() > 1) {
      throw new ParameterException(
          spec().commandLine(),
          "--principal: `"
              + wanted
              + "` names "
              + TerminalText.escape(Masking.mask(String.join(" and ", seen)))
              + " in the logs; name one of them");
    }
    if (seen.isEmpty()) {
      TreeSet<String> all = new TreeSet<>();
      inPeriod.forEach(r -> all.add(Objects.requireNonNullElse(r.principal(), "")));
      all.remove("");
      err.println(
          "iamgate: the logs hold no decision for `"
              + wanted
              + "`"
              + (period.since != null || period.until != null ? " in the period" : "")
              + (all.isEmpty()
                  ? ""
                  : " (principals seen: "
                      + TerminalText.escape(Masking.mask(String.join(", ", all)))
                      + ")"));
      return 1;
    }
    String p = seen.first();
    // the name comes from a log: masked and escaped wherever it is printed as text
    String shown = TerminalText.escape(Masking.mask(p));
    List<DecisionRecord> mine = inPeriod.stream().filter(r -> p.equals(r.principal())).toList();
    List<PolicyGenerator.Call> calls = new ArrayList<>();
    int denied = 0;
    for (DecisionRecord r : mine) {
      PolicyGenerator.Call c = PolicyGenerator.Call.of(r);
      if (c == null) {
        continue;
      }
      if (r.outcome() == Outcome.ALLOW || (includeDenied && r.outcome().isDeny())) {
        calls.add(c);
      } else if (r.outcome().isDeny()) {
        denied++;
      }
    }
    if (calls.isEmpty()) {
      err.println(
          "iamgate: "
              + shown
              + " was never allowed anything in the logs"
              + (denied > 0
                  ? " ("
                      + Plural.count(denied, "denied call")
                      + ": --include-denied generates from them too)"
                  : ""));
      return 1;
    }
    List<String> prefixes = sensitive.isEmpty() ? Analyzer.DEFAULT_SENSITIVE : sensitive;
    PolicyGenerator.Generated g = PolicyGenerator.generate(calls, prefixes);
    if (g.statements().isEmpty()) {
      g.notes().forEach(n -> err.println("iamgate: " + Masking.mask(n)));
      err.println("iamgate: no observed call of " + shown + " can be written into a policy");
      return 1;
    }
    CompiledPolicySet compiled = g.compiled();
    for (PolicyGenerator.Call c : g.calls()) {
      RequestContext.Builder ctx = RequestContext.builder();
      if (Boolean.TRUE.equals(c.mfa())) {
        ctx.put(PolicyGenerator.MFA_KEY, "true");
      }
      if (!Evaluator.decide(compiled, Request.of(c.action(), c.resource(), ctx.build()))
          .decision()
          .allowed()) {
        throw new IllegalStateException(
            "the generated policy does not allow " + c.action() + " on " + c.resource());
      }
    }
    List<Finding> findings =
        new Analyzer(prefixes, Analyzer.DEFAULT_MAX_KEY_AGE_DAYS, Clock.systemUTC())
            .policy(g.text(), "generated")
            .findings();
    GrantDiff.Result diff = null;
    if (bundle != null) {
      Bundle b = Inputs.bundle(bundle, err);
      if (b == null) {
        return Main.USAGE;
      }
      Principal pr =
          p.startsWith("role/")
              ? Principal.role(p.substring(5), null)
              : Principal.user(p.substring(p.indexOf('/') + 1));
      String unknown = SimulateCommand.unknownPrincipal(b, pr);
      if (unknown != null) {
        err.println("iamgate: " + unknown);
        return 1;
      }
      diff = GrantDiff.diff(b, pr, compiled, g.calls());
    }
    DecisionRecord first = mine.get(0);
    DecisionRecord last = mine.get(mine.size() - 1);
    String from = TrailFiles.time(first.time());
    String to = TrailFiles.time(last.time());
    if (json) {
      out.println(json(p, from, to, g, findings, diff));
    } else {
      out.println(g.text());
      err.println(
          "# generated from "
              + Plural.count(g.calls().size(), "call")
              + " of "
              + shown
              + (includeDenied ? " (allowed and denied)" : " that were allowed")
              + ", "
              + from
              + " to "
              + to);
      for (PolicyGenerator.Suggestion s : g.suggestions()) {
        err.println(
            "# suggestion: "
                + s.sid()
                + ": \"Condition\": {\""
                + s.operator()
                + "\": {\""
                + s.key()
                + "\": "
                + values(s.values())
                + "}} ("
                + s.why()
                + ")");
      }
      for (String n : g.notes()) {
        err.println("# note: " + TerminalText.escape(Masking.mask(n)));
      }
      if (denied > 0) {
        err.println(
            "# note: "
                + Plural.count(denied, "denied call")
                + " left out (--include-denied allows them too)");
      }
      err.println(
          "# analyze: "
              + (findings.isEmpty()
                  ? "no finding"
                  : String.join(
                      "; ",
                      findings.stream()
                          .map(f -> f.severity().label() + " " + f.code() + " at " + f.path())
                          .toList())));
      if (diff != null) {
        diffText(err, shown, diff);
      }
    }
    return 0;
  }

  private static String values(List<String> values) {
    return values.size() == 1
        ? "\"" + values.get(0) + "\""
        : "[" + String.join(", ", values.stream().map(v -> "\"" + v + "\"").toList()) + "]";
  }

  private static void diffText(PrintWriter err, String shown, GrantDiff.Result d) {
    err.println(
        "# diff against "
            + shown
            + "'s current grants (each action probed on its observed and route resources, with"
            + " MFA"
            + (d.context().containsKey("aws:SourceIp")
                ? ", from " + d.context().get("aws:SourceIp")
                : "")
            + "):");
    probes(err, "current grants allow, the generated policy does not", d.actionsOnlyCurrent());
    probes(err, "the generated policy allows, current grants do not", d.actionsOnlyGenerated());
    probes(err, "only the current grants allow", d.resourcesOnlyCurrent());
    probes(err, "only the generated policy allows", d.resourcesOnlyGenerated());
    if (d.actionsOnlyCurrent().isEmpty()
        && d.actionsOnlyGenerated().isEmpty()
        && d.resourcesOnlyCurrent().isEmpty()
        && d.resourcesOnlyGenerated().isEmpty()) {
      err.println("#   no difference on the probes");
    }
  }

  private static void probes(PrintWriter err, String title, List<GrantDiff.Probe> probes) {
    for (GrantDiff.Probe x : probes) {
      err.println(
          "#   "
              + title
              + ": "
              + TerminalText.escape(x.action() + " on " + Masking.mask(x.resource())));
    }
  }

  private static void probes(JsonGenerator g, String name, List<GrantDiff.Probe> probes)
      throws IOException {
    g.writeArrayFieldStart(name);
    for (GrantDiff.Probe x : probes) {
      g.writeStartObject();
      g.writeStringField("action", x.action());
      g.writeStringField("resource", Masking.mask(x.resource()));
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private String json(
      String p,
      String from,
      String to,
      PolicyGenerator.Generated gen,
      List<Finding> findings,
      GrantDiff.@Nullable Result diff) {
    return JsonOutput.object(
        g -> {
          g.writeStringField("principal", p);
          g.writeNumberField("calls", gen.calls().size());
          g.writeStringField("from", from);
          g.writeStringField("to", to);
          g.writeBooleanField("includeDenied", includeDenied);
          g.writeFieldName("policy");
          JsonWriter.tree(
              g,
              Objects.requireNonNull(JsonReader.read(gen.text(), "generated", 0).value()),
              false);
          g.writeArrayFieldStart("suggestions");
          for (PolicyGenerator.Suggestion s : gen.suggestions()) {
            g.writeStartObject();
            g.writeStringField("sid", s.sid());
            g.writeObjectFieldStart("condition");
            g.writeObjectFieldStart(s.operator());
            g.writeArrayFieldStart(s.key());
            for (String v : s.values()) {
              g.writeString(v);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeStringField("why", s.why());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeArrayFieldStart("notes");
          for (String n : gen.notes()) {
            g.writeString(Masking.mask(n));
          }
          g.writeEndArray();
          g.writeArrayFieldStart("findings");
          for (Finding f : findings) {
            g.writeStartObject();
            g.writeStringField("code", f.code());
            g.writeStringField("severity", f.severity().name());
            g.writeStringField("path", f.path());
            g.writeStringField("message", f.message());
            g.writeEndObject();
          }
          g.writeEndArray();
          if (diff != null) {
            g.writeObjectFieldStart("diff");
            probes(g, "actionsOnlyCurrent", diff.actionsOnlyCurrent());
            probes(g, "actionsOnlyGenerated", diff.actionsOnlyGenerated());
            probes(g, "resourcesOnlyCurrent", diff.resourcesOnlyCurrent());
            probes(g, "resourcesOnlyGenerated", diff.resourcesOnlyGenerated());
            g.writeEndObject();
          }
        });
  }
}
