package io.iamgate.compile;

import io.iamgate.policy.Template;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Resolves policy variables against a request context (section 5.3). */
final class Variables {
  private Variables() {}

  /**
   * The text of a variable: the single value of its key, else its default, else {@code null}
   * (unresolvable). Multi-valued keys cannot be used as variables.
   */
  static @Nullable String resolve(Template.Variable v, Context ctx) {
    ContextValue value = ctx.get(v.foldedName());
    if (value != null && !value.isMulti()) {
      return value.single().text();
    }
    return v.defaultValue();
  }

  /** The template as plain text (no wildcards anywhere), or {@code null} when unresolvable. */
  static @Nullable String resolveText(Template t, Context ctx) {
    List<Template.Part> parts = t.parts();
    if (parts.size() == 1 && !(parts.get(0) instanceof Template.Variable)) {
      return text(parts.get(0));
    }
    StringBuilder sb = new StringBuilder();
    for (Template.Part p : parts) {
      if (p instanceof Template.Variable v) {
        String s = resolve(v, ctx);
        if (s == null) {
          return null;
        }
        sb.append(s);
      } else {
        sb.append(text(p));
      }
    }
    return sb.toString();
  }

  /**
   * The template as glob tokens: wildcards only from written {@link Template.Text}, literal code
   * points from substituted text, defaults and special variables. {@code null} when unresolvable.
   */
  static int @Nullable [] resolveTokens(Template t, Context ctx) {
    int[][] pieces = new int[t.parts().size()][];
    int total = 0;
    for (int i = 0; i < pieces.length; i++) {
      Template.Part p = t.parts().get(i);
      int[] tokens;
      if (p instanceof Template.Text text) {
        tokens = Glob.tokens(text.text(), true);
      } else if (p instanceof Template.Literal lit) {
        tokens = Glob.tokens(lit.text(), false);
      } else {
        String s = resolve((Template.Variable) p, ctx);
        if (s == null) {
          return null;
        }
        tokens = Glob.tokens(s, false);
      }
      pieces[i] = tokens;
      total += tokens.length;
    }
    int[] out = new int[total];
    int k = 0;
    for (int[] piece : pieces) {
      System.arraycopy(piece, 0, out, k, piece.length);
      k += piece.length;
    }
    return out;
  }

  /** Compile-time text of a template without variables. */
  static String constantText(Template t) {
    return Objects.requireNonNull(
        resolveText(t, key -> null), "a template without variables always resolves");
  }

  /** Compile-time tokens of a template without variables. */
  static int[] constantTokens(Template t) {
    return Objects.requireNonNull(
        resolveTokens(t, key -> null), "a template without variables always resolves");
  }

  private static String text(Template.Part p) {
    if (p instanceof Template.Text text) {
      return text.text();
    }
    return ((Template.Literal) p).text();
  }
}
