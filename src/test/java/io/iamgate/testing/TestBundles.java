package io.iamgate.testing;

import io.iamgate.lambda.AuthorizerHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Authorizers on small test bundles: the sample issuer, one user alice with one policy, given
 * routes.
 */
public final class TestBundles {
  private TestBundles() {}

  /** A handler, its decision log, and alice's token. */
  public record Handler(AuthorizerHandler handler, ByteArrayOutputStream log) {
    public static final String ALICE =
        Tokens.sign(Tokens.claims("alice", SampleEvents.FAR).build());

    /** The response to alice calling {@code verb /path} through a REST TOKEN authorizer. */
    public String respond(String verb, String path) throws IOException {
      return respond(ALICE, verb, path);
    }

    /** The response to the bearer of {@code token} calling {@code verb /path}. */
    public String respond(String token, String verb, String path) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handler.handleRequest(
          new ByteArrayInputStream(
              SampleEvents.restToken(token, verb, path).getBytes(StandardCharsets.UTF_8)),
          out,
          null);
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  /**
   * @param statements alice's policy statements (a JSON array)
   * @param routes the bundle's routes (a JSON array)
   */
  public static Handler handler(Path dir, String statements, String routes) throws IOException {
    return handler(dir, statements, routes, Map.of());
  }

  /** As {@link #handler(Path, String, String)}, with more settings. */
  public static Handler handler(
      Path dir, String statements, String routes, Map<String, String> settings) throws IOException {
    String sample = Files.readString(Path.of("src/main/resources/iamgate/sample-bundle.json"));
    String issuers =
        sample.substring(sample.indexOf("\"issuers\":"), sample.indexOf(",\n    \"apiKeyHeader\""));
    String bundle =
        "{\"account\": \"123456789012\",\n"
            + "\"policies\": {\"P\": {\"Version\": \"2012-10-17\", \"Statement\": "
            + statements
            + "}},\n"
            + "\"users\": {\"alice\": {\"policies\": [\"P\"]}},\n"
            + "\"identity\": {\"userClaim\": \"cognito:username\", "
            + issuers
            + "},\n"
            + "\"routes\": "
            + routes
            + "}";
    Path file = Files.createTempFile(dir, "bundle", ".json");
    Files.writeString(file, bundle);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Map<String, String> env = new java.util.HashMap<>(settings);
    env.put("IAMGATE_BUNDLE", "file:" + file);
    return new Handler(
        new AuthorizerHandler(env, new PrintStream(log, true, StandardCharsets.UTF_8)), log);
  }

  /** The ARN of {@code verb /path} on the test API. */
  public static String arn(String verb, String path) {
    return "arn:aws:execute-api:eu-west-1:"
        + SampleEvents.ACCOUNT
        + ":k7x2m9q4ab/prod/"
        + verb
        + "/"
        + path;
  }
}
