package io.iamgate.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a JVM the way the managed {@code java21} runtime does: AWS's runtime interface client on
 * the class path, the function's package as the task root ({@code lib/iamgate.jar}), the managed
 * runtime's JVM flags, and the handler string as the argument.
 */
public final class LambdaProcess {
  public static final List<String> MANAGED_RUNTIME_FLAGS =
      List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private LambdaProcess() {}

  /** The runtime client's own jars, from this test's class path. */
  public static String runtimeClasspath() {
    List<String> out = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(e).getFileName().toString();
      if (name.startsWith("aws-lambda-java-runtime-interface-client")
          || name.startsWith("aws-lambda-java-core")
          || name.startsWith("aws-lambda-java-serialization")
          || name.startsWith("utils-lite")) {
        out.add(e);
      }
    }
    return String.join(File.pathSeparator, out);
  }

  /** A task root holding {@code jar} under {@code lib/}. */
  public static Path taskRoot(Path jar, Path dir) throws IOException {
    Files.createDirectories(dir.resolve("lib"));
    Files.copy(
        jar, dir.resolve("lib").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    return dir;
  }

  /**
   * The task root {@code sam build} makes for this project, made by the very script its Makefile
   * runs ({@code tools/task-root.sh}): {@code target/classes} copied to the root, and the runtime
   * dependencies, which {@code ./mvnw package} wrote to {@code target/dependency}, under {@code
   * lib/}.
   */
  public static Path samBuildTaskRoot(Path target, Path dir) throws IOException {
    Process p =
        new ProcessBuilder("sh", "tools/task-root.sh", target.toString(), dir.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new IllegalStateException("tools/task-root.sh failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while laying out the task root", e);
    }
    return dir;
  }

  /**
   * A JDK of release 21 or later, as the {@code java21} runtime has: {@code
   * IAMGATE_LAMBDA_JAVA_HOME}, this JVM if it is one, or the newest under {@code /usr/lib/jvm}.
   * (The runtime client's native library crashes on JDK 17.)
   */
  public static Path javaHome() throws IOException {
    String configured = System.getenv("IAMGATE_LAMBDA_JAVA_HOME");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    if (Runtime.version().feature() >= 21) {
      return Path.of(System.getProperty("java.home"));
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (var s = Files.list(jvms)) {
        var best =
            s.filter(p -> Files.isExecutable(p.resolve("bin/java")) && feature(p) >= 21)
                .max(java.util.Comparator.comparingInt(LambdaProcess::feature));
        if (best.isPresent()) {
          return best.get();
        }
      }
    }
    throw new IllegalStateException(
        "the end-to-end tests need a JDK 21 or later (as Lambda's java21 runtime); "
            + "set IAMGATE_LAMBDA_JAVA_HOME or install one under /usr/lib/jvm");
  }

  private static int feature(Path home) {
    try {
      for (String line : Files.readAllLines(home.resolve("release"))) {
        if (line.startsWith("JAVA_VERSION=")) {
          String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
          return Integer.parseInt(v.split("[.+-]")[0]);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  public static Process start(
      String handler, Path taskRoot, String runtimeApi, Map<String, String> env)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaHome().resolve("bin/java").toString());
    cmd.addAll(MANAGED_RUNTIME_FLAGS);
    cmd.add("-cp");
    cmd.add(runtimeClasspath());
    cmd.add("com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
    cmd.add(handler);
    ProcessBuilder pb =
        new ProcessBuilder(cmd).directory(taskRoot.toFile()).redirectErrorStream(true);
    Map<String, String> e = pb.environment();
    e.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
    e.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    e.put("AWS_LAMBDA_FUNCTION_NAME", "iamgate");
    e.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
    e.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    e.put("AWS_REGION", "eu-west-1");
    e.put("_HANDLER", handler);
    e.putAll(env);
    return pb.start();
  }
}
