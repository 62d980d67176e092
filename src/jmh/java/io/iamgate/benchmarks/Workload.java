package io.iamgate.benchmarks;

import io.iamgate.compile.CompiledDocument;
import io.iamgate.compile.NamedDocument;
import io.iamgate.eval.Request;
import io.iamgate.eval.TestContexts;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.parse.PolicyParser;
import io.iamgate.workload.StandardWorkload;
import io.iamgate.workload.WorkloadRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The standard workload ({@link StandardWorkload}, seed 42: 200 roles, 100,000 requests), generated
 * in memory once for the benchmarks, parsed and compiled.
 */
final class Workload {
  /** One request line: the key of its policy list, and what a fresh request is built from. */
  record Line(
      String key, List<String> roles, String action, String resource, Map<String, Object> context) {
    Request fresh() {
      return Request.of(action, resource, TestContexts.of(context));
    }
  }

  final Map<String, CompiledDocument> documents = new HashMap<>();
  final Map<String, PolicyDocument> parsed = new HashMap<>();
  final List<Line> lines = new ArrayList<>();
  final StandardWorkload generated;

  private Workload(StandardWorkload generated) {
    this.generated = generated;
  }

  static Workload load() {
    Workload w = new Workload(StandardWorkload.generate(StandardWorkload.Options.DEFAULTS));
    StandardWorkload generated = w.generated;
    generated
        .roles()
        .forEach(
            (name, text) -> {
              PolicyDocument d =
                  Objects.requireNonNull(
                      PolicyParser.parse(text, name).value(), "the generator writes valid IAM");
              w.parsed.put(name, d);
              w.documents.put(name, CompiledDocument.compile(new NamedDocument(name, d)));
            });
    for (WorkloadRequest r : generated.requests()) {
      Map<String, Object> ctx = new HashMap<>();
      // a caller's context keys are constants in its code; the values differ per request
      r.context().forEach((k, v) -> ctx.put(k.intern(), v));
      w.lines.add(new Line(String.join(",", r.roles()), r.roles(), r.action(), r.resource(), ctx));
    }
    return w;
  }
}
