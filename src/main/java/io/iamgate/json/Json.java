package io.iamgate.json;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A JSON value with the position it was read at. The policy parser works on this tree so that every
 * diagnostic can name a line and column, and so that duplicate members are seen rather than
 * silently dropped.
 */
public sealed interface Json {
  /** 1-based line of the value's first character. */
  int line();

  /** 1-based column of the value's first character. */
  int column();

  /** The JSON type name used in messages: object, array, string, number, boolean or null. */
  String typeName();

  /** An object; members keep document order, duplicates included. */
  record JObject(int line, int column, List<Member> members) implements Json {
    public JObject {
      members = List.copyOf(members);
    }

    @Override
    public String typeName() {
      return "an object";
    }

    /** The first member named exactly {@code name}, or {@code null}. */
    public @Nullable Member member(String name) {
      for (Member m : members) {
        if (m.name().equals(name)) {
          return m;
        }
      }
      return null;
    }

    /** The value of the first member named exactly {@code name}, or {@code null}. */
    public @Nullable Json get(String name) {
      Member m = member(name);
      return m == null ? null : m.value();
    }
  }

  /** One object member with the position of its name. */
  record Member(String name, int line, int column, Json value) {}

  /** An array. */
  record JArray(int line, int column, List<Json> items) implements Json {
    public JArray {
      items = List.copyOf(items);
    }

    @Override
    public String typeName() {
      return "an array";
    }
  }

  /** A string. */
  record JString(int line, int column, String value) implements Json {
    @Override
    public String typeName() {
      return "a string";
    }
  }

  /** A number, kept as its exact JSON text ({@code 1.50} stays {@code 1.50}). */
  record JNumber(int line, int column, String text) implements Json {
    @Override
    public String typeName() {
      return "a number";
    }
  }

  /** {@code true} or {@code false}. */
  record JBool(int line, int column, boolean value) implements Json {
    @Override
    public String typeName() {
      return "a boolean";
    }
  }

  /** {@code null}. */
  record JNull(int line, int column) implements Json {
    @Override
    public String typeName() {
      return "null";
    }
  }

  /** The text of a scalar: a string's value, a number's JSON text, {@code true}/{@code false}. */
  static @Nullable String scalarText(Json j) {
    if (j instanceof JString s) {
      return s.value();
    }
    if (j instanceof JNumber n) {
      return n.text();
    }
    if (j instanceof JBool b) {
      return b.value() ? "true" : "false";
    }
    return null;
  }
}
