package io.iamgate.compile;

import io.iamgate.policy.Arn;
import io.iamgate.policy.BaseOperator;
import io.iamgate.policy.CaseFold;
import io.iamgate.policy.IpAddresses;
import io.iamgate.policy.PolicyBinary;
import io.iamgate.policy.PolicyBooleans;
import io.iamgate.policy.PolicyDates;
import io.iamgate.policy.PolicyNumbers;
import io.iamgate.policy.Template;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The comparison of one request value with all policy values of a condition, resolved at compile
 * time for one operator family. Answers {@link #MATCH} when any policy value matches the request
 * value, {@link #NO_MATCH} when none does, and {@link #UNPARSEABLE} when the request value does not
 * parse as the family's type (which makes positive and negated operators false alike).
 */
sealed interface ValueMatcher {
  int NO_MATCH = 0;
  int MATCH = 1;
  int UNPARSEABLE = -1;

  int test(Scalar request, Context ctx);

  /**
   * Compiles the policy values of {@code op}. Values must already be valid for the family (the
   * parser checks them); a value that still fails here is a programming error.
   */
  static ValueMatcher compile(BaseOperator op, List<String> values, boolean variables) {
    return switch (op.family()) {
      case STRING ->
          switch (op) {
            case STRING_EQUALS, STRING_NOT_EQUALS -> StringEquals.of(values, variables, false);
            case STRING_EQUALS_IGNORE_CASE, STRING_NOT_EQUALS_IGNORE_CASE ->
                StringEquals.of(values, variables, true);
            default -> StringLike.of(values, variables);
          };
      case NUMERIC ->
          new Ordered<>(
              op,
              values.stream().map(ValueMatcher::number).toArray(BigDecimal[]::new),
              Scalar::number);
      case DATE ->
          new Ordered<>(
              op, values.stream().map(ValueMatcher::date).toArray(Instant[]::new), Scalar::date);
      case BOOL -> Bools.of(values, variables);
      case BINARY -> new Binary(values.stream().map(ValueMatcher::binary).toArray(byte[][]::new));
      case IP -> new Ip(values.stream().map(ValueMatcher::range).toArray(IpAddresses.Range[]::new));
      case ARN -> ArnTest.of(values, variables);
      case NULL -> throw new IllegalArgumentException("Null is not a value comparison");
    };
  }

  private static BigDecimal number(String s) {
    return require(PolicyNumbers.parse(s), s);
  }

  private static Instant date(String s) {
    return require(PolicyDates.parse(s), s);
  }

  private static byte[] binary(String s) {
    return require(PolicyBinary.decode(s), s);
  }

  private static IpAddresses.Range range(String s) {
    return require(IpAddresses.parseRange(s), s);
  }

  private static <T> T require(@Nullable T value, String text) {
    if (value == null) {
      throw new IllegalArgumentException("invalid policy value `" + text + "`");
    }
    return value;
  }

  private static Template[] parseAll(List<String> values, boolean variables) {
    return values.stream().map(v -> Template.parse(v, variables)).toArray(Template[]::new);
  }

  /** StringEquals / StringNotEquals and their IgnoreCase forms. */
  record StringEquals(String @Nullable [] constants, Template[] templates, boolean ignoreCase)
      implements ValueMatcher {
    static StringEquals of(List<String> values, boolean variables, boolean ignoreCase) {
      Template[] ts = parseAll(values, variables);
      boolean anyVariable = Arrays.stream(ts).anyMatch(Template::hasVariables);
      if (!anyVariable) {
        String[] cs = new String[ts.length];
        for (int i = 0; i < ts.length; i++) {
          String text = Variables.constantText(ts[i]);
          cs[i] = ignoreCase ? CaseFold.fold(text) : text;
        }
        return new StringEquals(cs, ts, ignoreCase);
      }
      return new StringEquals(null, ts, ignoreCase);
    }

    @Override
    public int test(Scalar request, Context ctx) {
      String r = ignoreCase ? request.folded() : request.text();
      if (constants != null) {
        for (String c : constants) {
          if (c.equals(r)) {
            return MATCH;
          }
        }
        return NO_MATCH;
      }
      for (Template t : templates) {
        String v = Variables.resolveText(t, ctx);
        if (v != null && (ignoreCase ? CaseFold.fold(v) : v).equals(r)) {
          return MATCH;
        }
      }
      return NO_MATCH;
    }
  }

  /** StringLike / StringNotLike: case-sensitive globs. */
  record StringLike(Glob[] constants, Template[] templates) implements ValueMatcher {
    static StringLike of(List<String> values, boolean variables) {
      Template[] ts = parseAll(values, variables);
      Glob[] globs = new Glob[ts.length];
      for (int i = 0; i < ts.length; i++) {
        globs[i] = ts[i].hasVariables() ? null : Glob.compile(Variables.constantTokens(ts[i]));
      }
      return new StringLike(globs, ts);
    }

    @Override
    public int test(Scalar request, Context ctx) {
      String r = request.text();
      for (int i = 0; i < constants.length; i++) {
        Glob g = constants[i];
        if (g == null) {
          int[] tokens = Variables.resolveTokens(templates[i], ctx);
          if (tokens == null) {
            continue;
          }
          g = Glob.compile(tokens);
        }
        if (g.matches(r)) {
          return MATCH;
        }
      }
      return NO_MATCH;
    }
  }

  /**
   * The ordered families: the six Numeric operators (exact decimals) and the six Date operators
   * (instants). The request value {@code <op>} the policy value.
   */
  record Ordered<T extends Comparable<T>>(BaseOperator op, T[] values, Function<Scalar, T> view)
      implements ValueMatcher {
    @Override
    public int test(Scalar request, Context ctx) {
      T r = view.apply(request);
      if (r == null) {
        return UNPARSEABLE;
      }
      for (T v : values) {
        if (compare(op, r.compareTo(v))) {
          return MATCH;
        }
      }
      return NO_MATCH;
    }
  }

  private static boolean compare(BaseOperator op, int cmp) {
    return switch (op) {
      case NUMERIC_EQUALS, NUMERIC_NOT_EQUALS, DATE_EQUALS, DATE_NOT_EQUALS -> cmp == 0;
      case NUMERIC_LESS_THAN, DATE_LESS_THAN -> cmp < 0;
      case NUMERIC_LESS_THAN_EQUALS, DATE_LESS_THAN_EQUALS -> cmp <= 0;
      case NUMERIC_GREATER_THAN, DATE_GREATER_THAN -> cmp > 0;
      case NUMERIC_GREATER_THAN_EQUALS, DATE_GREATER_THAN_EQUALS -> cmp >= 0;
      default -> throw new IllegalStateException("not an ordered operator: " + op);
    };
  }

  /** Bool: policy values true/false in any case; a substituted non-boolean matches nothing. */
  record Bools(Boolean[] constants, Template[] templates) implements ValueMatcher {
    static Bools of(List<String> values, boolean variables) {
      Template[] ts = parseAll(values, variables);
      Boolean[] cs = new Boolean[ts.length];
      for (int i = 0; i < ts.length; i++) {
        if (!ts[i].hasVariables()) {
          cs[i] = require(PolicyBooleans.parse(Variables.constantText(ts[i])), values.get(i));
        }
      }
      return new Bools(cs, ts);
    }

    @Override
    public int test(Scalar request, Context ctx) {
      Boolean r = request.bool();
      if (r == null) {
        return UNPARSEABLE;
      }
      for (int i = 0; i < constants.length; i++) {
        Boolean v = constants[i];
        if (v == null) {
          String text = Variables.resolveText(templates[i], ctx);
          v = text == null ? null : PolicyBooleans.parse(text);
        }
        if (r.equals(v)) {
          return MATCH;
        }
      }
      return NO_MATCH;
    }
  }

  /** BinaryEquals: compares decoded bytes. */
  record Binary(byte[][] values) implements ValueMatcher {
    @Override
    public int test(Scalar request, Context ctx) {
      byte[] r = request.binary();
      if (r == null) {
        return UNPARSEABLE;
      }
      for (byte[] v : values) {
        if (Arrays.equals(r, v)) {
          return MATCH;
        }
      }
      return NO_MATCH;
    }
  }

  /** IpAddress / NotIpAddress: CIDR containment, never across address families. */
  record Ip(IpAddresses.Range[] ranges) implements ValueMatcher {
    @Override
    public int test(Scalar request, Context ctx) {
      IpAddresses.Address a = request.ip();
      if (a == null) {
        return UNPARSEABLE;
      }
      for (IpAddresses.Range r : ranges) {
        if (r.contains(a)) {
          return MATCH;
        }
      }
      return NO_MATCH;
    }
  }

  /** The ARN operators: six parts globbed one by one; variables substituted inside each part. */
  record ArnTest(Glob[][] constants, Template[][] templates) implements ValueMatcher {
    static ArnTest of(List<String> values, boolean variables) {
      Glob[][] cs = new Glob[values.size()][];
      Template[][] ts = new Template[values.size()][];
      for (int i = 0; i < cs.length; i++) {
        String[] parts = Arn.split(values.get(i));
        if (parts == null) {
          throw new IllegalArgumentException("invalid ARN policy value `" + values.get(i) + "`");
        }
        ts[i] = new Template[Arn.PARTS];
        boolean anyVariable = false;
        for (int p = 0; p < Arn.PARTS; p++) {
          ts[i][p] = Template.parse(parts[p], variables);
          anyVariable |= ts[i][p].hasVariables();
        }
        if (!anyVariable) {
          cs[i] = new Glob[Arn.PARTS];
          for (int p = 0; p < Arn.PARTS; p++) {
            cs[i][p] = Glob.compile(Variables.constantTokens(ts[i][p]));
          }
        }
      }
      return new ArnTest(cs, ts);
    }

    @Override
    public int test(Scalar request, Context ctx) {
      String[] r = request.arnParts();
      if (r == null) {
        return UNPARSEABLE;
      }
      values:
      for (int i = 0; i < constants.length; i++) {
        for (int p = 0; p < Arn.PARTS; p++) {
          Glob g;
          if (constants[i] != null) {
            g = constants[i][p];
          } else {
            int[] tokens = Variables.resolveTokens(templates[i][p], ctx);
            if (tokens == null) {
              continue values;
            }
            g = Glob.compile(tokens);
          }
          if (!g.matches(r[p])) {
            continue values;
          }
        }
        return MATCH;
      }
      return NO_MATCH;
    }
  }
}
