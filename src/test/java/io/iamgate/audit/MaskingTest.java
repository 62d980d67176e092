package io.iamgate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** What {@link Masking} removes from caller text, and what it leaves alone. */
class MaskingTest {
  private static final String JWS =
      "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLWJ5dGVzLWhlcmU";

  @Test
  void aTokenIsMaskedAloneOrWithTextJoinedByDots() {
    assertEquals("x/<redacted-token>", Masking.mask("x/" + JWS));
    assertEquals("x/<redacted-token>/y", Masking.mask("x/v1." + JWS + "/y"));
    assertEquals("order/<redacted-token>", Masking.mask("order/" + JWS + ".json"));
    String arn = "arn:aws:execute-api:eu-west-1:1:api/prod/GET/files/report.v2.final.pdf";
    assertSame(arn, Masking.mask(arn));
  }

  @Test
  void apiKeysOfTheBundleAreMaskedByTheirId() {
    Set<String> ids = Set.of("bob-ci");
    assertEquals(
        "orders/bob-ci.<redacted>/items",
        Masking.maskApiKeys("orders/bob-ci.s3cret-value/items", ids));
    assertEquals("q?k=bob-ci.<redacted>&x=1", Masking.maskApiKeys("q?k=bob-ci.s3cret&x=1", ids));
    // another id that merely ends in a known one, an id without a secret, other dotted names
    String other = "orders/xbob-ci.secret/bob-ci./file.json";
    assertSame(other, Masking.maskApiKeys(other, ids));
    assertSame(other, Masking.maskApiKeys(other, Set.of()));
  }
}
