package io.iamgate.cli;

import io.iamgate.policy.parse.Hints;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Usage errors in iamgate's words rather than picocli's ("Unmatched argument at index 0: 'frob'",
 * "'abc' is not a double"): what is wrong, with the argument in backticks and a "did you mean" hint
 * for a mistyped command or option. Messages our commands raise themselves pass through unchanged.
 */
final class UsageErrors {
  private UsageErrors() {}

  /** The message for a usage error, given the arguments as typed. */
  static String describe(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      return unmatched(cl, u.getUnmatched().get(0));
    }
    if (ex instanceof MissingParameterException m && !m.getMissing().isEmpty()) {
      return missing(cl, m.getMissing().get(0), args);
    }
    String message = ex.getMessage() == null ? "invalid arguments" : ex.getMessage();
    ArgSpec spec = ex.getArgSpec();
    String value = ex.getValue();
    if (spec instanceof OptionSpec o && value != null && message.startsWith("Invalid value")) {
      Class<?> type = o.type();
      String expected =
          type == double.class || type == float.class || type == Double.class
              ? "a number"
              : type == long.class
                      || type == int.class
                      || type == Long.class
                      || type == Integer.class
                  ? "a whole number"
                  : type.isEnum()
                      ? Arrays.stream(type.getEnumConstants())
                          .map(c -> "`" + c.toString().toLowerCase(Locale.ROOT) + "`")
                          .collect(Collectors.joining(", "))
                      : "a valid value";
      return o.longestName() + ": expected " + expected + ", found `" + value + "`";
    }
    // picocli's own messages start with a capital; ours (simulate needs ..., --id: ...) do not
    return !message.isEmpty() && Character.isUpperCase(message.charAt(0))
        ? picocliWords(message)
        : message;
  }

  private static String unmatched(CommandLine cl, String arg) {
    if (arg.startsWith("-")) {
      List<String> names = new ArrayList<>();
      for (OptionSpec o : cl.getCommandSpec().options()) {
        names.addAll(List.of(o.names()));
      }
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      return "unknown option `" + name + "`" + hint(Hints.didYouMean(name, names));
    }
    if (!cl.getSubcommands().isEmpty()) {
      List<String> commands = List.copyOf(cl.getSubcommands().keySet());
      String hint = Hints.didYouMean(arg, commands);
      if (hint == null) {
        hint = "the commands are " + String.join(", ", commands);
      }
      return "unknown command `" + arg + "`" + hint(hint);
    }
    return "unexpected argument `" + arg + "`";
  }

  private static String missing(CommandLine cl, ArgSpec spec, String[] args) {
    if (spec instanceof OptionSpec o) {
      boolean given = false;
      for (String a : args) {
        for (String n : o.names()) {
          given |= a.equals(n) || a.startsWith(n + "=");
        }
      }
      return given
          ? o.longestName() + " needs a value (" + o.paramLabel() + ")"
          : cl.getCommandName() + " needs " + o.longestName() + " " + o.paramLabel();
    }
    return cl.getCommandName() + " needs " + spec.paramLabel();
  }

  private static String hint(@Nullable String hint) {
    return hint == null ? "" : " (hint: " + hint + ")";
  }

  /** Picocli's own wording, lower-cased, with its quotes as backticks: the rare remaining cases. */
  private static String picocliWords(String message) {
    String m = message.replaceAll("'([^']*)'", "`$1`").strip();
    if (m.endsWith(".")) {
      m = m.substring(0, m.length() - 1);
    }
    if (m.length() > 1 && !Character.isUpperCase(m.charAt(1))) {
      m = m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1);
    }
    return m;
  }
}
