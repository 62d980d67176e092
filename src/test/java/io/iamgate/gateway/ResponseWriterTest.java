package io.iamgate.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exact JSON API Gateway reads (section 5 of api-gateway-authorizers.md). */
class ResponseWriterTest {
  private static String write(AuthorizerResponse r) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ResponseWriter().write(r, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void policyResponsesUsePascalCaseInsideTheDocument() throws Exception {
    String json =
        write(
            new AuthorizerResponse.Policy(
                "user/alice",
                List.of(
                    new AuthorizerResponse.Statement(
                        "Allow", List.of("arn:aws:execute-api:eu-west-1:1:api/prod/GET/orders/*")),
                    new AuthorizerResponse.Statement(
                        "Deny", List.of("arn:aws:execute-api:eu-west-1:1:api/prod/DELETE/*"))),
                Map.of("user", "alice", "level", 3, "admin", true),
                "usage-key-abc"));
    assertEquals(
        "{\"principalId\":\"user/alice\",\"policyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":["
            + "{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Allow\",\"Resource\":[\"arn:aws:execute-api:eu-west-1:1:api/prod/GET/orders/*\"]},"
            + "{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Deny\",\"Resource\":[\"arn:aws:execute-api:eu-west-1:1:api/prod/DELETE/*\"]}]},"
            + "\"context\":{\"admin\":true,\"level\":3,\"user\":\"alice\"},\"usageIdentifierKey\":\"usage-key-abc\"}",
        json);
  }

  @Test
  void simpleResponsesSayIsAuthorized() throws Exception {
    assertEquals("{\"isAuthorized\":false}", write(new AuthorizerResponse.Simple(false, Map.of())));
    assertEquals(
        "{\"isAuthorized\":true,\"context\":{\"user\":\"alice\"}}",
        write(new AuthorizerResponse.Simple(true, Map.of("user", "alice"))));
  }

  @Test
  void contextValuesMustBeFlatScalars() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new AuthorizerResponse.Policy("p", List.of(), Map.of("groups", List.of("a")), null));
  }
}
