package io.iamgate.cli;

import io.iamgate.compile.CompiledDocument;
import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.compile.PolicyCompiler;
import io.iamgate.compile.PolicyType;
import io.iamgate.eval.Evaluator;
import io.iamgate.eval.Request;
import io.iamgate.eval.RequestContext;
import io.iamgate.policy.Effect;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The timed passes of {@code bench}: the engine's (each request's compiled set from a HashMap,
 * compiled on first sight as the authorizer's cache does, then the evaluator) and the physical
 * floor's (one HashMap lookup, one string compare and one prefix compare per request), with the
 * percentile and clock helpers of the report.
 */
final class BenchPasses {
  private BenchPasses() {}

  /** Keeps results alive so the JIT cannot drop the measured work. */
  static volatile long sink;

  /** The floor's rule per policy name: an action and a resource prefix. */
  record FloorRule(String action, String resourcePrefix) {}

  static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  static long percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int idx = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
  }

  static long clockOverhead() {
    long start = System.nanoTime();
    long x = 0;
    for (int i = 0; i < 100_000; i++) {
      x += System.nanoTime();
    }
    sink = x;
    return (System.nanoTime() - start) / 100_000;
  }

  /**
   * The authorizer's path: the principal's compiled set from the cache (built on first sight from
   * documents compiled once and shared), then the evaluator.
   */
  static io.iamgate.eval.Evaluation decide(
      Map<String, CompiledPolicySet> cache,
      Map<String, CompiledDocument> docs,
      BenchInputs.Line line,
      Request r) {
    CompiledPolicySet set = cache.get(line.key());
    if (set == null) {
      List<CompiledDocument> identity = new ArrayList<>();
      for (String role : line.roles()) {
        identity.add(docs.get(role));
      }
      set = new CompiledPolicySet(PolicyCompiler.group(PolicyType.IDENTITY, identity), null, null);
      cache.put(line.key(), set);
    }
    return Evaluator.decide(set, r);
  }

  static long timedPass(
      Map<String, CompiledPolicySet> cache,
      Map<String, CompiledDocument> docs,
      List<BenchInputs.Line> lines,
      Request[] requests) {
    long acc = 0;
    long start = System.nanoTime();
    for (int i = 0; i < requests.length; i++) {
      acc += decide(cache, docs, lines.get(i), requests[i]).decision().ordinal();
    }
    long elapsed = System.nanoTime() - start;
    sink += acc;
    return elapsed;
  }

  static int sampledPass(
      Map<String, CompiledPolicySet> cache,
      Map<String, CompiledDocument> docs,
      List<BenchInputs.Line> lines,
      Request[] requests,
      long[] samples,
      int count) {
    long acc = 0;
    for (int i = 0; i < requests.length; i++) {
      long t0 = System.nanoTime();
      acc += decide(cache, docs, lines.get(i), requests[i]).decision().ordinal();
      samples[count++] = System.nanoTime() - t0;
    }
    sink += acc;
    return count;
  }

  static long floorPass(Map<String, FloorRule> rules, String[] keys, List<BenchInputs.Line> lines) {
    long acc = 0;
    long start = System.nanoTime();
    for (int i = 0; i < keys.length; i++) {
      BenchInputs.Line l = lines.get(i);
      FloorRule rule = Objects.requireNonNull(rules.get(keys[i]), "every policy has a floor rule");
      if (rule.action().equals(l.action()) && l.resource().startsWith(rule.resourcePrefix())) {
        acc++;
      }
    }
    long elapsed = System.nanoTime() - start;
    sink += acc;
    return elapsed;
  }

  /** The floor's rule: the first action of the first Allow statement, its resource up to a `*`. */
  static FloorRule floorRule(PolicyDocument d) {
    Statement s =
        d.statements().stream()
            .filter(x -> x.effect() == Effect.ALLOW)
            .findFirst()
            .orElse(d.statements().get(0));
    String r = s.resource().patterns().get(0);
    int star = r.indexOf('*');
    return new FloorRule(s.action().patterns().get(0), star < 0 ? r : r.substring(0, star));
  }

  static Request[] build(List<BenchInputs.Line> lines) {
    Request[] out = new Request[lines.size()];
    for (int i = 0; i < out.length; i++) {
      BenchInputs.Line l = lines.get(i);
      RequestContext.Builder b = RequestContext.builder();
      l.context().forEach(b::putValue);
      out[i] = Request.of(l.action(), l.resource(), b.build());
    }
    return out;
  }
}
