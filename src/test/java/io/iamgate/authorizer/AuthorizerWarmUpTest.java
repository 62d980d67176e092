package io.iamgate.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.iamgate.bundle.BundleFiles;
import io.iamgate.bundle.BundleReader;
import io.iamgate.identity.Directory;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The warm-up exercises exactly the signature code the bundle's issuers can need, then a decision.
 */
class AuthorizerWarmUpTest {
  private static List<String> warmUp(String issuers) {
    String bundle =
        "{\"policies\":{\"P\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"orders:GetOrder\",\"Resource\":\"*\"}]}},"
            + "\"users\":{\"alice\":{\"policies\":[\"P\"]}},"
            + "\"identity\":{\"issuers\":"
            + issuers
            + "},"
            + "\"routes\":[{\"method\":\"GET\",\"path\":\"/orders/{orderId}\",\"action\":\"orders:GetOrder\",\"resource\":\"*\"}]}";
    var read = BundleReader.read(BundleFiles.single("test", "bundle.json", bundle));
    assertEquals(List.of(), read.errors(), "test bundle");
    Authorizer a =
        new Authorizer(
            Directory.fixed(read.value()), AuthorizerSettings.from(Map.of()), Clock.systemUTC());
    return WarmUp.run(a);
  }

  private static String issuer(String name, String algorithms) {
    return "{\"issuer\":\"https://"
        + name
        + ".example\",\"audiences\":[\"api\"],\"algorithms\":"
        + algorithms
        + ",\"jwksUri\":\"https://"
        + name
        + ".example/jwks\"}";
  }

  @Test
  void rsaOnlyIssuersWarmOnlyRsa() {
    assertEquals(
        List.of("RSA signature", "decision"), warmUp("[" + issuer("a", "[\"RS256\"]") + "]"));
  }

  @Test
  void psAlgorithmsShareTheRsaWarmUp() {
    assertEquals(
        List.of("RSA signature", "decision"),
        warmUp("[" + issuer("a", "[\"PS256\",\"RS384\"]") + "]"));
  }

  @Test
  void ecIssuersWarmEc() {
    assertEquals(
        List.of("EC signature", "RSA signature", "decision"),
        warmUp("[" + issuer("a", "[\"ES256\"]") + "," + issuer("b", "[\"RS256\"]") + "]"));
  }

  @Test
  void withoutIssuersOnlyTheDecisionIsWarmed() {
    assertEquals(List.of("decision"), warmUp("[]"));
  }
}
