package io.iamgate.lambda;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iamgate.testing.ApiGatewayPolicy;
import io.iamgate.testing.TestBundles;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Route-table answers at the edges the break test found: a denied route's trailing-slash ARN (the
 * router takes {@code /orders/} for {@code /orders}) is denied next to another route's pattern that
 * matches it, and a statement whose resource substitutes a request header keeps its routes out of
 * the table.
 */
class RouteTableEdgesTest {
  @TempDir Path dir;

  private static final String ROUTES =
      "[{\"method\": \"GET\", \"path\": \"/orders\", \"action\": \"orders:ListOrders\","
          + " \"resource\": \"*\"},"
          + "{\"method\": \"GET\", \"path\": \"/orders/{id}\", \"action\": \"orders:GetOrder\","
          + " \"resource\": \"arn:app:orders:::order/${request:path/id}\"}]";

  @Test
  void aDeniedRoutesTrailingSlashIsDeniedNextToAPatternThatMatchesIt() throws IOException {
    TestBundles.Handler h =
        TestBundles.handler(
            dir,
            "[{\"Effect\": \"Allow\", \"Action\": \"orders:GetOrder\", \"Resource\": \"*\"}]",
            ROUTES);
    String answer = h.respond("GET", "orders/ord-1");
    ApiGatewayPolicy policy = ApiGatewayPolicy.parse(answer);
    assertTrue(policy.allows(TestBundles.arn("GET", "orders/ord-2")), answer);
    // GET/orders/* matches GET/orders/, which the router decides as ListOrders: denied
    assertFalse(policy.allows(TestBundles.arn("GET", "orders/")), answer);
    String fresh = h.respond("GET", "orders/");
    assertFalse(ApiGatewayPolicy.responseAllows(fresh, TestBundles.arn("GET", "orders/")), fresh);
  }

  @Test
  void aStatementResourceWithARequestHeaderKeepsItsRoutesOutOfTheTable() throws IOException {
    TestBundles.Handler h =
        TestBundles.handler(
            dir,
            "[{\"Effect\": \"Allow\", \"Action\": \"orders:*\", \"Resource\": \"*\"},"
                + "{\"Effect\": \"Deny\", \"Action\": \"orders:ListOrders\","
                + " \"Resource\": \"arn:app:orders:::${request:header/x-kind}\"}]",
            ROUTES);
    String answer = h.respond("GET", "orders/ord-1");
    ApiGatewayPolicy policy = ApiGatewayPolicy.parse(answer);
    assertTrue(policy.allows(TestBundles.arn("GET", "orders/ord-2")), answer);
    assertFalse(policy.allows(TestBundles.arn("GET", "orders")), answer);
  }
}
