package io.iamgate.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The decision trail keeps near misses compact: few, short and masked. */
class TrailNearMissTest {
  @Test
  void nearMissesAreCappedInCountAndLengthAndMasked() {
    String token =
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6NDA3MDkwODgwMH0"
            + ".c2lnbmF0dXJlLWJ5dGVzLWhlcmUtYW5kLW1vcmU";
    Trail t =
        Trail.EMPTY.nearMisses(
            List.of(
                "a: condition StringEquals k: request " + token + ", policy x",
                "b".repeat(500),
                "c",
                "d"));
    assertEquals(Trail.MAX_NEAR_MISSES, t.nearMisses().size());
    assertFalse(t.nearMisses().get(0).contains(token), t.nearMisses().get(0));
    assertTrue(t.nearMisses().get(1).length() < 350, t.nearMisses().get(1));
    assertEquals("c", t.nearMisses().get(2));
  }
}
