package io.iamgate.gateway;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What the authorizer answers. */
public sealed interface AuthorizerResponse {
  /**
   * An IAM policy response.
   *
   * @param principalId the principal's id ({@code $context.authorizer.principalId})
   * @param statements the policy statements
   * @param context flat context values: String, Number or Boolean only
   * @param usageIdentifierKey the API key value for a usage plan, or {@code null}
   */
  record Policy(
      String principalId,
      List<Statement> statements,
      Map<String, Object> context,
      @Nullable String usageIdentifierKey)
      implements AuthorizerResponse {
    public Policy {
      Objects.requireNonNull(principalId, "principalId");
      statements = List.copyOf(statements);
      context = Map.copyOf(context);
      for (Map.Entry<String, Object> e : context.entrySet()) {
        Object v = e.getValue();
        if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
          throw new IllegalArgumentException(
              "context value `" + e.getKey() + "` must be a string, number or boolean");
        }
      }
    }
  }

  /**
   * One statement of a policy response.
   *
   * @param effect {@code Allow} or {@code Deny}
   * @param resources execute-api ARNs, possibly with wildcards
   */
  record Statement(String effect, List<String> resources) {
    public Statement {
      if (!effect.equals("Allow") && !effect.equals("Deny")) {
        throw new IllegalArgumentException("effect must be Allow or Deny");
      }
      resources = List.copyOf(resources);
      if (resources.isEmpty()) {
        throw new IllegalArgumentException("a statement names at least one resource");
      }
    }
  }

  /** An HTTP API simple response. */
  record Simple(boolean isAuthorized, Map<String, Object> context) implements AuthorizerResponse {
    public Simple {
      context = Map.copyOf(context);
    }
  }

  /** No valid credentials: REST and WebSocket get 401 through the {@code Unauthorized} error. */
  enum Unauthorized implements AuthorizerResponse {
    INSTANCE
  }
}
