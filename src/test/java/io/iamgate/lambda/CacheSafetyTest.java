package io.iamgate.lambda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * API Gateway replays a cached response (keyed by the token) for every route of the API. For each
 * sample user and every pair of requests to routes of the API (the bundle's routes: API Gateway
 * itself refuses paths that are not routes, before any authorizer), the response to the first,
 * replayed for the second, must never allow what a fresh evaluation of the second denies.
 */
class CacheSafetyTest {
  private static final AuthorizerHandler HANDLER =
      new AuthorizerHandler(
          Map.of("IAMGATE_ALLOW_SAMPLE_BUNDLE", "true"),
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE");
  private static final List<String> PATHS =
      List.of(
          "orders",
          "orders/ord-42",
          "orders/ord-7",
          "orders/ord-42/items",
          "orders/ord-42/cancel",
          "reports/alice/q1",
          "reports/bob/q1",
          "reports/alice/q1/export");

  private static String respond(String token, String verb, String path) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      HANDLER.handleRequest(
          new ByteArrayInputStream(
              SampleEvents.restToken(token, verb, path).getBytes(StandardCharsets.UTF_8)),
          out,
          null);
    } catch (AuthorizerHandler.UnauthorizedException e) {
      return null;
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static final io.iamgate.bundle.RouteTable ROUTES =
      io.iamgate.authz.IamGate.open("").store().current().orElseThrow().routes();

  private static boolean isRoute(String verb, String path) {
    return ROUTES.match(verb, "/" + path, "x", Map.of("aws:RequestedRegion", "eu-west-1")).route()
        != null;
  }

  private static String arn(String verb, String path) {
    return "arn:aws:execute-api:eu-west-1:"
        + SampleEvents.ACCOUNT
        + ":k7x2m9q4ab/prod/"
        + verb
        + "/"
        + path;
  }

  @Test
  void aCachedResponseNeverAllowsWhatAFreshOneDenies() throws IOException {
    List<String> tokens =
        List.of(
            SampleEvents.alice(),
            SampleEvents.bob(),
            io.iamgate.auth.Tokens.sign(
                io.iamgate.auth.Tokens.claims("carol", SampleEvents.FAR)
                    .claim("amr", List.of("pwd", "mfa"))
                    .build()));
    List<String> violations = new ArrayList<>();
    int replayedAllows = 0;
    int freshAllows = 0;
    for (String token : tokens) {
      // what a fresh evaluation says for every request
      java.util.Map<String, Boolean> fresh = new java.util.HashMap<>();
      for (String m : METHODS) {
        for (String p : PATHS) {
          fresh.put(m + " " + p, HandlerEventsTest.allows(respond(token, m, p), arn(m, p)));
        }
      }
      for (String m1 : METHODS) {
        for (String p1 : PATHS) {
          if (!isRoute(m1, p1)) {
            continue;
          }
          ApiGatewayPolicy cached = ApiGatewayPolicy.parse(respond(token, m1, p1));
          for (String m2 : METHODS) {
            for (String p2 : PATHS) {
              if (!isRoute(m2, p2)) {
                continue;
              }
              boolean replay = cached.allows(arn(m2, p2));
              boolean now = fresh.get(m2 + " " + p2);
              if (replay && !now) {
                violations.add(
                    "after " + m1 + " /" + p1 + ", the cached response allows " + m2 + " /" + p2);
              }
              replayedAllows += replay ? 1 : 0;
              freshAllows += now ? 1 : 0;
            }
          }
        }
      }
    }
    assertTrue(violations.isEmpty(), violations.toString());
    // and the cache is useful: most fresh allows are also allowed from a replayed response (those
    // that are not depend on the request: alice's own reports, carol's office-only exports)
    assertTrue(replayedAllows * 10 >= freshAllows * 8, replayedAllows + " of " + freshAllows);
  }

  @Test
  void everyResponseAnswersItsOwnRequestAsDecided() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (String token : List.of(SampleEvents.alice(), SampleEvents.bob())) {
      for (String m : METHODS) {
        for (String p : PATHS) {
          String response = respond(token, m, p);
          boolean decidedAllow = response.contains("\"decision\":\"Allow\"");
          if (decidedAllow != ApiGatewayPolicy.parse(response).allows(arn(m, p))) {
            wrong.add(
                m
                    + " /"
                    + p
                    + " decided "
                    + (decidedAllow ? "Allow" : "deny")
                    + " but answered otherwise: "
                    + response);
          }
        }
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }
}
