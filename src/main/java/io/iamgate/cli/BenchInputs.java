package io.iamgate.cli;

import io.iamgate.batch.BatchCase;
import io.iamgate.compile.NamedDocument;
import io.iamgate.eval.Decision;
import io.iamgate.eval.Request;
import io.iamgate.eval.RequestContext;
import io.iamgate.json.Diagnostic;
import io.iamgate.json.Json;
import io.iamgate.json.JsonReader;
import io.iamgate.json.ParseResult;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.parse.PolicyParser;
import io.iamgate.workload.StandardWorkload;
import io.iamgate.workload.WorkloadRequest;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code bench} measures: the standard workload generated in memory, or policies, requests and
 * expected decisions read from files (formats in docs/cli.md), as parsed documents and request
 * lines from which fresh requests are built.
 */
final class BenchInputs {
  private BenchInputs() {}

  /** The standard workload has `arn:app:*:...` resources; see {@link PolicyParser.Options}. */
  private static final PolicyParser.Options BENCH_OPTIONS = new PolicyParser.Options(true);

  /** One parsed request line, from which fresh {@link Request}s are built. */
  record Line(
      @Nullable String id,
      String key,
      List<String> roles,
      String action,
      String resource,
      Map<String, Object> context) {}

  /** An input that cannot be used; the message names the file and line. */
  static final class BenchInputException extends Exception {
    private static final long serialVersionUID = 1L;

    BenchInputException(String message) {
      super(message, null, false, false);
    }
  }

  /** The generated roles' documents, parsed strictly (the generator writes only valid IAM). */
  static Map<String, NamedDocument> generatedPolicies(StandardWorkload w)
      throws BenchInputException {
    Map<String, NamedDocument> docs = new HashMap<>();
    for (Map.Entry<String, String> role : w.roles().entrySet()) {
      ParseResult<PolicyDocument> r = PolicyParser.parse(role.getValue(), role.getKey());
      PolicyDocument doc = r.value();
      if (doc == null) {
        throw new BenchInputException(
            "the generated workload's policy `"
                + role.getKey()
                + "` is invalid: "
                + r.errors().get(0).format());
      }
      docs.put(role.getKey(), new NamedDocument(role.getKey(), doc));
    }
    return docs;
  }

  static List<Line> generatedRequests(StandardWorkload w) {
    List<Line> out = new ArrayList<>(w.requests().size());
    for (WorkloadRequest r : w.requests()) {
      out.add(
          new Line(
              r.id(),
              String.join(",", r.roles()),
              r.roles(),
              r.action(),
              r.resource(),
              new java.util.LinkedHashMap<>(r.context())));
    }
    return out;
  }

  static Map<String, Decision> generatedExpected(StandardWorkload w) throws BenchInputException {
    Map<String, Decision> out = new HashMap<>();
    for (int i = 0; i < w.requests().size(); i++) {
      String text = w.expected().get(i);
      Decision d = Decision.fromText(text);
      if (d == null) {
        throw new BenchInputException("the reference evaluator decided `" + text + "`");
      }
      out.put(w.requests().get(i).id(), d);
    }
    return out;
  }

  static Map<String, NamedDocument> loadPolicies(String policiesFile, PrintWriter err)
      throws Inputs.InputException, BenchInputException {
    String text = Inputs.readTextOrFail(policiesFile, null);
    ParseResult<Json> json = JsonReader.read(text, policiesFile, 0);
    Json root = json.value();
    if (root == null) {
      throw new BenchInputException(json.errors().get(0).format());
    }
    if (!(root instanceof Json.JObject obj)) {
      throw new BenchInputException(
          policiesFile
              + ": expected an object of named policy documents, found "
              + root.typeName());
    }
    Map<String, NamedDocument> docs = new HashMap<>();
    List<String> errors = new ArrayList<>();
    int lenient = 0;
    for (Json.Member m : obj.members()) {
      ParseResult<PolicyDocument> r =
          PolicyParser.parse(m.value(), policiesFile, "/" + m.name(), BENCH_OPTIONS);
      for (Diagnostic d : r.errors()) {
        errors.add(d.format());
      }
      lenient +=
          (int)
              r.warnings().stream()
                  .filter(d -> d.code().equals("resource-service-wildcard"))
                  .count();
      PolicyDocument doc = r.value();
      if (doc != null) {
        docs.put(m.name(), new NamedDocument(m.name(), doc));
      }
    }
    if (!errors.isEmpty()) {
      throw new BenchInputException(
          Plural.count(errors.size(), "policy error")
              + (errors.size() == 1 ? ": " : ", the first: ")
              + errors.get(0));
    }
    if (lenient > 0) {
      err.println(
          "iamgate: warning: "
              + Plural.count(lenient, "resource pattern has", "resource patterns have")
              + " a wildcard in the ARN service part (`arn:app:*:...`), which the"
              + " specification rejects (section 1.3); bench accepts such patterns so the standard workload can be measured");
    }
    return docs;
  }

  static List<Line> loadRequests(
      String requestsFile, String policiesFile, Map<String, NamedDocument> docs)
      throws Inputs.InputException, BenchInputException {
    String text = Inputs.readTextOrFail(requestsFile, null);
    List<Line> out = new ArrayList<>();
    int lineNumber = 0;
    for (String raw : text.split("\n", -1)) {
      lineNumber++;
      if (raw.isBlank()) {
        continue;
      }
      String where = requestsFile + ":" + lineNumber;
      ParseResult<Json> json = JsonReader.read(raw, requestsFile, lineNumber - 1);
      Json value = json.value();
      if (value == null) {
        throw new BenchInputException(json.errors().get(0).format());
      }
      if (!(value instanceof Json.JObject o)) {
        throw new BenchInputException(
            where + ": expected a JSON object per line, found " + value.typeName());
      }
      String id = o.get("id") == null ? String.valueOf(lineNumber) : Json.scalarText(o.get("id"));
      List<String> roles = new ArrayList<>();
      if (o.get("roles") instanceof Json.JArray arr && !arr.items().isEmpty()) {
        for (Json r : arr.items()) {
          String name = Json.scalarText(r);
          if (name == null || !docs.containsKey(name)) {
            throw new BenchInputException(
                where + ": /roles: unknown policy `" + name + "` (not in " + policiesFile + ")");
          }
          roles.add(name);
        }
      } else {
        throw new BenchInputException(
            where + ": /roles: expected a non-empty array of policy names");
      }
      if (!(o.get("action") instanceof Json.JString a)
          || Request.actionProblem(a.value()) != null) {
        throw new BenchInputException(
            where + ": /action: expected an action such as `orders:GetOrder`");
      }
      if (!(o.get("resource") instanceof Json.JString r)) {
        throw new BenchInputException(where + ": /resource: expected a string");
      }
      List<String> problems = new ArrayList<>();
      RequestContext.Builder check = BatchCase.contextBuilder(o.get("context"), problems);
      if (!problems.isEmpty() || check == null) {
        throw new BenchInputException(where + ": " + String.join("; ", problems));
      }
      Map<String, Object> context = new java.util.LinkedHashMap<>();
      check
          .build()
          .entries()
          .forEach((k, v) -> context.put(k, v.isMulti() ? v.texts() : v.single().text()));
      out.add(
          new Line(id, String.join(",", roles), List.copyOf(roles), a.value(), r.value(), context));
    }
    return out;
  }

  static Map<String, Decision> loadExpected(String expectedFile)
      throws Inputs.InputException, BenchInputException {
    String text = Inputs.readTextOrFail(expectedFile, null);
    Map<String, Decision> out = new HashMap<>();
    int lineNumber = 0;
    for (String raw : text.split("\n", -1)) {
      lineNumber++;
      if (raw.isBlank()) {
        continue;
      }
      ParseResult<Json> json = JsonReader.read(raw, expectedFile, lineNumber - 1);
      if (!json.ok()) {
        throw new BenchInputException(json.errors().get(0).format());
      }
      Decision d = null;
      String id = null;
      if (json.ok() && json.value() instanceof Json.JObject o) {
        id = Json.scalarText(o.get("id") == null ? new Json.JNull(0, 0) : o.get("id"));
        d = o.get("decision") instanceof Json.JString s ? Decision.fromText(s.value()) : null;
      }
      if (id == null || d == null) {
        throw new BenchInputException(
            expectedFile
                + ":"
                + lineNumber
                + ": expected {\"id\": ..., \"decision\": \"Allow\" | \"ExplicitDeny\" | \"ImplicitDeny\"}");
      }
      out.put(id, d);
    }
    return out;
  }
}
