package io.iamgate.policy;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A policy string split into literal text and {@code ${...}} policy variables (section 5 of the
 * specification). In a 2008-10-17 document, or where variables are not substituted, the whole
 * string is one {@link Text} part.
 *
 * @param parts the parts in order; adjacent {@link Text} parts never occur
 */
public record Template(List<Part> parts) {
  public Template {
    parts = List.copyOf(parts);
  }

  /** A part of a template. */
  public sealed interface Part permits Text, Literal, Variable {}

  /** Text written in the policy; {@code *} and {@code ?} in it are wildcards in a glob context. */
  public record Text(String text) implements Part {}

  /**
   * Text that is always literal, never a wildcard: what {@code ${*}}, {@code ${?}} and {@code ${$}}
   * stand for.
   */
  public record Literal(String text) implements Part {}

  /**
   * A variable {@code ${name}} or {@code ${name, 'default'}}.
   *
   * @param name the key name as written (trimmed)
   * @param foldedName the case-folded key name used for lookups
   * @param defaultValue the default text, or {@code null}
   */
  public record Variable(String name, String foldedName, @Nullable String defaultValue)
      implements Part {}

  /** A template holding {@code text} as plain text, with no variables. */
  public static Template literalText(String text) {
    return new Template(text.isEmpty() ? List.of() : List.of(new Text(text)));
  }

  /** Whether any part is a variable. */
  public boolean hasVariables() {
    for (Part p : parts) {
      if (p instanceof Variable) {
        return true;
      }
    }
    return false;
  }

  /**
   * Parses {@code text} for policy variables when {@code variables} is true (a 2012-10-17
   * document); otherwise returns it as one text part.
   */
  public static Template parse(String text, boolean variables) {
    if (!variables || text.indexOf("${") < 0) {
      return literalText(text);
    }
    List<Part> parts = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    int i = 0;
    int n = text.length();
    while (i < n) {
      int open = text.indexOf("${", i);
      if (open < 0) {
        pending.append(text, i, n);
        break;
      }
      int close = text.indexOf('}', open + 2);
      if (close < 0) {
        pending.append(text, i, n);
        break;
      }
      pending.append(text, i, open);
      String inner = text.substring(open + 2, close);
      String trimmed = inner.strip();
      if (trimmed.equals("*") || trimmed.equals("?") || trimmed.equals("$")) {
        flush(parts, pending);
        parts.add(new Literal(trimmed));
      } else {
        flush(parts, pending);
        parts.add(variable(inner));
      }
      i = close + 1;
    }
    flush(parts, pending);
    return new Template(parts);
  }

  private static Variable variable(String inner) {
    // ${name, 'default'}: a comma, optional white space, the default in single quotes, then '}'
    if (inner.endsWith("'") && inner.length() >= 2) {
      int openQuote = inner.lastIndexOf('\'', inner.length() - 2);
      if (openQuote >= 0) {
        int j = openQuote - 1;
        while (j >= 0 && Character.isWhitespace(inner.charAt(j))) {
          j--;
        }
        if (j >= 0 && inner.charAt(j) == ',') {
          String name = inner.substring(0, j).strip();
          String def = inner.substring(openQuote + 1, inner.length() - 1);
          return new Variable(name, CaseFold.fold(name), def);
        }
      }
    }
    String name = inner.strip();
    return new Variable(name, CaseFold.fold(name), null);
  }

  private static void flush(List<Part> parts, StringBuilder pending) {
    if (pending.length() > 0) {
      parts.add(new Text(pending.toString()));
      pending.setLength(0);
    }
  }
}
