package io.iamgate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What {@link Masking} removes from caller text, and what it leaves alone. */
class MaskingTest {
  private static final String JWS =
      "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLWJ5dGVzLWhlcmU";

  @Test
  void aSchemeFollowedByAnyRunOfWhiteSpaceIsMasked() {
    for (String header :
        List.of(
            "Basic dXNlcjpwYXNzd29yZA==",
            "Basic\tdXNlcjpwYXNzd29yZA==",
            "basic   dXNlcjpwYXNzd29yZA==",
            "Bearer\t\tabcdefgh12345678",
            "x-api-key:bob-ci.s3cr3t-value",
            "X-Api-Key: bob-ci.s3cr3t-value",
            "x-api-key=bob-ci.s3cr3t-value")) {
      String masked = Masking.mask("curl/8 " + header + " end");
      assertFalse(masked.contains("dXNlcjpwYXNzd29yZA"), masked);
      assertFalse(masked.contains("s3cr3t"), masked);
      assertFalse(masked.contains("abcdefgh12345678"), masked);
      assertTrue(masked.endsWith(" end"), masked);
    }
    assertEquals("Bearer token", Masking.mask("Bearer token"));
  }

  @Test
  void aTokenIsMaskedAloneOrWithTextJoinedByDots() {
    assertEquals("x/<redacted-token>", Masking.mask("x/" + JWS));
    assertEquals("x/<redacted-token>/y", Masking.mask("x/v1." + JWS + "/y"));
    assertEquals("order/<redacted-token>", Masking.mask("order/" + JWS + ".json"));
    String arn = "arn:aws:execute-api:eu-west-1:1:api/prod/GET/files/report.v2.final.pdf";
    assertSame(arn, Masking.mask(arn));
  }

  @Test
  void requestTextSegmentsThatHoldACredentialAreFingerprinted() {
    Set<String> ids = Set.of("bob-ci");
    for (String segment :
        List.of(
            "bob-ci.s3cret-value",
            "BOB-CI.s3cret-value",
            "bob-ci%2Es3cret-value",
            "-bob-ci.s3cret-value",
            "key_bob-ci.s3cret-value",
            "a%2Fbob-ci.s3cret-value",
            "s3cret-value.bob-ci",
            "s3cret-value.BOB-CI-v2",
            JWS,
            JWS.replace(".", "%2E"),
            "v1.X" + JWS,
            JWS + ".json")) {
      String arn = "arn:aws:execute-api:eu-west-1:1:api/prod/GET/orders/" + segment + "/items";
      assertEquals(
          "arn:aws:execute-api:eu-west-1:1:api/prod/GET/orders/<"
              + Masking.fingerprint(segment)
              + ">/items",
          Masking.scrubRequestText(arn, ids),
          segment);
    }
    String plain = "arn:aws:execute-api:eu-west-1:1:api/prod/GET/files/report.v2.final.pdf";
    assertSame(plain, Masking.scrubRequestText(plain, ids));
    assertSame(plain, Masking.scrubRequestText(plain, Set.of()));
  }
}
