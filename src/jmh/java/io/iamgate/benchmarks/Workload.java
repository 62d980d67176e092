package io.iamgate.benchmarks;

import io.iamgate.compile.CompiledDocument;
import io.iamgate.compile.NamedDocument;
import io.iamgate.eval.Request;
import io.iamgate.eval.TestContexts;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.parse.Json;
import io.iamgate.policy.parse.JsonReader;
import io.iamgate.policy.parse.ParseResult;
import io.iamgate.policy.parse.PolicyParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The standard workload written by {@code ../shared/bench/gen_workload.py}, read once for the
 * benchmarks. Its directory is the system property {@code iamgate.workload} (default {@code
 * target/workload}).
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

  static Workload load() {
    Path dir = Path.of(System.getProperty("iamgate.workload", "target/workload"));
    Path roles = dir.resolve("iam/roles.json");
    Path requests = dir.resolve("iam/requests.jsonl");
    if (!Files.isRegularFile(roles) || !Files.isRegularFile(requests)) {
      throw new IllegalStateException(
          "no workload in "
              + dir.toAbsolutePath()
              + "; generate it with: python3 ../shared/bench/gen_workload.py --out target/workload");
    }
    try {
      Workload w = new Workload();
      Json root = JsonReader.read(Files.readString(roles), roles.toString(), 0).value();
      for (Json.Member m : ((Json.JObject) root).members()) {
        ParseResult<PolicyDocument> r =
            PolicyParser.parse(
                m.value(), roles.toString(), "/" + m.name(), new PolicyParser.Options(true));
        w.parsed.put(m.name(), r.value());
        w.documents.put(m.name(), CompiledDocument.compile(new NamedDocument(m.name(), r.value())));
      }
      for (String raw : Files.readAllLines(requests)) {
        if (raw.isBlank()) {
          continue;
        }
        Json.JObject o = (Json.JObject) JsonReader.read(raw, null, 0).value();
        List<String> rs = new ArrayList<>();
        for (Json j : ((Json.JArray) o.get("roles")).items()) {
          rs.add(Json.scalarText(j));
        }
        Map<String, Object> ctx = new HashMap<>();
        for (Json.Member m : ((Json.JObject) o.get("context")).members()) {
          // a caller's context keys are constants in its code; the values differ per request
          ctx.put(m.name().intern(), Json.scalarText(m.value()));
        }
        w.lines.add(
            new Line(
                String.join(",", rs),
                List.copyOf(rs),
                Json.scalarText(o.get("action")),
                Json.scalarText(o.get("resource")),
                ctx));
      }
      return w;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
