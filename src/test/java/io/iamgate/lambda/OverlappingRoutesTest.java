package io.iamgate.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iamgate.testing.ApiGatewayPolicy;
import io.iamgate.testing.TestBundles;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In an execute-api ARN pattern {@code *} spans {@code /}, so the pattern of {@code GET
 * /orders/{orderId}} ({@code GET/orders/*}) also matches every ARN of {@code GET
 * /orders/{orderId}/items}. Route-table responses must stay safe and correct when such routes are
 * decided differently.
 */
class OverlappingRoutesTest {
  @TempDir static Path dir;

  private static final String ROUTES =
      "[\n"
          + "  {\"method\": \"GET\", \"path\": \"/orders/{orderId}\", \"action\": \"orders:GetOrder\","
          + " \"resource\": \"arn:app:orders:eu-west-1:123456789012:order/${request:path/orderId}\"},\n"
          + "  {\"method\": \"GET\", \"path\": \"/orders/{orderId}/items\", \"action\": \"orders:ListOrderItems\","
          + " \"resource\": \"arn:app:orders:eu-west-1:123456789012:order/${request:path/orderId}\"}]";

  /** alice with {@code statements}, and the two overlapping routes. */
  private static TestBundles.Handler handler(String statements) throws IOException {
    return TestBundles.handler(dir, statements, ROUTES);
  }

  private static String arn(String path) {
    return TestBundles.arn("GET", path);
  }

  private static ApiGatewayPolicy respond(TestBundles.Handler h, String path) throws IOException {
    return ApiGatewayPolicy.parse(h.respond("GET", path));
  }

  @Test
  void aRouteThatDependsOnTheRequestIsNotOpenedByAnOverlappingPattern() throws IOException {
    // orders are readable; their items only from the office network, which a TOKEN event never
    // shows
    TestBundles.Handler h =
        handler(
            "[{\"Effect\": \"Allow\", \"Action\": \"orders:GetOrder\", \"Resource\": \"*\"},"
                + " {\"Effect\": \"Allow\", \"Action\": \"orders:ListOrderItems\", \"Resource\": \"*\","
                + "  \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"10.0.0.0/8\"}}}]");
    assertFalse(
        respond(h, "orders/o1/items").allows(arn("orders/o1/items")),
        "a fresh evaluation denies the items");
    ApiGatewayPolicy cached = respond(h, "orders/o1");
    assertTrue(cached.allows(arn("orders/o1")));
    assertTrue(cached.allows(arn("orders/o2")), "the order route is cached");
    assertFalse(
        cached.allows(arn("orders/o1/items")),
        "replayed for the items, the cached response must not allow");
  }

  @Test
  void aDeniedRouteWhosePatternCoversTheRequestDoesNotDenyIt() throws IOException {
    // items are readable, orders are not: the denial of GET/orders/* would also match the items
    TestBundles.Handler h =
        handler(
            "[{\"Effect\": \"Allow\", \"Action\": \"orders:ListOrderItems\", \"Resource\": \"*\"}]");
    ApiGatewayPolicy r = respond(h, "orders/o1/items");
    assertTrue(r.allows(arn("orders/o1/items")), "the allowed request itself is allowed: " + r);
    assertFalse(r.allows(arn("orders/o1")), "replayed for an order, it does not allow");
    assertFalse(respond(h, "orders/o1").allows(arn("orders/o1")));
    assertEquals(
        false,
        respond(h, "orders/o1").allows(arn("orders/o1/items")),
        "the denial of orders covers the items too: a 403 until the TTL ends, never an allow");
  }
}
