package io.iamgate.compile;

import io.iamgate.policy.Arn;
import io.iamgate.policy.CaseFold;
import org.jspecify.annotations.Nullable;

/**
 * One compiled {@code Action}/{@code NotAction} entry (section 3.2): {@code *} matches every
 * action; otherwise the service prefix must equal the request's ignoring case and the name must
 * glob-match ignoring case.
 *
 * @param foldedService the case-folded service prefix, or {@code null} for {@code *}
 * @param name the glob over the case-folded action name; {@link Glob.Any} for {@code *}
 */
record ActionPattern(@Nullable String foldedService, Glob name) {
  static ActionPattern compile(String pattern) {
    if (Arn.isAllStars(pattern)) {
      return new ActionPattern(null, Glob.Any.INSTANCE);
    }
    int colon = pattern.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("invalid action `" + pattern + "`");
    }
    return new ActionPattern(
        CaseFold.fold(pattern.substring(0, colon)),
        Glob.of(CaseFold.fold(pattern.substring(colon + 1))));
  }

  boolean matchesEverything() {
    return foldedService == null;
  }

  boolean matches(String service, String actionName) {
    return foldedService == null || (foldedService.equals(service) && name.matches(actionName));
  }
}
