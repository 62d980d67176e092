package io.iamgate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InvocationTest {
  @Test
  void theTraceIdIsTheRootOfTheTraceHeader() {
    assertEquals(
        "1-5759e988-bd862e3fe1be46a994272793",
        Invocation.traceId(
            "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"));
    assertEquals("1-abc", Invocation.traceId("Parent=53995c3f42cd8ad8;Root=1-abc;Sampled=0"));
    assertEquals("1-abc", Invocation.traceId("Root=1-abc"));
  }

  @Test
  void aHeaderWithoutAWellFormedRootHasNoTraceId() {
    assertNull(Invocation.traceId(null));
    assertNull(Invocation.traceId("Parent=53995c3f42cd8ad8;Sampled=1"));
    assertNull(Invocation.traceId("Root=;Sampled=1"));
    assertNull(Invocation.traceId("Root=1-abc\"injected"));
    assertNull(Invocation.traceId("NotRoot=1-abc"));
    assertNull(Invocation.traceId("Root=" + "a".repeat(65)));
  }

  @Test
  void theEnvironmentVariableIsTheFallback() {
    String previous = System.getProperty("com.amazonaws.xray.traceHeader");
    System.clearProperty("com.amazonaws.xray.traceHeader");
    try {
      assertEquals("1-env", Invocation.currentTraceId(Map.of("_X_AMZN_TRACE_ID", "Root=1-env")));
      assertNull(Invocation.currentTraceId(Map.of()));
    } finally {
      if (previous != null) {
        System.setProperty("com.amazonaws.xray.traceHeader", previous);
      }
    }
  }
}
