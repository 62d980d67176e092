package io.iamgate.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamgate.testing.SampleEvents;
import io.iamgate.testing.TestBundles;
import io.iamgate.testing.Tokens;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claims named in {@code IAMGATE_CONTEXT_CLAIMS} that are objects or arrays are flattened into the
 * flat response context the way condition keys name them ({@code <claim>/<member>}), never dropped.
 */
class ContextClaimsTest {
  @TempDir static Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void objectAndArrayClaimsAreFlattenedAsConditionKeysNameThem() throws IOException {
    TestBundles.Handler h =
        TestBundles.handler(
            dir,
            "[{\"Effect\": \"Allow\", \"Action\": \"orders:Get*\", \"Resource\": \"*\"}]",
            "[{\"method\": \"GET\", \"path\": \"/files/{id}\", \"action\": \"orders:GetOrder\","
                + " \"resource\": \"*\"}]",
            Map.of("IAMGATE_CONTEXT_CLAIMS", "tenant,address,entitlements,roles,none,level"));
    String token =
        Tokens.sign(
            Tokens.claims("alice", SampleEvents.FAR)
                .claim("tenant", "acme")
                .claim(
                    "address",
                    Map.of("country", "NL", "geo", Map.of("city", "Utrecht", "zip", List.of())))
                .claim(
                    "entitlements",
                    List.of(
                        Map.of("product", "orders", "seats", 5),
                        Map.of("product", "reports", "seats", 2)))
                .claim("roles", List.of("reader", "writer"))
                .claim("none", List.of())
                .claim("level", 3)
                .build());
    JsonNode context = JSON.readTree(h.respond(token, "GET", "files/a")).get("context");
    assertEquals("acme", context.get("claim:tenant").asText());
    assertEquals("NL", context.get("claim:address/country").asText());
    assertEquals("Utrecht", context.get("claim:address/geo/city").asText());
    assertEquals("", context.get("claim:address/geo/zip").asText());
    assertEquals("orders,reports", context.get("claim:entitlements/product").asText());
    assertEquals("5,2", context.get("claim:entitlements/seats").asText());
    assertEquals("reader,writer", context.get("claim:roles").asText());
    assertEquals("", context.get("claim:none").asText());
    assertEquals(3, context.get("claim:level").asInt());
    assertEquals(true, context.get("claim:level").isNumber());
    context
        .fields()
        .forEachRemaining(
            e ->
                assertEquals(
                    true,
                    e.getValue().isValueNode(),
                    "the context is flat: " + e.getKey() + " = " + e.getValue()));
  }
}
