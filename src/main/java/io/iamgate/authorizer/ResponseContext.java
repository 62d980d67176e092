package io.iamgate.authorizer;

import io.iamgate.authn.Credentials;
import io.iamgate.compile.StatementRef;
import io.iamgate.eval.Decision;
import io.iamgate.identity.Directory;
import io.iamgate.identity.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code context} of an answer, which API Gateway hands to the backend: {@code principal},
 * {@code user} or {@code role}, {@code groups}, {@code bundleVersion}, {@code answerId}, and the
 * claims named in {@code IAMGATE_CONTEXT_CLAIMS} as {@code claim:<name>}; an answer that speaks for
 * the called route alone adds the {@code decision} and the deciding {@code statement}
 * (docs/authorizer.md, "Responses").
 *
 * <p>API Gateway replays a cached answer, context included, for every call its cache key matches.
 * So a context holds only what is true for each of them: a route-table answer, replayed for every
 * route the caller calls, carries no decision or statement (they would describe the first call),
 * and {@code answerId} names the decision event that produced the answer, which on a cache hit is
 * an earlier call's.
 *
 * @param values the context, in that order
 * @param claimsLeftOut configured claims left out to keep the answer under API Gateway's 8 KB
 */
record ResponseContext(Map<String, Object> values, List<String> claimsLeftOut) {
  /** Bytes of configured claims a context may carry (with the route table, under 8 KB). */
  static final int CONTEXT_CLAIMS_BUDGET = 2048;

  ResponseContext {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    claimsLeftOut = List.copyOf(claimsLeftOut);
  }

  /**
   * The context for a decision.
   *
   * @param answerId the id of the decision event that produces this answer
   * @param decision the decision to report, or {@code null} when the engine was not asked or the
   *     answer is replayed for other routes
   * @param statement the deciding statement, or {@code null}
   * @param credentials whose claims may be copied, or {@code null} to copy none
   * @param contextClaims the claims to copy, in order, while they fit the budget
   */
  static ResponseContext of(
      Principal p,
      Directory d,
      String answerId,
      @Nullable Decision decision,
      @Nullable StatementRef statement,
      @Nullable Credentials credentials,
      List<String> contextClaims) {
    Map<String, Object> ctx = new LinkedHashMap<>();
    ctx.put("principal", p.key());
    ctx.put(p.kind() == Principal.Kind.USER ? "user" : "role", p.name());
    if (p.kind() == Principal.Kind.USER) {
      var u = d.bundle().users().get(p.name());
      List<String> groups = u == null ? p.groups() : d.resolver().groupsOf(u, p);
      if (!groups.isEmpty()) {
        ctx.put("groups", String.join(",", groups));
      }
    }
    ctx.put("bundleVersion", d.bundle().shortVersion());
    ctx.put("answerId", answerId);
    if (decision != null) {
      ctx.put("decision", decision.text());
    }
    if (statement != null) {
      ctx.put("statement", statement.toString());
    }
    List<String> leftOut = new ArrayList<>();
    if (credentials != null) {
      int budget = CONTEXT_CLAIMS_BUDGET;
      for (String claim : contextClaims) {
        Object v = credentials.claims().get(claim);
        if (v == null) {
          continue;
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten(claim, v, false, flat);
        for (Map.Entry<String, Object> e : flat.entrySet()) {
          int size = e.getKey().length() + String.valueOf(e.getValue()).length() + 16;
          if (size > budget) {
            leftOut.add(e.getKey()); // the response must stay under API Gateway's 8 KB
            continue;
          }
          budget -= size;
          ctx.put("claim:" + e.getKey(), e.getValue());
        }
      }
    }
    return new ResponseContext(ctx, leftOut);
  }

  /**
   * A claim as flat context values, named as its condition keys are ({@code jwt:<claim>/<member>}):
   * strings, numbers and booleans as they are; an object's members under {@code <name>/<member>},
   * at any depth; an array's values joined by commas under its name, and an array of objects joined
   * member by member ({@code [{"id": "a"}, {"id": "b"}]} → {@code <name>/id = "a,b"}). An empty
   * array is the empty string. Nothing a token carries is left out silently.
   */
  private static void flatten(String name, Object v, boolean inArray, Map<String, Object> out) {
    if (v instanceof Map<?, ?> m) {
      m.forEach(
          (k, x) -> {
            if (x != null) {
              flatten(name + "/" + k, x, inArray, out);
            }
          });
    } else if (v instanceof List<?> l) {
      if (l.isEmpty() && !inArray) {
        out.put(name, "");
      }
      for (Object x : l) {
        if (x != null) {
          flatten(name, x, true, out);
        }
      }
    } else if (inArray) {
      out.merge(name, String.valueOf(v), (a, b) -> a + "," + b);
    } else {
      out.put(name, v instanceof Number || v instanceof Boolean ? v : String.valueOf(v));
    }
  }
}
