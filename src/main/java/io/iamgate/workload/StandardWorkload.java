package io.iamgate.workload;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The standard seeded benchmark workload (see the package documentation for its origin), generated
 * in memory: with the same options it is exactly the script's {@code iam/} output and {@code
 * expected.jsonl}. With {@link Options#DEFAULTS} that is 200 roles holding 1992 statements, 1000
 * principals and 100 000 requests decided Allow 44 341, ImplicitDeny 39 036, ExplicitDeny 16 623.
 * These are the counts of the script as changed on 2026-11-29 (an all-actions statement now always
 * has the resource {@code "*"}); the README's 45 886 / 40 654 / 13 460 predate that change.
 *
 * <p>Every map iterates in the script's order (roles {@code role-0000} upwards, principals {@code
 * user-00000} upwards) and every collection is unmodifiable.
 *
 * @param options the options it was generated with
 * @param roles role name to its policy document as compact JSON text, as in {@code iam/roles.json}
 * @param statements role name to the same document's statements, in document order
 * @param principals principal name to its roles and team, as in {@code iam/principals.json}
 * @param requests the request stream, in order
 * @param expected the reference evaluator's decision for each request, same order: {@code "Allow"},
 *     {@code "ExplicitDeny"} or {@code "ImplicitDeny"}
 */
public record StandardWorkload(
    Options options,
    Map<String, String> roles,
    Map<String, List<PolicyStatement>> statements,
    Map<String, WorkloadPrincipal> principals,
    List<WorkloadRequest> requests,
    List<String> expected) {

  /**
   * Keeps the maps' order and makes every collection unmodifiable.
   *
   * @param options the options
   * @param roles role name to document JSON
   * @param statements role name to statements
   * @param principals principal name to principal
   * @param requests the requests
   * @param expected one decision per request
   */
  public StandardWorkload {
    roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
    var statementsCopy = new LinkedHashMap<String, List<PolicyStatement>>();
    statements.forEach((name, list) -> statementsCopy.put(name, List.copyOf(list)));
    statements = Collections.unmodifiableMap(statementsCopy);
    principals = Collections.unmodifiableMap(new LinkedHashMap<>(principals));
    requests = List.copyOf(requests);
    expected = List.copyOf(expected);
    if (expected.size() != requests.size()) {
      throw new IllegalArgumentException("one expected decision per request is needed");
    }
  }

  /**
   * The generator's options, the script's {@code --seed}, {@code --roles}, {@code --principals} and
   * {@code --requests} (its {@code --statements} stays at 10, that is 8 to 12 per role).
   *
   * @param seed the seed of {@code random.Random(seed)}
   * @param roles number of roles, at least 3 (a principal may draw three distinct roles)
   * @param principals number of principals, at least 1
   * @param requests number of requests, at least 0
   */
  public record Options(long seed, int roles, int principals, int requests) {
    /** The standard workload: seed 42, 200 roles, 1000 principals, 100 000 requests. */
    public static final Options DEFAULTS = new Options(42, 200, 1000, 100_000);

    /**
     * Checks the sizes.
     *
     * @param seed the seed
     * @param roles number of roles, at least 3
     * @param principals number of principals, at least 1
     * @param requests number of requests, at least 0
     */
    public Options {
      if (roles < 3 || principals < 1 || requests < 0) {
        throw new IllegalArgumentException(
            "need roles >= 3, principals >= 1, requests >= 0: "
                + roles
                + ", "
                + principals
                + ", "
                + requests);
      }
    }
  }

  /**
   * Generates the workload: roles, then principals, then requests from one {@link PythonRandom},
   * then the decisions of a {@link ReferenceEvaluator} over the roles.
   *
   * @param options seed and sizes
   * @return the workload, identical to the script's for the same options
   */
  public static StandardWorkload generate(Options options) {
    var generator = new WorkloadGenerator(new PythonRandom(options.seed()));
    var roleModels = new LinkedHashMap<String, WorkloadGenerator.Role>();
    for (int i = 0; i < options.roles(); i++) {
      roleModels.put("role-" + WorkloadGenerator.pad(i, 4), generator.genRole());
    }
    List<String> roleNames = List.copyOf(roleModels.keySet());

    var principals = new LinkedHashMap<String, WorkloadPrincipal>();
    for (int i = 0; i < options.principals(); i++) {
      principals.put("user-" + WorkloadGenerator.pad(i, 5), generator.genPrincipal(roleNames));
    }
    List<String> names = List.copyOf(principals.keySet());

    var requests = new ArrayList<WorkloadRequest>(options.requests());
    for (int i = 0; i < options.requests(); i++) {
      requests.add(generator.genRequest(i, names, principals, roleModels));
    }

    var statements = new LinkedHashMap<String, List<PolicyStatement>>();
    var documents = new LinkedHashMap<String, String>();
    roleModels.forEach(
        (name, role) -> {
          statements.put(name, role.statements());
          documents.put(name, Json.document(role.statements()));
        });
    var evaluator = new ReferenceEvaluator(statements);
    var expected = new ArrayList<String>(requests.size());
    for (WorkloadRequest q : requests) {
      expected.add(evaluator.decide(q.roles(), q.action(), q.resource(), q.context()));
    }
    return new StandardWorkload(options, documents, statements, principals, requests, expected);
  }

  /**
   * The total number of statements over all roles.
   *
   * @return the statement count, 1992 for the defaults
   */
  public int statementCount() {
    return statements.values().stream().mapToInt(List::size).sum();
  }

  /**
   * The number of requests with each decision.
   *
   * @return decision ({@code "Allow"}, {@code "ImplicitDeny"}, {@code "ExplicitDeny"}, the ones
   *     present) to count, in order of first occurrence
   */
  public Map<String, Integer> decisionCounts() {
    var counts = new LinkedHashMap<String, Integer>();
    expected.forEach(d -> counts.merge(d, 1, Integer::sum));
    return Collections.unmodifiableMap(counts);
  }

  /**
   * Writes the files the script writes for iamgate, in its formats (compact JSON, ASCII): {@code
   * iam/roles.json} and {@code iam/principals.json} (one object, no final newline), {@code
   * iam/requests.jsonl} and {@code expected.jsonl} (one object per line).
   *
   * @param dir the output directory (the script's {@code --out}); created if absent, files replaced
   * @throws IOException when a directory or file cannot be written
   */
  public void writeTo(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("iam"));
    try (BufferedWriter w = writer(dir.resolve("iam/roles.json"))) {
      w.write('{');
      boolean first = true;
      for (Map.Entry<String, String> e : roles.entrySet()) {
        w.write(first ? "" : ",");
        first = false;
        w.write(Json.string(new StringBuilder(), e.getKey()).append(':').toString());
        w.write(e.getValue());
      }
      w.write('}');
    }
    try (BufferedWriter w = writer(dir.resolve("iam/principals.json"))) {
      var out = new StringBuilder("{");
      principals.forEach(
          (name, p) -> {
            out.append(out.length() > 1 ? "," : "");
            Json.string(out, name).append(":{\"roles\":");
            Json.array(out, p.roles()).append(",\"team\":");
            Json.string(out, p.team()).append('}');
          });
      w.write(out.append('}').toString());
    }
    try (BufferedWriter w = writer(dir.resolve("iam/requests.jsonl"))) {
      var line = new StringBuilder(320);
      for (WorkloadRequest q : requests) {
        line.setLength(0);
        Json.string(line.append("{\"id\":"), q.id()).append(",\"principal\":");
        Json.string(line, q.principal()).append(",\"roles\":");
        Json.array(line, q.roles()).append(",\"action\":");
        Json.string(line, q.action()).append(",\"resource\":");
        Json.string(line, q.resource()).append(",\"context\":");
        Json.object(line, q.context()).append("}\n");
        w.append(line);
      }
    }
    try (BufferedWriter w = writer(dir.resolve("expected.jsonl"))) {
      var line = new StringBuilder(64);
      for (int i = 0; i < requests.size(); i++) {
        line.setLength(0);
        Json.string(line.append("{\"id\":"), requests.get(i).id()).append(",\"decision\":");
        Json.string(line, expected.get(i)).append("}\n");
        w.append(line);
      }
    }
  }

  private static BufferedWriter writer(Path file) throws IOException {
    return Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
  }
}
