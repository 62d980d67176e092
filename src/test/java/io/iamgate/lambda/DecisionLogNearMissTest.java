package io.iamgate.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decision log's {@code nearMisses}: on an implicit deny, compact; never on an allow. */
class DecisionLogNearMissTest {
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final AuthorizerHandler handler =
      new AuthorizerHandler(
          Map.of("IAMGATE_ALLOW_SAMPLE_BUNDLE", "true"),
          new PrintStream(log, true, StandardCharsets.UTF_8));

  /** The decision line of alice's REST token event, with its method ARN replaced by {@code arn}. */
  private String decisionLine(String arn) throws IOException {
    String event = Files.readString(Path.of("events/rest-token-allow.json"));
    String changed =
        event.replaceAll("\"methodArn\":\\s*\"[^\"]+\"", "\"methodArn\": \"" + arn + "\"");
    log.reset();
    handler.handleRequest(
        new ByteArrayInputStream(changed.getBytes(StandardCharsets.UTF_8)),
        new ByteArrayOutputStream(),
        null);
    List<String> lines =
        log.toString(StandardCharsets.UTF_8)
            .lines()
            .filter(l -> l.contains("\"logger\":\"iamgate.decision\""))
            .toList();
    assertEquals(1, lines.size(), log.toString(StandardCharsets.UTF_8));
    return lines.get(0);
  }

  @Test
  void anImplicitDenyLogsItsNearMisses() throws IOException {
    String line =
        decisionLine(
            "arn:aws:execute-api:eu-west-1:210987654321:k7x2m9q4ab/prod/GET/reports/bob/r-1");
    assertTrue(line.contains("\"outcome\":\"ImplicitDeny\""), line);
    assertTrue(line.contains("\"nearMisses\":[\""), line);
    assertTrue(
        line.contains(
            "\"nearMisses\":[\"identity[OrdersDeveloper]/Statement/2 (Sid OwnReports): action"
                + " matches, resource arn:app:reports:eu-west-1:123456789012:report/bob/r-1 does"
                + " not match arn:app:reports:*:123456789012:report/${aws:username}/*\"]"),
        line);
  }

  @Test
  void anAllowLogsNoNearMisses() throws IOException {
    String line =
        decisionLine(
            "arn:aws:execute-api:eu-west-1:210987654321:k7x2m9q4ab/prod/GET/orders/ord-42");
    assertTrue(line.contains("\"outcome\":\"Allow\""), line);
    assertFalse(line.contains("nearMisses"), line);
  }
}
