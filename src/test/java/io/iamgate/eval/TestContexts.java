package io.iamgate.eval;

import java.util.List;
import java.util.Map;

/** Builds request contexts from plain maps in tests and benchmarks. */
public final class TestContexts {
  private TestContexts() {}

  /** Values are a String (single-valued) or a List of String (multi-valued). */
  public static RequestContext of(Map<String, Object> values) {
    RequestContext.Builder b = RequestContext.builder();
    values.forEach((k, v) -> {
      if (v instanceof String s) {
        b.put(k, s);
      } else {
        @SuppressWarnings("unchecked")
        List<String> l = (List<String>) v;
        b.putAll(k, l);
      }
    });
    return b.build();
  }
}
