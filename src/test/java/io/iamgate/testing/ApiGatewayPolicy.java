package io.iamgate.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamgate.compile.Glob;
import java.util.ArrayList;
import java.util.List;

/**
 * How API Gateway evaluates a returned policy against a request's ARN: any matching {@code Deny}
 * denies, else any matching {@code Allow} allows, else deny; {@code *} spans every character.
 */
record ApiGatewayPolicy(List<String> allow, List<String> deny) {
  static ApiGatewayPolicy parse(String response) {
    try {
      JsonNode root = new ObjectMapper().readTree(response);
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

  boolean allows(String arn) {
    for (String d : deny) {
      if (Glob.compile(Glob.tokens(d, true)).matches(arn)) {
        return false;
      }
    }
    for (String a : allow) {
      if (Glob.compile(Glob.tokens(a, true)).matches(arn)) {
        return true;
      }
    }
    return false;
  }
}
