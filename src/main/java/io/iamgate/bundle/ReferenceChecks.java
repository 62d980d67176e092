package io.iamgate.bundle;

import io.iamgate.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * References from one part of the bundle to another (docs/bundle-format.md, "Validation"): arrays
 * of group or managed policy names, and the guardrail level with its quotas, which span the whole
 * bundle. Every name must resolve (else an error with a "did you mean" hint) and be listed once; a
 * managed policy that is defined but invalid is left out silently, since its own errors say why.
 */
final class ReferenceChecks {
  private final ReadCursor c;
  private final PoliciesReader policies;

  ReferenceChecks(ReadCursor c, PoliciesReader policies) {
    this.c = c;
    this.policies = policies;
  }

  /**
   * The names of an array of references to {@code known} (the built-ins count as known policies),
   * empty when {@code j} is null; each unknown, duplicate or non-string item is reported and left
   * out.
   *
   * @param what {@code policy} or {@code group}, for messages
   */
  List<String> names(@Nullable Json j, String path, Map<String, ?> known, String what) {
    List<String> out = new ArrayList<>();
    if (j == null) {
      return out;
    }
    if (!(j instanceof Json.JArray arr)) {
      c.error("type", path, j, "expected an array of " + what + " names, found " + j.typeName());
      return out;
    }
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < arr.items().size(); i++) {
      Json item = arr.items().get(i);
      String p = path + "/" + i;
      if (!(item instanceof Json.JString s)) {
        c.error("type", p, item, "expected a " + what + " name, found " + item.typeName());
        continue;
      }
      if (!seen.add(s.value())) {
        c.error("duplicate-name", p, item, what + " `" + s.value() + "` is listed twice");
        continue;
      }
      if (what.equals("policy")
          && policies.isDeclared(s.value())
          && !known.containsKey(s.value())) {
        continue; // defined but invalid: its own errors say why
      }
      if (!known.containsKey(s.value())
          && !(what.equals("policy") && BuiltInPolicies.NAMES.contains(s.value()))) {
        c.error(
            "unknown-reference",
            p,
            item.line(),
            item.column(),
            "unknown " + what + " `" + s.value() + "`",
            ReadCursor.hint(s.value(), known.keySet()));
        continue;
      }
      out.add(s.value());
    }
    return out;
  }

  /**
   * The guardrail level (docs/bundle-format.md, "Guardrails"; section 2.3 of
   * docs/policy-language.md): the managed policy names of {@code j}, empty when absent. At most
   * {@code guardrailsPerLevel} policies, each but the built-ins at most {@code guardrailChars}.
   */
  List<String> guardrails(@Nullable Json j, Quotas quotas) {
    if (j == null) {
      return new ArrayList<>();
    }
    List<String> guardrails = names(j, "/guardrails", policies.policies(), "policy");
    if (guardrails.size() > quotas.guardrailsPerLevel()) {
      c.error(
          "quota",
          "/guardrails",
          j,
          "the guardrail level has "
              + ReadCursor.count(guardrails.size(), "policy", "policies")
              + ", more than the quota of "
              + quotas.guardrailsPerLevel());
    }
    for (String name : guardrails) {
      Bundle.ManagedPolicy mp = policies.policies().get(name);
      if (mp != null && !mp.builtIn()) {
        int size = policies.size(name);
        if (size > quotas.guardrailChars()) {
          c.error(
              "quota",
              "/guardrails",
              j,
              "guardrail policy `"
                  + name
                  + "` has "
                  + ReadCursor.count(size, "character", "characters")
                  + ", more than the quota of "
                  + quotas.guardrailChars());
        }
      }
    }
    return guardrails;
  }
}
