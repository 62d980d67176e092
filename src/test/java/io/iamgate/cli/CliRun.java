package io.iamgate.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the command line in-process and captures what it prints. */
record CliRun(int exit, String out, String err) {
  static CliRun of(String... args) {
    return withInput("", args);
  }

  static CliRun withInput(String stdin, String... args) {
    return withBytes(stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  static CliRun withBytes(byte[] stdin, String... args) {
    return run(stdin, System.getenv(), args);
  }

  /** Runs with {@code env} as the environment (the {@code IAMGATE_*} settings of invoke). */
  static CliRun withEnv(Map<String, String> env, String... args) {
    return run(new byte[0], env, args);
  }

  static CliRun run(byte[] stdin, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            args, new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(stdin), env);
    return new CliRun(code, out.toString(), err.toString());
  }
}
