package io.iamgate.lint;

import io.iamgate.bundle.Bundle;
import java.util.function.Predicate;

/**
 * Whether some principal may call a route: the engine's answer, supplied by a layer that may use it
 * (the CLI), since the analyzer sits below the engine's facade.
 */
@FunctionalInterface
public interface RouteCallers {
  /** For one bundle: whether some user or role of it may call a route. */
  Predicate<Bundle.Route> callable(Bundle bundle);
}
