package io.iamgate.compile;

import io.iamgate.policy.Effect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A compiled group of documents (the identity policies, the boundary, or the guardrails) with its
 * statements indexed by action: statements are bucketed by service prefix, and the exact candidate
 * list of each action seen is computed once and memoised in an array indexed by the action's {@link
 * ActionIds} id, so a request looks only at statements whose action clause already passes.
 * Immutable apart from the copy-on-write memo, and thread-safe.
 */
public final class CompiledPolicies {
  private final PolicyType source;
  private final List<CompiledDocument> documents;
  private final List<CompiledStatement> statements;
  private final Map<String, CompiledStatement[]> byService;
  private final CompiledStatement[] anyService;

  /** Candidates by action id; replaced, never mutated, once published. */
  private volatile Candidates[] memo = new Candidates[0];

  CompiledPolicies(PolicyType source, List<CompiledDocument> documents) {
    this.source = source;
    this.documents = List.copyOf(documents);
    List<CompiledStatement> statements = new ArrayList<>();
    for (CompiledDocument d : documents) {
      statements.addAll(d.statements());
    }
    this.statements = List.copyOf(statements);
    List<CompiledStatement> any = new ArrayList<>();
    Map<String, LinkedHashSet<CompiledStatement>> buckets = new HashMap<>();
    for (CompiledStatement s : statements) {
      String[] services = s.indexServices();
      if (services == null) {
        any.add(s);
      } else {
        for (String svc : services) {
          buckets.computeIfAbsent(svc, k -> new LinkedHashSet<>()).add(s);
        }
      }
    }
    this.anyService = any.toArray(CompiledStatement[]::new);
    Map<CompiledStatement, Integer> ordinal = new IdentityHashMap<>();
    for (CompiledStatement s : statements) {
      ordinal.put(s, ordinal.size());
    }
    Map<String, CompiledStatement[]> index = new HashMap<>();
    for (Map.Entry<String, LinkedHashSet<CompiledStatement>> e : buckets.entrySet()) {
      // keep document order: merge the service bucket with the any-service statements
      List<CompiledStatement> merged = new ArrayList<>(e.getValue());
      merged.addAll(any);
      merged.sort(Comparator.comparingInt(ordinal::get));
      index.put(e.getKey(), merged.toArray(CompiledStatement[]::new));
    }
    this.byService = index;
  }

  public PolicyType source() {
    return source;
  }

  public List<CompiledDocument> documents() {
    return documents;
  }

  /** Names a statement of this group for explanations: its source, document and index. */
  public StatementRef refOf(CompiledStatement s) {
    int docIndex = -1;
    for (int i = 0; i < documents.size(); i++) {
      if (documents.get(i) == s.document()) {
        docIndex = i;
        break;
      }
    }
    return new StatementRef(source, docIndex, s.document().name(), s.index(), s.source().sid());
  }

  /** Every statement, in document order. */
  public List<CompiledStatement> statements() {
    return statements;
  }

  /**
   * The statements whose action clause passes for the request action.
   *
   * @param actionId the action's {@link ActionIds} id, or {@link ActionIds#NONE}
   * @param foldedService the case-folded service prefix
   * @param foldedName the case-folded action name
   */
  public Candidates candidates(int actionId, String foldedService, String foldedName) {
    Candidates[] m = memo;
    if (actionId >= 0 && actionId < m.length) {
      Candidates c = m[actionId];
      if (c != null) {
        return c;
      }
    }
    Candidates c = compute(foldedService, foldedName);
    if (actionId >= 0) {
      remember(actionId, c);
    }
    return c;
  }

  private synchronized void remember(int actionId, Candidates c) {
    Candidates[] m = memo;
    if (actionId >= m.length) {
      m = Arrays.copyOf(m, Math.max(actionId + 1, Math.min(ActionIds.LIMIT, m.length * 2 + 16)));
    } else {
      m = m.clone();
    }
    m[actionId] = c;
    memo = m;
  }

  private Candidates compute(String service, String name) {
    CompiledStatement[] bucket = byService.getOrDefault(service, anyService);
    List<CompiledStatement> denies = new ArrayList<>();
    List<CompiledStatement> allows = new ArrayList<>();
    for (CompiledStatement s : bucket) {
      if (s.matchesAction(service, name)) {
        (s.effect() == Effect.DENY ? denies : allows).add(s);
      }
    }
    if (denies.isEmpty() && allows.isEmpty()) {
      return Candidates.NONE;
    }
    return new Candidates(
        denies.toArray(CompiledStatement[]::new), allows.toArray(CompiledStatement[]::new));
  }
}
