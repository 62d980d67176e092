package io.iamgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * How API Gateway evaluates a returned policy against a request's ARN: any matching {@code Deny}
 * denies, else any matching {@code Allow} allows, else deny; in a {@code Resource}, {@code *} spans
 * every character (also {@code /}) and {@code ?} matches one, with no escape. The matcher is this
 * class's own (a dynamic-programming wildcard match), independent of the engine's.
 *
 * @param allow the {@code Resource} patterns of {@code Allow} statements
 * @param deny the {@code Resource} patterns of {@code Deny} statements
 */
public record ApiGatewayPolicy(List<String> allow, List<String> deny) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Reads the policy of an IAM-policy authorizer response; fails the test on anything else. */
  public static ApiGatewayPolicy parse(String response) {
    try {
      JsonNode root = MAPPER.readTree(response);
      List<String> allow = new ArrayList<>();
      List<String> deny = new ArrayList<>();
      for (JsonNode s : root.path("policyDocument").path("Statement")) {
        List<String> target = s.path("Effect").asText().equals("Allow") ? allow : deny;
        JsonNode r = s.path("Resource");
        if (r.isArray()) {
          r.forEach(x -> target.add(x.asText()));
        } else {
          target.add(r.asText());
        }
      }
      return new ApiGatewayPolicy(allow, deny);
    } catch (Exception e) {
      throw new AssertionError("not a policy response: " + response, e);
    }
  }

  /** Whether API Gateway lets a request for {@code arn} through with this policy. */
  public boolean allows(String arn) {
    for (String d : deny) {
      if (matches(d, arn)) {
        return false;
      }
    }
    for (String a : allow) {
      if (matches(a, arn)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether an authorizer response (a simple {@code isAuthorized} answer or an IAM policy) lets a
   * request for {@code arn} through.
   */
  public static boolean responseAllows(String response, String arn) {
    if (response.startsWith("{\"isAuthorized\"")) {
      return response.startsWith("{\"isAuthorized\":true");
    }
    return parse(response).allows(arn);
  }

  /** {@code *} = any run of characters, {@code ?} = one character, everything else literal. */
  static boolean matches(String pattern, String text) {
    int p = pattern.length();
    int t = text.length();
    boolean[] prev = new boolean[t + 1];
    boolean[] cur = new boolean[t + 1];
    prev[0] = true;
    for (int i = 1; i <= p; i++) {
      char c = pattern.charAt(i - 1);
      cur[0] = prev[0] && c == '*';
      for (int j = 1; j <= t; j++) {
        cur[j] =
            c == '*' ? cur[j - 1] || prev[j] : prev[j - 1] && (c == '?' || c == text.charAt(j - 1));
      }
      boolean[] swap = prev;
      prev = cur;
      cur = swap;
    }
    return prev[t];
  }
}
