package io.iamgate.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iamgate.testing.ApiGatewayPolicy;
import io.iamgate.testing.AuthorizerConfig;
import io.iamgate.testing.AuthorizerSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API Gateway replays a cached answer for every call whose identity sources match. For every
 * configuration of the matrix ({@link AuthorizerSpec}: cache mode × payload × simple responses ×
 * credential kind), every sample caller and every pair of calls to routes of the API (the bundle's
 * routes: API Gateway itself refuses paths that are not routes, before any authorizer), the answer
 * to the first, replayed for the second wherever API Gateway would replay it, must never allow what
 * a fresh evaluation of the second denies.
 */
class CacheSafetyTest {
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

  /** Every (method, path) of {@link #PATHS} that is a route of the sample API. */
  private static List<String[]> calls(AuthorizerConfig config) {
    List<String[]> out = new ArrayList<>();
    for (String m : METHODS) {
      for (String p : PATHS) {
        if (AuthorizerConfig.route(m, p).isPresent()) {
          out.add(new String[] {m, p});
        }
      }
    }
    // every $connect is the same call
    return config.payload() == AuthorizerConfig.Payload.WEBSOCKET ? out.subList(0, 1) : out;
  }

  private static boolean allows(AuthorizerConfig config, Optional<String> answer, String[] call) {
    return answer.isPresent()
        && ApiGatewayPolicy.responseAllows(answer.get(), config.arn(call[0], call[1]));
  }

  @AuthorizerSpec
  void aCachedAnswerNeverAllowsWhatAFreshOneDenies(AuthorizerConfig config) throws IOException {
    AuthorizerHandler handler = config.handler(new ByteArrayOutputStream());
    List<String[]> calls = calls(config);
    List<String> violations = new ArrayList<>();
    int replayedAllows = 0;
    int freshAllows = 0;
    for (AuthorizerConfig.Caller caller : config.callers()) {
      Map<String, Boolean> fresh = new HashMap<>();
      Map<String, Optional<String>> answers = new HashMap<>();
      for (String[] call : calls) {
        Optional<String> answer = config.respond(handler, caller, call[0], call[1]);
        answers.put(call[0] + " " + call[1], answer);
        fresh.put(call[0] + " " + call[1], allows(config, answer, call));
      }
      for (String[] first : calls) {
        Optional<String> cached = answers.get(first[0] + " " + first[1]);
        if (cached.isEmpty()) {
          continue; // a 401 is not cached
        }
        for (String[] second : calls) {
          if (!config.replays(first[0], first[1], second[0], second[1])) {
            continue;
          }
          boolean replay = allows(config, cached, second);
          boolean now = fresh.get(second[0] + " " + second[1]);
          if (replay && !now) {
            violations.add(
                caller
                    + ": after "
                    + first[0]
                    + " /"
                    + first[1]
                    + ", the cached answer allows "
                    + second[0]
                    + " /"
                    + second[1]);
          }
          replayedAllows += replay ? 1 : 0;
          freshAllows += now ? 1 : 0;
        }
      }
    }
    assertTrue(violations.isEmpty(), String.join("\n", violations));
    if (config.cacheMode() == AuthorizerConfig.CacheMode.ROUTE_TABLE
        && !config.answersSimply()
        && config.payload() != AuthorizerConfig.Payload.WEBSOCKET) {
      // and the route table is useful: most fresh allows are also allowed from a replayed answer
      // (those that are not depend on the request: alice's own reports, carol's office-only
      // exports)
      assertTrue(replayedAllows * 10 >= freshAllows * 8, replayedAllows + " of " + freshAllows);
    }
  }

  @AuthorizerSpec
  void everyAnswerAnswersItsOwnCallAsDecided(AuthorizerConfig config) throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    AuthorizerHandler handler = config.handler(log);
    List<String> wrong = new ArrayList<>();
    for (AuthorizerConfig.Caller caller : config.callers()) {
      for (String[] call : calls(config)) {
        log.reset();
        String answer =
            config
                .respond(handler, caller, call[0], call[1])
                .orElseThrow(() -> new AssertionError(caller + " was refused as unauthorized"));
        // the decision as logged (a route-table answer's context holds none: it is replayed for
        // other routes)
        boolean decidedAllow =
            log.toString(java.nio.charset.StandardCharsets.UTF_8).contains("\"outcome\":\"Allow\"");
        if (decidedAllow != allows(config, Optional.of(answer), call)) {
          wrong.add(
              caller
                  + " "
                  + call[0]
                  + " /"
                  + call[1]
                  + " decided "
                  + (decidedAllow ? "Allow" : "deny")
                  + " but answered otherwise: "
                  + answer);
        }
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @AuthorizerSpec
  void theSampleCallersGetTheirDocumentedDecisions(AuthorizerConfig config) throws IOException {
    documentedDecisions(config);
  }

  private static void documentedDecisions(AuthorizerConfig config) throws IOException {
    AuthorizerHandler handler = config.handler(new ByteArrayOutputStream());
    for (AuthorizerConfig.Caller caller : config.callers()) {
      String[] read = {"GET", "orders/ord-42"};
      String[] delete = {"DELETE", "orders/ord-42"};
      boolean readAllowed = allows(config, config.respond(handler, caller, read[0], read[1]), read);
      boolean deleteAllowed =
          allows(config, config.respond(handler, caller, delete[0], delete[1]), delete);
      if (config.payload() == AuthorizerConfig.Payload.WEBSOCKET) {
        // $connect is execute-api:Invoke on the connect ARN, which the developers' and the admins'
        // policies allow and the read-only group's do not
        assertEquals(!caller.name().startsWith("bob"), readAllowed, caller + " connects");
        continue;
      }
      // every sample caller may read orders; only carol, an admin with MFA, may delete one
      assertTrue(readAllowed, caller + " reads an order");
      assertEquals(caller.name().startsWith("carol"), deleteAllowed, caller + " deletes an order");
    }
  }
}
