package io.iamgate.json;

/**
 * Builds RFC 6901 JSON Pointers, the {@code path} of every {@link Diagnostic}: {@code
 * /Statement/0/Condition}. The empty string is the whole document.
 */
public final class JsonPointer {
  private JsonPointer() {}

  /**
   * The pointer to member {@code name} of the object at {@code parent} ({@code ~} and {@code /}
   * escaped).
   */
  public static String child(String parent, String name) {
    return parent + "/" + name.replace("~", "~0").replace("/", "~1");
  }

  /** The pointer to item {@code index} (from 0) of the array at {@code parent}. */
  public static String child(String parent, int index) {
    return parent + "/" + index;
  }
}
