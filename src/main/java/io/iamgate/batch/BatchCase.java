package io.iamgate.batch;

import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.compile.NamedDocument;
import io.iamgate.compile.PolicyCompiler;
import io.iamgate.eval.Request;
import io.iamgate.eval.RequestContext;
import io.iamgate.json.Diagnostic;
import io.iamgate.json.Json;
import io.iamgate.json.ParseResult;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.parse.PolicyParser;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One line of the {@code simulate --batch} input, read into a compiled set and a request, or into
 * the list of problems that make the line an error (section 1.6 of the specification).
 *
 * @param id the {@code id} member as written (string or number), or {@code null}
 * @param set the compiled policies, or {@code null} when there are problems
 * @param request the request, or {@code null} when there are problems
 * @param problems every problem found, empty when the case is valid
 */
public record BatchCase(
    @Nullable Json id,
    @Nullable CompiledPolicySet set,
    @Nullable Request request,
    List<String> problems) {

  /** Reads a case from one parsed line. */
  public static BatchCase read(Json line) {
    List<String> problems = new ArrayList<>();
    if (!(line instanceof Json.JObject obj)) {
      return new BatchCase(
          null, null, null, List.of("expected a JSON object, found " + line.typeName()));
    }
    Json id = obj.get("id");

    List<NamedDocument> identity = new ArrayList<>();
    Json policies = obj.get("policies");
    if (policies == null || policies instanceof Json.JNull) {
      problems.add("/policies: a case needs a `policies` array (it may be empty)");
    } else if (policies instanceof Json.JArray arr) {
      for (int i = 0; i < arr.items().size(); i++) {
        PolicyDocument d = document(arr.items().get(i), "/policies/" + i, problems);
        if (d != null) {
          identity.add(new NamedDocument(null, d));
        }
      }
    } else {
      problems.add(
          "/policies: expected an array of policy documents, found " + policies.typeName());
    }

    NamedDocument boundary = null;
    Json b = obj.get("boundary");
    if (b != null && !(b instanceof Json.JNull)) {
      PolicyDocument d = document(b, "/boundary", problems);
      if (d != null) {
        boundary = new NamedDocument(null, d);
      }
    }

    List<NamedDocument> guardrails = null;
    Json g = obj.get("guardrails");
    if (g != null && !(g instanceof Json.JNull)) {
      if (g instanceof Json.JArray arr) {
        guardrails = new ArrayList<>();
        for (int i = 0; i < arr.items().size(); i++) {
          PolicyDocument d = document(arr.items().get(i), "/guardrails/" + i, problems);
          if (d != null) {
            guardrails.add(new NamedDocument(null, d));
          }
        }
      } else {
        problems.add("/guardrails: expected an array of policy documents, found " + g.typeName());
      }
    }

    String action = null;
    Json a = obj.get("action");
    if (a instanceof Json.JString s) {
      String problem = Request.actionProblem(s.value());
      if (problem != null) {
        problems.add("/action: " + problem);
      } else {
        action = s.value();
      }
    } else {
      problems.add(
          "/action: expected a string such as `s3:GetObject`, found "
              + (a == null ? "nothing" : a.typeName()));
    }

    String resource = null;
    Json r = obj.get("resource");
    if (r instanceof Json.JString s) {
      resource = s.value();
    } else {
      problems.add("/resource: expected a string, found " + (r == null ? "nothing" : r.typeName()));
    }

    RequestContext context = context(obj.get("context"), problems);

    // without problems, action, resource and context are all set
    if (problems.isEmpty() && action != null && resource != null && context != null) {
      CompiledPolicySet set = PolicyCompiler.compileSet(identity, boundary, guardrails);
      return new BatchCase(id, set, Request.of(action, resource, context), List.of());
    }
    return new BatchCase(id, null, null, problems);
  }

  private static @Nullable PolicyDocument document(Json j, String path, List<String> problems) {
    ParseResult<PolicyDocument> r = PolicyParser.parse(j, null, path);
    for (Diagnostic d : r.errors()) {
      problems.add(
          d.path() + ": " + d.message() + (d.hint() == null ? "" : " (hint: " + d.hint() + ")"));
    }
    return r.value();
  }

  /** Reads a context object; absent or {@code null} is the empty context. */
  public static @Nullable RequestContext context(@Nullable Json c, List<String> problems) {
    RequestContext.Builder b = contextBuilder(c, problems);
    return b != null && b.problems().isEmpty() ? b.build() : null;
  }

  /**
   * Reads a context object into a builder (which can build any number of fresh contexts), adding
   * every problem to {@code problems}; {@code null} when the context is not an object.
   */
  public static RequestContext.@Nullable Builder contextBuilder(
      @Nullable Json c, List<String> problems) {
    RequestContext.Builder b = RequestContext.builder();
    if (c == null || c instanceof Json.JNull) {
      return b;
    }
    if (!(c instanceof Json.JObject obj)) {
      problems.add("/context: expected an object, found " + c.typeName());
      return null;
    }
    for (Json.Member m : obj.members()) {
      Json v = m.value();
      String scalar = Json.scalarText(v);
      if (scalar != null) {
        b.put(m.name(), scalar);
      } else if (v instanceof Json.JNull) {
        b.putAbsent(m.name());
      } else if (v instanceof Json.JArray arr) {
        List<String> values = new ArrayList<>();
        boolean ok = true;
        for (Json item : arr.items()) {
          String s = Json.scalarText(item);
          if (s == null) {
            ok = false;
            b.problem(
                "context key `"
                    + m.name()
                    + "` must hold strings, numbers or booleans, found "
                    + item.typeName()
                    + " in its array");
            break;
          }
          values.add(s);
        }
        if (ok) {
          b.putAll(m.name(), values);
        }
      } else {
        b.problem(
            "context key `"
                + m.name()
                + "` must be a string, a number, a boolean or an array of them, found "
                + v.typeName());
      }
    }
    for (String p : b.problems()) {
      problems.add("/context: " + p);
    }
    return b;
  }
}
