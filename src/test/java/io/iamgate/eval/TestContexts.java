package io.iamgate.eval;

import java.util.Map;

/** Builds request contexts from plain maps in tests and benchmarks. */
public final class TestContexts {
  private TestContexts() {}

  /** Values are a String (single-valued) or a List of String (multi-valued). */
  public static RequestContext of(Map<String, Object> values) {
    RequestContext.Builder b = RequestContext.builder();
    values.forEach(b::putValue);
    return b.build();
  }
}
