package io.iamgate.analyze;

import io.iamgate.policy.CaseFold;
import io.iamgate.policy.Template;
import java.util.Set;

/**
 * The catalogue of context keys whose value changes from request to request of the same identity:
 * {@code aws:SourceIp}, {@code aws:CurrentTime}, {@code aws:EpochTime}, {@code aws:UserAgent},
 * {@code aws:MultiFactorAuthAge}, {@code aws:Referer}, and every {@code request:*} key (headers,
 * query, path parameters, method). A statement that tests one, or substitutes one into a value, can
 * decide differently for two requests of one caller.
 */
public final class VolatileKeys {
  private static final Set<String> KEYS =
      Set.of(
          "aws:sourceip",
          "aws:currenttime",
          "aws:epochtime",
          "aws:useragent",
          "aws:multifactorauthage",
          "aws:referer");

  private VolatileKeys() {}

  /** Whether {@code key} (any letter case) changes from request to request. */
  public static boolean isVolatile(String key) {
    String k = CaseFold.fold(key);
    return KEYS.contains(k) || k.startsWith("request:");
  }

  /** Whether a condition value or resource pattern substitutes a volatile key ({@code ${...}}). */
  public static boolean mentionedIn(String value) {
    for (Template.Part p : Template.parse(value, true).parts()) {
      if (p instanceof Template.Variable v && isVolatile(v.name())) {
        return true;
      }
    }
    return false;
  }
}
