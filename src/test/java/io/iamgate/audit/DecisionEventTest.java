package io.iamgate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link DecisionEvent#scrubbed} passes through the scrubber: every request-derived text. */
class DecisionEventTest {
  @Test
  void everyTextTheEventCarriedIsScrubbed() {
    DecisionEvent.Request r =
        new DecisionEvent.Request(
            "REST_REQUEST", "arn", "api", "stage", "GET", "/p", "10.0.0.1", "ua", "req");
    DecisionEvent d = DecisionEvent.error("id", "why", r, 1).scrubbed(s -> "<" + s + ">");
    DecisionEvent.Request x = d.request();
    assertEquals(
        List.of("<arn>", "<api>", "<stage>", "<GET>", "</p>", "<10.0.0.1>", "<ua>", "<req>"),
        List.of(
            x.methodArn(),
            x.apiId(),
            x.stage(),
            x.httpMethod(),
            x.path(),
            x.sourceIp(),
            x.userAgent(),
            x.requestId()));
    assertEquals("REST_REQUEST", x.eventType());
    assertEquals("<why>", d.reason());
  }
}
