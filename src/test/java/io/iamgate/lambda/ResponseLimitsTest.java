package io.iamgate.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iamgate.testing.ApiGatewayPolicy;
import io.iamgate.testing.SampleEvents;
import io.iamgate.testing.TestBundles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API Gateway refuses a returned policy with a {@code Resource} longer than 512 characters, and
 * authorizer responses must stay under 8 KB; route-table responses stay within both, and stay safe
 * when they have to leave routes out.
 */
class ResponseLimitsTest {
  @TempDir static Path dir;

  private static final String ALLOW_READS =
      "[{\"Effect\": \"Allow\", \"Action\": \"orders:Get*\", \"Resource\": \"*\"}]";

  private static String route(String method, String path, String action) {
    return "{\"method\": \""
        + method
        + "\", \"path\": \""
        + path
        + "\", \"action\": \""
        + action
        + "\", \"resource\": \"*\"}";
  }

  private static void assertWithinLimits(String response) {
    assertTrue(
        response.getBytes(StandardCharsets.UTF_8).length < 8 * 1024, response.length() + " bytes");
    for (String r : resources(response)) {
      assertTrue(r.length() <= 512, r.length() + " characters: " + r);
    }
  }

  private static List<String> resources(String response) {
    ApiGatewayPolicy p = ApiGatewayPolicy.parse(response);
    List<String> all = new ArrayList<>(p.allow());
    all.addAll(p.deny());
    return all;
  }

  @Test
  void aLargeRouteTableIsCutToFitAndStaysSafe() throws IOException {
    // 400 routes: even ones are reads (allowed), odd ones deletes (denied)
    List<String> routes = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      routes.add(
          i % 2 == 0
              ? route("GET", "/collection-" + i + "/{id}", "orders:GetOrder")
              : route("GET", "/collection-" + (i - 1) + "/{id}/purge", "orders:DeleteOrder"));
    }
    TestBundles.Handler h =
        TestBundles.handler(dir, ALLOW_READS, "[" + String.join(",\n", routes) + "]");
    String response = h.respond("GET", "collection-0/x");
    assertWithinLimits(response);
    ApiGatewayPolicy cached = ApiGatewayPolicy.parse(response);
    assertTrue(cached.allows(TestBundles.arn("GET", "collection-0/x")));
    assertTrue(
        cached.allows(TestBundles.arn("GET", "collection-2/y")),
        "the first routes are still cached");
    int cachedReads = 0;
    for (int i = 0; i < 400; i += 2) {
      assertFalse(
          cached.allows(TestBundles.arn("GET", "collection-" + i + "/y/purge")),
          "never a denied route");
      cachedReads += cached.allows(TestBundles.arn("GET", "collection-" + i + "/y")) ? 1 : 0;
    }
    assertTrue(
        cachedReads > 10 && cachedReads < 200, cachedReads + " of 200 allowed routes cached");
    String log = h.log().toString(StandardCharsets.UTF_8);
    assertTrue(
        log.contains("\"routesLeftOut\":" + (200 - cachedReads)),
        "the decision log says how many were left out: " + log);
  }

  @Test
  void aDenialTooLongToWriteTakesTheAllowsItGuardsWithIt() throws IOException {
    String longSegment = "x".repeat(520);
    TestBundles.Handler h =
        TestBundles.handler(
            dir,
            ALLOW_READS,
            "["
                + route("GET", "/files/{id}", "orders:GetOrder")
                + ","
                + route("GET", "/files/" + longSegment, "orders:DeleteOrder")
                + "]");
    String response = h.respond("GET", "files/a");
    assertWithinLimits(response);
    ApiGatewayPolicy cached = ApiGatewayPolicy.parse(response);
    assertTrue(cached.allows(TestBundles.arn("GET", "files/a")));
    assertFalse(
        cached.allows(TestBundles.arn("GET", "files/" + longSegment)),
        "the long denied route is not opened");
    assertFalse(
        cached.allows(TestBundles.arn("GET", "files/b")), "so GET/files/* could not be cached");
  }

  @Test
  void anArnLongerThanApiGatewayAcceptsIsAnsweredByTheRouteTableAlone() throws IOException {
    // alice may read every file: the table's GET/files/* lets the call through, and nothing the
    // caller sent is written
    TestBundles.Handler h =
        TestBundles.handler(
            dir, ALLOW_READS, "[" + route("GET", "/files/{id}", "orders:GetOrder") + "]");
    String longId = "y".repeat(600);
    String response = h.respond("GET", "files/" + longId);
    assertWithinLimits(response);
    ApiGatewayPolicy policy = ApiGatewayPolicy.parse(response);
    assertTrue(policy.allows(TestBundles.arn("GET", "files/" + longId)), response);
    assertEquals(List.of(TestBundles.arn("GET", "files/*")), policy.allow());
    String log = h.log().toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("answered by the route table's patterns alone"), log);
    assertTrue(log.contains("\"outcome\":\"Allow\""), log);
  }

  @Test
  void anArnLongerThanApiGatewayAcceptsIsDeniedWithTheReason() throws IOException {
    // in request mode there is no table to answer with
    TestBundles.Handler h =
        TestBundles.handler(
            dir,
            ALLOW_READS,
            "[" + route("GET", "/files/{id}", "orders:GetOrder") + "]",
            java.util.Map.of("IAMGATE_CACHE_MODE", "request"));
    String longId = "y".repeat(600);
    String response = h.respond("GET", "files/" + longId);
    assertWithinLimits(response);
    assertFalse(ApiGatewayPolicy.parse(response).allows(TestBundles.arn("GET", "files/" + longId)));
    assertEquals(
        List.of(TestBundles.arn("GET", "files/" + longId).substring(0, 511) + "*"),
        ApiGatewayPolicy.parse(response).deny());
    String log = h.log().toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("API Gateway accepts at most 512"), log);
    assertTrue(log.contains("\"outcome\":\"ImplicitDeny\""), log);
  }

  @Test
  void contextClaimsThatWouldOverflowTheResponseAreLeftOut() throws IOException {
    TestBundles.Handler h =
        TestBundles.handler(
            dir,
            ALLOW_READS,
            "[" + route("GET", "/files/{id}", "orders:GetOrder") + "]",
            java.util.Map.of("IAMGATE_CONTEXT_CLAIMS", "tenant,essay,plan"));
    String token =
        io.iamgate.testing.Tokens.sign(
            io.iamgate.testing.Tokens.claims("alice", SampleEvents.FAR)
                .claim("tenant", "acme")
                .claim("essay", "z".repeat(6000))
                .claim("plan", "gold")
                .build());
    String response = h.respond(token, "GET", "files/a");
    assertWithinLimits(response);
    assertTrue(response.contains("\"claim:tenant\":\"acme\""), response);
    assertTrue(response.contains("\"claim:plan\":\"gold\""), response);
    assertFalse(response.contains("claim:essay"), response);
    assertTrue(h.log().toString(StandardCharsets.UTF_8).contains("\"claimsLeftOut\":[\"essay\"]"));
  }
}
