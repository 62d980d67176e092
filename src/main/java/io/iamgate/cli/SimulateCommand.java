package io.iamgate.cli;

import io.iamgate.audit.Masking;
import io.iamgate.bundle.Bundle;
import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.compile.NamedDocument;
import io.iamgate.compile.PolicyCompiler;
import io.iamgate.compile.PolicyType;
import io.iamgate.compile.StatementRef;
import io.iamgate.eval.Decision;
import io.iamgate.eval.Evaluator;
import io.iamgate.eval.Explanation;
import io.iamgate.eval.NearMiss;
import io.iamgate.eval.Request;
import io.iamgate.eval.RequestContext;
import io.iamgate.facade.Authorization;
import io.iamgate.facade.IamGate;
import io.iamgate.identity.Directory;
import io.iamgate.identity.Principal;
import io.iamgate.json.Diagnostic;
import io.iamgate.json.ParseResult;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.parse.Hints;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code simulate}: evaluates one request, or a JSON Lines batch of cases.
 *
 * <p>Why this file is over 400 lines: most of it is picocli's option declarations with their help
 * text and the three modes' argument checks (documents, a bundle principal, a batch), each of which
 * names the option at fault; the evaluation itself goes through {@code IamGate} and {@code
 * BatchRunner}.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate a request against policies and explain the decision.",
      "",
      "One request against policy documents:",
      "  iamgate simulate --policy p.json --action orders:GetOrder \\",
      "      --resource arn:app:orders:eu-west-1:123456789012:order/1 \\",
      "      --context aws:SourceIp=203.0.113.7",
      "As a user or role of a bundle:",
      "  iamgate simulate --bundle bundle.yaml --user alice --action orders:GetOrder \\",
      "      --resource arn:app:orders:eu-west-1:123456789012:order/1",
      "A batch of cases, one JSON object per line (`-` reads standard input):",
      "  iamgate simulate --batch cases.jsonl",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:allowed; with --batch: the input was read (per-line errors are in the output)",
      "1:invalid policy or request; with --batch: the input cannot be read",
      "2:usage error",
      "3:denied (ExplicitDeny or ImplicitDeny)"
    })
final class SimulateCommand implements Callable<Integer> {
  static final int DENIED = 3;

  @Spec @Nullable CommandSpec spec;

  @Option(
      names = "--policy",
      arity = "1..*",
      paramLabel = "FILE",
      description = "identity policy documents")
  List<String> policies = new ArrayList<>();

  @Option(
      names = "--boundary",
      paramLabel = "FILE",
      description = "a permissions boundary document")
  @Nullable String boundary;

  @Option(
      names = "--guardrail",
      arity = "1..*",
      paramLabel = "FILE",
      description = "guardrail (SCP-like) documents; together they form one level")
  @Nullable List<String> guardrails;

  @Option(
      names = "--action",
      paramLabel = "ACTION",
      description = "the request action, e.g. `orders:GetOrder`")
  @Nullable String action;

  @Option(
      names = "--resource",
      paramLabel = "RESOURCE",
      description = "the request resource, e.g. an ARN")
  @Nullable String resource;

  @Option(
      names = "--context",
      arity = "1..*",
      paramLabel = "KEY=VALUE",
      description = "a context key; repeat a key for a multi-valued key")
  List<String> context = new ArrayList<>();

  @Option(names = "--json", description = "print the result as one JSON object")
  boolean json;

  @Option(
      names = "--batch",
      paramLabel = "FILE",
      description = "evaluate JSON Lines cases from FILE (`-` = standard input)")
  @Nullable String batch;

  @Option(
      names = "--bundle",
      paramLabel = "PATH",
      description = "a policy bundle (file or directory); ask as --user or --role")
  @Nullable String bundle;

  @Option(
      names = "--user",
      paramLabel = "NAME",
      description = "with --bundle: the bundle user who asks")
  @Nullable String user;

  @Option(
      names = "--role",
      paramLabel = "NAME",
      description = "with --bundle: the bundle role that asks")
  @Nullable String role;

  private final InputStream in;

  SimulateCommand(InputStream in) {
    this.in = in;
  }

  /** The command's spec, which picocli injects before it runs the command. */
  private CommandSpec spec() {
    return Objects.requireNonNull(spec, "picocli injects the @Spec field");
  }

  @Override
  public Integer call() {
    String batch = this.batch;
    String action = this.action;
    String resource = this.resource;
    String bundle = this.bundle;
    if (batch != null) {
      if (!policies.isEmpty()
          || boundary != null
          || guardrails != null
          || action != null
          || resource != null
          || !context.isEmpty()
          || bundle != null) {
        throw new ParameterException(
            spec().commandLine(),
            "--batch takes every case from its input; do not combine it with --policy, --boundary, --guardrail, --action, --resource or --context");
      }
      return runBatch(batch);
    }
    if (action == null || resource == null) {
      throw new ParameterException(
          spec().commandLine(), "simulate needs --action and --resource (or --batch FILE)");
    }
    if (bundle != null) {
      if (!policies.isEmpty() || boundary != null || guardrails != null) {
        throw new ParameterException(
            spec().commandLine(),
            "--bundle takes the policies from the bundle; do not combine it with --policy, --boundary or --guardrail");
      }
      String userName = user;
      String roleName = role;
      Principal principal;
      if (userName != null && roleName == null) {
        principal = Principal.user(userName);
      } else if (roleName != null && userName == null) {
        principal = Principal.role(roleName, "iamgate-cli");
      } else {
        throw new ParameterException(
            spec().commandLine(), "--bundle needs exactly one of --user NAME and --role NAME");
      }
      return runBundle(bundle, principal, action, resource);
    }
    if (user != null || role != null) {
      throw new ParameterException(spec().commandLine(), "--user and --role need --bundle PATH");
    }
    return runOne(action, resource);
  }

  private int runOne(String action, String resource) {
    PrintWriter out = spec().commandLine().getOut();
    PrintWriter err = spec().commandLine().getErr();
    List<Diagnostic> errors = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<NamedDocument> identity = load(policies, errors, problems);
    NamedDocument b = boundary == null ? null : single(boundary, errors, problems);
    List<String> guardrailFiles = guardrails;
    List<NamedDocument> g = guardrailFiles == null ? null : load(guardrailFiles, errors, problems);

    String actionProblem = Request.actionProblem(action);
    if (actionProblem != null) {
      problems.add("--action: " + actionProblem);
    }
    RequestContext.Builder cb = RequestContext.builder();
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (String kv : context) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        problems.add("--context: expected KEY=VALUE, found `" + kv + "`");
        continue;
      }
      values.computeIfAbsent(kv.substring(0, eq), k -> new ArrayList<>()).add(kv.substring(eq + 1));
    }
    values.forEach(
        (k, v) -> {
          if (v.size() == 1) {
            cb.put(k, v.get(0));
          } else {
            cb.putAll(k, v);
          }
        });
    for (String p : cb.problems()) {
      problems.add("--context: " + p);
    }
    if (!errors.isEmpty() || !problems.isEmpty()) {
      for (Diagnostic d : errors) {
        err.println(d.format());
      }
      for (String p : problems) {
        err.println("iamgate: " + p);
      }
      return 1;
    }
    CompiledPolicySet set = PolicyCompiler.compileSet(identity, b, g);
    Request request = Request.of(action, resource, cb.build());
    Explanation e = Evaluator.explain(set, request);
    if (json) {
      out.println(
          JsonOutput.object(
              gen -> {
                gen.writeStringField("action", action);
                gen.writeStringField("resource", resource);
                JsonOutput.explanation(gen, e);
                if (e.decision() == Decision.IMPLICIT_DENY) {
                  JsonOutput.nearMisses(gen, e.nearMisses());
                }
              }));
    } else {
      out.println("decision:  " + e.decision().text());
      out.println("reason:    " + e.reason());
      List<StatementRef> deciding = e.decidingStatements();
      if (!deciding.isEmpty()) {
        out.println("statements:");
        for (StatementRef ref : deciding) {
          out.println("  " + ref);
        }
      }
      printNearMisses(out, e.decision(), e.failedGate(), e.nearMisses());
    }
    return e.decision().allowed() ? 0 : DENIED;
  }

  private int runBundle(String bundle, Principal principal, String action, String resource) {
    PrintWriter out = spec().commandLine().getOut();
    PrintWriter err = spec().commandLine().getErr();
    Bundle read = Inputs.bundle(bundle, err);
    if (read == null) {
      return 1;
    }
    String unknown = unknownPrincipal(read, principal);
    if (unknown != null) {
      err.println("iamgate: " + unknown);
      return 1;
    }
    Map<String, Object> ctx = new LinkedHashMap<>();
    for (String kv : context) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        err.println("iamgate: --context: expected KEY=VALUE, found `" + kv + "`");
        return 1;
      }
      String k = kv.substring(0, eq);
      String v = kv.substring(eq + 1);
      Object prev = ctx.get(k);
      if (prev == null) {
        ctx.put(k, v);
      } else {
        List<String> all = new ArrayList<>();
        if (prev instanceof String ps) {
          all.add(ps);
        } else {
          @SuppressWarnings("unchecked")
          List<String> pl = (List<String>) prev;
          all.addAll(pl);
        }
        all.add(v);
        ctx.put(k, all);
      }
    }
    IamGate gate = new IamGate(Directory.fixed(read));
    Authorization a = gate.explain(principal, action, resource, ctx);
    if (a.problem() != null) {
      err.println("iamgate: " + a.problem());
      return 1;
    }
    if (json) {
      out.println(
          JsonOutput.object(
              gen -> {
                gen.writeStringField("principal", principal.toString());
                gen.writeStringField("action", action);
                gen.writeStringField("resource", resource);
                gen.writeStringField("bundleVersion", a.bundleVersion());
                gen.writeStringField("decision", a.decision().text());
                gen.writeStringField("reason", a.reason());
                gen.writeArrayFieldStart("statements");
                for (StatementRef ref : a.statements()) {
                  JsonOutput.statement(gen, ref);
                }
                gen.writeEndArray();
                if (a.failedGate() != null) {
                  JsonOutput.nearMisses(gen, a.nearMisses());
                }
              }));
    } else {
      out.println("principal: " + principal);
      out.println("bundle:    " + read.shortVersion());
      out.println("decision:  " + a.decision().text());
      out.println("reason:    " + a.reason());
      if (!a.statements().isEmpty()) {
        out.println("statements:");
        for (StatementRef ref : a.statements()) {
          out.println("  " + ref);
        }
      }
      printNearMisses(out, a.decision(), a.failedGate(), a.nearMisses());
    }
    return a.allowed() ? 0 : DENIED;
  }

  /**
   * The "why not" lines of an implicit deny: one {@code near miss:} line per Allow statement of the
   * failed gate whose action matched, or a line saying the gate has none.
   */
  private static void printNearMisses(
      PrintWriter out, Decision decision, @Nullable PolicyType gate, List<NearMiss> misses) {
    if (decision != Decision.IMPLICIT_DENY || gate == null) {
      return;
    }
    if (misses.isEmpty()) {
      out.println("near miss: none: no " + gate.label() + " Allow statement matches the action");
      return;
    }
    for (NearMiss m : misses) {
      out.println("near miss: " + Masking.mask(m.toString()));
    }
  }

  /**
   * Why the bundle has no such principal, with the closest name ("did you mean `alice`?"), the
   * other kind when the name is one ("`Auditor` is a role"), or a few of the names it has; {@code
   * null} when it has the principal.
   */
  static @Nullable String unknownPrincipal(Bundle bundle, Principal principal) {
    boolean isUser = principal.kind() == Principal.Kind.USER;
    Set<String> names = isUser ? bundle.users().keySet() : bundle.roles().keySet();
    String name = principal.name();
    if (names.contains(name)) {
      return null;
    }
    String kind = isUser ? "user" : "role";
    String other = isUser ? "role" : "user";
    String closest = closest(name, names);
    String hint = closest == null ? null : "did you mean `" + closest + "`?";
    if (hint == null && (isUser ? bundle.roles() : bundle.users()).containsKey(name)) {
      hint = "`" + name + "` is a " + other + ": ask with --" + other + " " + name;
    }
    if (hint == null) {
      List<String> sorted = names.stream().sorted().map(n -> "`" + n + "`").toList();
      if (sorted.isEmpty()) {
        hint = "it has no " + kind + "s";
      } else if (sorted.size() == 1) {
        hint = "its one " + kind + " is " + sorted.get(0);
      } else {
        List<String> shown = new ArrayList<>(sorted.subList(0, Math.min(sorted.size(), 5)));
        String last =
            sorted.size() > shown.size()
                ? (sorted.size() - shown.size()) + " more"
                : shown.remove(shown.size() - 1);
        hint = "its " + kind + "s are " + String.join(", ", shown) + " and " + last;
      }
    }
    return "the bundle has no " + kind + " `" + name + "` (hint: " + hint + ")";
  }

  /**
   * The name closest to {@code name} by {@link Hints#distance}, ignoring case, when it is a likely
   * typo. A name is allowed one more edit than {@link Hints#closest} allows a policy keyword, so
   * that two swapped letters ({@code alcie}) still find {@code alice}.
   */
  private static @Nullable String closest(String name, Collection<String> names) {
    String lower = name.toLowerCase(Locale.ROOT);
    int allowed = name.length() <= 3 ? 1 : name.length() <= 8 ? 2 : 3;
    String best = null;
    int bestDistance = allowed + 1;
    for (String candidate : names.stream().sorted().toList()) {
      int d = Hints.distance(lower, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return best;
  }

  private List<NamedDocument> load(
      List<String> files, List<Diagnostic> errors, List<String> problems) {
    List<NamedDocument> docs = new ArrayList<>();
    for (String f : files) {
      NamedDocument d = single(f, errors, problems);
      if (d != null) {
        docs.add(d);
      }
    }
    return docs;
  }

  private @Nullable NamedDocument single(
      String file, List<Diagnostic> errors, List<String> problems) {
    try {
      ParseResult<PolicyDocument> r = Inputs.policy(file, in);
      errors.addAll(r.errors());
      PolicyDocument d = r.value();
      String name = file.equals("-") ? Inputs.STDIN : Path.of(file).getFileName().toString();
      return d != null ? new NamedDocument(name, d) : null;
    } catch (Inputs.InputException e) {
      problems.add(e.getMessage());
      return null;
    }
  }

  private int runBatch(String batch) {
    PrintWriter out = spec().commandLine().getOut();
    PrintWriter err = spec().commandLine().getErr();
    try (InputStream input = Inputs.open(batch, in)) {
      new BatchRunner().run(input, out);
      out.flush();
      return 0;
    } catch (Inputs.InputException e) {
      err.println("iamgate: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("iamgate: " + Inputs.cannotRead(batch, Inputs.describe(e)));
      return 1;
    }
  }
}
