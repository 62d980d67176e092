package io.iamgate.compile;

import io.iamgate.policy.Arn;
import io.iamgate.policy.Template;
import org.jspecify.annotations.Nullable;

/**
 * One compiled {@code Resource}/{@code NotResource} entry (section 3.3): {@code *} matches
 * anything; otherwise the six ARN parts are matched one by one, case-sensitively, so that a
 * wildcard in the first five parts never crosses a colon, and policy variables are substituted in
 * the resource part only.
 */
sealed interface ResourceMatcher {
  /**
   * Whether the entry matches {@code resource}. Returns false for an entry whose variables cannot
   * be resolved: such an entry matches no resource.
   */
  boolean matches(String resource, Context ctx);

  static ResourceMatcher compile(String pattern, boolean variables) {
    if (Arn.isAllStars(pattern)) {
      return AnyResource.INSTANCE;
    }
    String[] parts = Arn.splitPadded(pattern);
    boolean literalHead = true;
    for (int i = 0; i < Arn.PARTS - 1; i++) {
      if (parts[i].indexOf('*') >= 0 || parts[i].indexOf('?') >= 0) {
        literalHead = false;
      }
    }
    Template tail = Template.parse(parts[Arn.PARTS - 1], variables);
    Glob tailGlob = tail.hasVariables() ? null : Glob.compile(Variables.constantTokens(tail));
    if (literalHead) {
      String head = String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4]) + ":";
      return new LiteralHead(head, tail, tailGlob);
    }
    Glob[] heads = new Glob[Arn.PARTS - 1];
    for (int i = 0; i < heads.length; i++) {
      heads[i] = Glob.of(parts[i]);
    }
    return new PartWise(heads, tail, tailGlob);
  }

  private static boolean tailMatches(
      Template tail, @Nullable Glob constant, String resource, int from, Context ctx) {
    if (constant != null) {
      return constant.matches(resource, from, resource.length());
    }
    int[] tokens = Variables.resolveTokens(tail, ctx);
    return tokens != null && Glob.compile(tokens).matches(resource, from, resource.length());
  }

  /** {@code *}: every resource, ARN or not. */
  enum AnyResource implements ResourceMatcher {
    INSTANCE;

    @Override
    public boolean matches(String resource, Context ctx) {
      return true;
    }
  }

  /**
   * The first five parts are literal: the request must start with {@code head} (which fixes its
   * first five parts) and its remainder must match the resource-part pattern.
   */
  record LiteralHead(String head, Template tail, @Nullable Glob tailGlob)
      implements ResourceMatcher {
    @Override
    public boolean matches(String resource, Context ctx) {
      return resource.startsWith(head) && tailMatches(tail, tailGlob, resource, head.length(), ctx);
    }
  }

  /** Wildcards in the first five parts: split the request and match each part on its own. */
  record PartWise(Glob[] heads, Template tail, @Nullable Glob tailGlob) implements ResourceMatcher {
    @Override
    public boolean matches(String resource, Context ctx) {
      int start = 0;
      for (Glob head : heads) {
        int colon = resource.indexOf(':', start);
        if (colon < 0 || !head.matches(resource, start, colon)) {
          return false;
        }
        start = colon + 1;
      }
      return tailMatches(tail, tailGlob, resource, start, ctx);
    }
  }
}
