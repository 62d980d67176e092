package io.iamgate.facade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A backend that depends on {@code io.iamgate:iamgate} gets the engine, the bundle and the facade
 * without the AWS SDK, the Lambda libraries, nimbus or picocli (they are optional dependencies of
 * the artifact). This test runs the facade in a class loader that holds only iamgate's classes and
 * its non-optional dependencies (Jackson core and YAML, SnakeYAML, Caffeine, JSpecify): a bundle
 * loads from a file and a decision is made, and the optional libraries are indeed absent.
 */
class EmbeddingTest {
  /** The jars of the non-optional runtime dependencies, by artifact name. */
  private static final List<String> REQUIRED =
      List.of("jackson-core", "jackson-dataformat-yaml", "snakeyaml", "caffeine", "jspecify");

  private static URLClassLoader embedded() throws Exception {
    List<URL> urls = new ArrayList<>();
    urls.add(Path.of("target/classes").toUri().toURL());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (REQUIRED.stream().anyMatch(a -> name.startsWith(a + "-")) && name.endsWith(".jar")) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }

  @Test
  void theFacadeDecidesWithoutTheOptionalDependencies() throws Exception {
    try (URLClassLoader loader = embedded()) {
      for (String absent :
          List.of(
              "software.amazon.awssdk.services.s3.S3Client",
              "com.amazonaws.services.lambda.runtime.RequestStreamHandler",
              "com.nimbusds.jwt.SignedJWT",
              "picocli.CommandLine")) {
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass(absent), absent);
      }
      Class<?> gateClass = loader.loadClass("io.iamgate.facade.IamGate");
      Class<?> principalClass = loader.loadClass("io.iamgate.identity.Principal");
      Object gate =
          gateClass.getMethod("open", String.class).invoke(null, "file:src/examples/bundle");
      Object alice = principalClass.getMethod("user", String.class).invoke(null, "alice");
      Method authorize =
          gateClass.getMethod("authorize", principalClass, String.class, String.class, Map.class);
      Object allowed =
          authorize.invoke(
              gate,
              alice,
              "orders:GetOrder",
              "arn:app:orders:eu-west-1:123456789012:order/ord-42",
              Map.of("aws:SourceIp", "10.0.0.7"));
      Class<?> authorization = allowed.getClass();
      assertEquals(null, authorization.getMethod("problem").invoke(allowed));
      assertTrue((Boolean) authorization.getMethod("allowed").invoke(allowed));
      Object denied =
          authorize.invoke(
              gate,
              alice,
              "orders:DeleteOrder",
              "arn:app:orders:eu-west-1:123456789012:order/ord-42",
              Map.of("aws:SourceIp", "10.0.0.7"));
      assertFalse((Boolean) authorization.getMethod("allowed").invoke(denied));
    }
  }
}
