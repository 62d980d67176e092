package io.iamgate.bundle;

import io.iamgate.json.Json;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the bundle's {@code quotas} member (docs/bundle-format.md, "Quotas"): an object of quota
 * names to whole numbers that override IAM's quotas (section 7 of docs/policy-language.md). An
 * unknown name is an error that lists the valid ones; a value that is not a whole number is an
 * error and leaves that quota at its default.
 */
final class QuotasReader {
  private final ReadCursor c;

  QuotasReader(ReadCursor c) {
    this.c = c;
  }

  /** The quotas: AWS's, with the overrides of {@code j} (the {@code quotas} member, or null). */
  Quotas read(@Nullable Json j) {
    if (j == null) {
      return Quotas.AWS;
    }
    if (!(j instanceof Json.JObject o)) {
      c.error("type", "/quotas", j, "expected an object of quota overrides, found " + j.typeName());
      return Quotas.AWS;
    }
    int[] values = Quotas.AWS.values();
    List<String> names = List.of(Quotas.NAMES);
    c.checkMembers(o, "/quotas", names, "the quotas", true);
    for (Json.Member m : o.members()) {
      int idx = names.indexOf(m.name());
      if (idx < 0) {
        continue;
      }
      String t = Json.scalarText(m.value());
      if (!(m.value() instanceof Json.JNumber) || t == null || !t.matches("[0-9]{1,9}")) {
        c.error("type", "/quotas/" + m.name(), m.value(), "expected a positive whole number");
      } else {
        values[idx] = Integer.parseInt(t);
      }
    }
    return Quotas.of(values);
  }
}
