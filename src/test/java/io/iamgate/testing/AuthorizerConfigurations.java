package io.iamgate.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;

/** Expands an {@link AuthorizerSpec} into the possible, distinct configurations. */
public final class AuthorizerConfigurations implements ArgumentsProvider {
  @Override
  public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
    AuthorizerSpec spec = context.getRequiredTestMethod().getAnnotation(AuthorizerSpec.class);
    return all(spec).stream().map(Arguments::of);
  }

  /** Every possible, distinct configuration of a spec, in a stable order. */
  public static List<AuthorizerConfig> all(AuthorizerSpec spec) {
    Set<AuthorizerConfig> out = new LinkedHashSet<>();
    for (AuthorizerConfig.Payload payload : spec.payload()) {
      for (AuthorizerConfig.Credential credential : spec.credentials()) {
        for (AuthorizerConfig.CacheMode mode : spec.cacheMode()) {
          for (boolean simple : spec.simpleResponses()) {
            AuthorizerConfig c = new AuthorizerConfig(mode, simple, credential, payload);
            if (c.possible()) {
              out.add(c.normalized());
            }
          }
        }
      }
    }
    return new ArrayList<>(out);
  }
}
