package io.iamgate.policy.parse;

/** Builds RFC 6901 JSON Pointers for diagnostics. */
final class JsonPointer {
  private JsonPointer() {}

  static String child(String parent, String name) {
    return parent + "/" + name.replace("~", "~0").replace("/", "~1");
  }

  static String child(String parent, int index) {
    return parent + "/" + index;
  }
}
