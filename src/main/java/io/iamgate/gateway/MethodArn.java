package io.iamgate.gateway;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A parsed {@code methodArn}/{@code routeArn}: {@code
 * arn:{partition}:execute-api:{region}:{account}:{apiId}/{stage}/{VERB}/{path}}, or {@code
 * .../{stage}/$connect} for a WebSocket connection (no verb).
 *
 * @param partition e.g. {@code aws}, {@code aws-cn}
 * @param region the API's region
 * @param account the API's account
 * @param apiId the API id
 * @param stage the stage ({@code $default} for HTTP APIs unless named)
 * @param verb the HTTP method, or {@code null} for a WebSocket route
 * @param path the actual path without its leading slash ({@code ""} for {@code /}); for a WebSocket
 *     route, the route key such as {@code $connect}
 */
public record MethodArn(
    String partition,
    String region,
    String account,
    String apiId,
    String stage,
    @Nullable String verb,
    String path) {
  /** The longest method ARN API Gateway sends (longer requests get 414). */
  public static final int MAX_LENGTH = 1600;

  public MethodArn {
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(path, "path");
  }

  /**
   * Parses a method or route ARN.
   *
   * @throws IllegalArgumentException with a message saying what is wrong
   */
  private static boolean hasWildcard(String part) {
    return part.indexOf('*') >= 0 || part.indexOf('?') >= 0;
  }

  public static MethodArn parse(@Nullable String arn) {
    if (arn == null || arn.isEmpty()) {
      throw new IllegalArgumentException("the event has no methodArn/routeArn");
    }
    if (arn.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "the method ARN is longer than " + MAX_LENGTH + " characters");
    }
    String[] parts = arn.split(":", 6);
    if (parts.length != 6
        || !parts[0].equals("arn")
        || !parts[2].equals("execute-api")
        || parts[1].isEmpty()) {
      throw new IllegalArgumentException(
          "expected arn:PARTITION:execute-api:REGION:ACCOUNT:API/STAGE/VERB/PATH, found `"
              + arn
              + "`");
    }
    String[] rest = parts[5].split("/", 4);
    if (rest.length < 3 || rest[0].isEmpty() || rest[1].isEmpty() || rest[2].isEmpty()) {
      throw new IllegalArgumentException(
          "the method ARN `" + arn + "` has no API id, stage and method or route");
    }
    if (hasWildcard(parts[1])
        || hasWildcard(rest[0])
        || hasWildcard(rest[1])
        || hasWildcard(parts[3])
        || hasWildcard(parts[4])) {
      // API Gateway sets these parts itself; a wildcard there would widen every returned pattern
      throw new IllegalArgumentException(
          "the method ARN `"
              + arn
              + "` has `*` or `?` in its partition, region, account, API id or stage");
    }
    if (rest.length == 3 && rest[2].startsWith("$")) {
      return new MethodArn(parts[1], parts[3], parts[4], rest[0], rest[1], null, rest[2]);
    }
    return new MethodArn(
        parts[1], parts[3], parts[4], rest[0], rest[1], rest[2], rest.length == 4 ? rest[3] : "");
  }

  /** The ARN prefix up to and including the API id: {@code arn:aws:execute-api:eu-west-1:1:api}. */
  public String apiPrefix() {
    return "arn:" + partition + ":execute-api:" + region + ":" + account + ":" + apiId;
  }

  /**
   * The ARN of this API and stage with another verb and path pattern (which may hold {@code *}).
   */
  public String withRoute(String verbPattern, String pathPattern) {
    return apiPrefix() + "/" + stage + "/" + verbPattern + "/" + pathPattern;
  }

  /**
   * Whether this is the ARN of an HTTP API's {@code $default} route, the catch-all: API Gateway
   * sends {@code .../{stage}/$default} for every method and path it serves (docs/authorizer.md,
   * "The $default route").
   */
  public boolean isCatchAll() {
    return verb == null && path.equals("$default");
  }

  /** The ARN text. */
  @Override
  public String toString() {
    return apiPrefix() + "/" + stage + "/" + (verb == null ? path : verb + "/" + path);
  }
}
