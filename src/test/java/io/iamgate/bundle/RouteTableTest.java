package io.iamgate.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {
  private final RouteTable table =
      new RouteTable(
          List.of(
              new Bundle.Route(
                  "GET",
                  "/orders/{orderId}",
                  "orders:GetOrder",
                  "arn:app:orders:${aws:RequestedRegion}:${account}:order/${request:path/orderId}"),
              new Bundle.Route(
                  "GET",
                  "/orders/recent",
                  "orders:ListRecentOrders",
                  "arn:app:orders:*:${account}:order/*"),
              new Bundle.Route("ANY", "/orders/{orderId}", "orders:AnyOrder", "*"),
              new Bundle.Route(
                  "GET", "/files/{path+}", "files:GetFile", "arn:app:files:::${request:path/path}"),
              new Bundle.Route("GET", "/tenants/{tenant}/x", "t:X", "arn:app:t:::${x:missing}")),
          "123456789012");

  @Test
  void parametersAreBoundAndResourcesResolved() {
    RouteTable.Match m =
        table.match(
            "get", "/orders/ord-42", "methodArn", Map.of("aws:RequestedRegion", "eu-west-1"));
    assertEquals("orders:GetOrder", m.action());
    assertEquals("arn:app:orders:eu-west-1:123456789012:order/ord-42", m.resource());
    assertEquals(Map.of("orderId", "ord-42"), m.pathParameters());
  }

  @Test
  void literalSegmentsBeatParametersAndMethodsBeatAny() {
    assertEquals(
        "orders:ListRecentOrders", table.match("GET", "/orders/recent", "m", Map.of()).action());
    assertEquals("orders:AnyOrder", table.match("DELETE", "/orders/ord-1", "m", Map.of()).action());
  }

  @Test
  void greedyParametersTakeTheRest() {
    RouteTable.Match m = table.match("GET", "/files/a/b/c.txt", "m", Map.of());
    assertEquals("arn:app:files:::a/b/c.txt", m.resource());
  }

  @Test
  void unmatchedRequestsGetTheApiGatewayDefault() {
    RouteTable.Match m =
        table.match(
            "POST", "/nowhere", "arn:aws:execute-api:eu-west-1:1:api/prod/POST/nowhere", Map.of());
    assertEquals(RouteTable.DEFAULT_ACTION, m.action());
    assertEquals("arn:aws:execute-api:eu-west-1:1:api/prod/POST/nowhere", m.resource());
    assertNull(m.route());
  }

  @Test
  void anUnresolvableResourceIsNull() {
    assertNull(table.match("GET", "/tenants/acme/x", "m", Map.of()).resource());
  }
}
