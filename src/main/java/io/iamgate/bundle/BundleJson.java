package io.iamgate.bundle;

import io.iamgate.policy.parse.Json;

/** Canonical JSON text of a parsed value (members sorted, no white space), for other packages. */
public final class BundleJson {
  private BundleJson() {}

  public static String canonical(Json value) {
    return Canonical.text(value);
  }
}
