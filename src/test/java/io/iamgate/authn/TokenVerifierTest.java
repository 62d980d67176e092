package io.iamgate.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.iamgate.bundle.Bundle;
import io.iamgate.testing.Tokens;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Every way a token can be wrong is refused, each by its own test. */
class TokenVerifierTest {
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final RSAKey KEY = Tokens.sampleKey();

  private static Bundle.Issuer issuer(String jwks, String uri) {
    return new Bundle.Issuer(
        Tokens.ISSUER,
        List.of("orders-api"),
        List.of("orders-web"),
        "access",
        List.of("RS256"),
        jwks,
        uri);
  }

  private static TokenVerifier verifier() {
    return new TokenVerifier(
        List.of(issuer(new JWKSet(KEY.toPublicJWK()).toString(), null)),
        Duration.ofSeconds(60),
        CLOCK,
        Ticker.systemTicker(),
        Duration.ofSeconds(2));
  }

  private static String valid() {
    return Tokens.sign(Tokens.claims("alice", NOW.plusSeconds(600)).build());
  }

  private static String refusal(String token) {
    return assertThrows(AuthenticationException.class, () -> verifier().verify(token)).getMessage();
  }

  @Test
  void aValidTokenGivesItsClaimsAndIsCached() throws Exception {
    TokenVerifier v = verifier();
    String token = valid();
    Credentials c = v.verify(token);
    assertEquals("alice", c.claims().get("cognito:username"));
    assertEquals(Tokens.ISSUER, c.issuer());
    assertEquals(NOW.plusSeconds(600), c.expires());
    assertFalse(c.cached(), "the first verification is a cache miss");
    Credentials again = v.verify(token);
    assertTrue(again.cached(), "a repeated token is not verified again: the cache answers");
    assertSame(again, v.verify(token), "a hit hands out the cached credentials themselves");
    assertEquals(c.asCached(), again);
  }

  @Test
  void algNoneIsRefused() {
    String token =
        new PlainJWT(new PlainHeader(), Tokens.claims("alice", NOW.plusSeconds(600)).build())
            .serialize();
    assertTrue(refusal(token).contains("not a signed JWT"));
  }

  @Test
  void hmacSignedWithThePublicKeyIsRefused() throws Exception {
    byte[] publicKeyAsSecret = KEY.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KEY.getKeyID()).build(),
            Tokens.claims("alice", NOW.plusSeconds(600)).build());
    jwt.sign(new MACSigner(publicKeyAsSecret));
    assertTrue(refusal(jwt.serialize()).contains("refused"), refusal(jwt.serialize()));
  }

  @Test
  void anUnknownKeyIdIsRefused() throws Exception {
    RSAKey other = new RSAKeyGenerator(2048).keyID("someone-else").generate();
    assertTrue(
        refusal(Tokens.sign(other, Tokens.claims("alice", NOW.plusSeconds(600)).build()))
            .contains("refused"));
  }

  @Test
  void theRightKeyIdWithAnotherKeyIsRefused() throws Exception {
    RSAKey forged = new RSAKeyGenerator(2048).keyID(KEY.getKeyID()).generate();
    assertTrue(
        refusal(Tokens.sign(forged, Tokens.claims("alice", NOW.plusSeconds(600)).build()))
            .contains("refused"));
  }

  @Test
  void expiredTokensAreRefusedBeyondTheSkew() throws Exception {
    assertTrue(
        refusal(Tokens.sign(Tokens.claims("alice", NOW.minusSeconds(61)).build()))
            .contains("xpired"));
    verifier().verify(Tokens.sign(Tokens.claims("alice", NOW.minusSeconds(30)).build()));
  }

  @Test
  void notYetValidTokensAreRefused() {
    String token =
        Tokens.sign(
            Tokens.claims("alice", NOW.plusSeconds(3600))
                .notBeforeTime(Date.from(NOW.plusSeconds(300)))
                .build());
    assertTrue(refusal(token).contains("refused"));
  }

  @Test
  void anotherIssuerIsRefused() {
    String token =
        Tokens.sign(
            Tokens.claims("alice", NOW.plusSeconds(600)).issuer("https://evil.example").build());
    assertTrue(refusal(token).contains("not trusted"));
  }

  @Test
  void tokensForAnotherApplicationAreRefused() {
    String token =
        Tokens.sign(
            Tokens.claims("alice", NOW.plusSeconds(600)).claim("client_id", "other-app").build());
    assertTrue(refusal(token).contains("not issued for this API"));
    String idToken =
        Tokens.sign(
            Tokens.claims("alice", NOW.plusSeconds(600))
                .claim("client_id", null)
                .audience("orders-api")
                .claim("token_use", "id")
                .build());
    assertTrue(refusal(idToken).contains("token_use"));
  }

  @Test
  void aTamperedPayloadIsRefused() {
    String[] parts = valid().split("\\.");
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("alice", "carol");
    String tampered =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];
    assertTrue(refusal(tampered).contains("refused"));
  }

  /** Signs {@code payload} (any text) with the sample key under {@code header}. */
  private static String signRaw(JWSHeader header, String payload) throws Exception {
    JWSObject o = new JWSObject(header, new Payload(payload));
    o.sign(new RSASSASigner(KEY));
    return o.serialize();
  }

  private static JWSHeader.Builder rs256() {
    return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID());
  }

  @Test
  void tokensOfAnotherTypeAreRefused() throws Exception {
    // a security event token is signed by the same issuer, but is not an access or ID token
    String set =
        signRaw(
            rs256().type(new JOSEObjectType("secevent+jwt")).build(),
            Tokens.claims("alice", NOW.plusSeconds(600)).build().toString());
    assertTrue(refusal(set).contains("refused"), refusal(set));
    // no typ at all is accepted, as JWT
    String untyped =
        signRaw(rs256().build(), Tokens.claims("alice", NOW.plusSeconds(600)).build().toString());
    assertEquals("alice", verifier().verify(untyped).claims().get("cognito:username"));
  }

  @Test
  void unknownCriticalHeaderParametersAreRefused() throws Exception {
    String token =
        signRaw(
            rs256()
                .criticalParams(java.util.Set.of("exp-policy"))
                .customParam("exp-policy", "lenient")
                .build(),
            Tokens.claims("alice", NOW.plusSeconds(600)).build().toString());
    assertTrue(refusal(token).contains("refused"), refusal(token));
  }

  @Test
  void claimSetsThatNameAClaimTwiceAreRefused() throws Exception {
    String claims = Tokens.claims("alice", NOW.plusSeconds(600)).build().toString();
    String twice = claims.substring(0, claims.length() - 1) + ",\"cognito:username\":\"admin\"}";
    assertTrue(
        refusal(signRaw(rs256().build(), twice)).contains("not a well-formed JWT"),
        refusal(signRaw(rs256().build(), twice)));
  }

  @Test
  void encryptedTokensAreRefused() {
    String refusal = refusal("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d");
    assertTrue(refusal.contains("not a signed JWT"), refusal);
  }

  @Test
  void oversizedAndMalformedTokensAreRefused() {
    assertTrue(refusal("x".repeat(TokenVerifier.MAX_TOKEN_LENGTH + 1)).contains("longer"));
    assertTrue(refusal("!!!.???.###").contains("not a well-formed JWT"));
    assertTrue(refusal("eyJhbGciOiJFUzI1NiJ9").contains("not a well-formed JWT"));
    assertTrue(
        refusal("eyJhbGciOiJSUzI1NiJ9.WzFd.c2ln").contains("not a well-formed JWT"),
        "claims that are an array");
    assertTrue(refusal("").contains("no token"));
  }

  @Test
  void keysAreFetchedFromAJwksUrlAndRefreshedOnAnUnknownKeyId() throws Exception {
    RSAKey rotated = new RSAKeyGenerator(2048).keyID("rotated-2027").generate();
    AtomicReference<String> jwks = new AtomicReference<>(new JWKSet(KEY.toPublicJWK()).toString());
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/jwks.json",
        ex -> {
          byte[] b = jwks.get().getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    server.start();
    try {
      TokenVerifier v =
          new TokenVerifier(
              List.of(
                  issuer(null, "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json")),
              Duration.ofSeconds(60),
              CLOCK,
              Ticker.systemTicker(),
              Duration.ofSeconds(2));
      v.verify(valid());
      jwks.set(new JWKSet(List.of(KEY.toPublicJWK(), rotated.toPublicJWK())).toString());
      Credentials c =
          v.verify(Tokens.sign(rotated, Tokens.claims("bob", NOW.plusSeconds(600)).build()));
      assertEquals("bob", c.claims().get("cognito:username"));
    } finally {
      server.stop(0);
    }
  }

  /** A JWKS server that answers after {@code delayMillis}; stop it when done. */
  private static HttpServer slowJwks(String jwks, long delayMillis) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/jwks.json",
        ex -> {
          try {
            Thread.sleep(delayMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] b = jwks.getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    return server;
  }

  private static TokenVerifier fetching(HttpServer server, Duration timeout) {
    return new TokenVerifier(
        List.of(issuer(null, "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json")),
        Duration.ofSeconds(60),
        CLOCK,
        Ticker.systemTicker(),
        timeout);
  }

  @Test
  void jwksFetchesHonourTheFetchTimeout() throws Exception {
    HttpServer server = slowJwks(new JWKSet(KEY.toPublicJWK()).toString(), 1000);
    try {
      // a server answering in 1 s is waited for when the setting allows 2 s
      assertEquals(
          "alice",
          fetching(server, Duration.ofMillis(2000))
              .verify(valid())
              .claims()
              .get("cognito:username"));
      // and refused, closed, when it allows 300 ms
      long start = System.nanoTime();
      String refusal =
          assertThrows(
                  AuthenticationException.class,
                  () -> fetching(server, Duration.ofMillis(300)).verify(valid()))
              .getMessage();
      long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
      assertTrue(refusal.contains("refused") && refusal.contains("timed out"), refusal);
      assertTrue(millis < 1000, "gave up after " + millis + " ms");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void fetchedRsaKeysUnder2048BitsAreRefused() throws Exception {
    RSAKey weak = new RSAKeyGenerator(1024, true).keyID("weak-1024").generate();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(weak.getKeyID()).build(),
            Tokens.claims("alice", NOW.plusSeconds(600)).build());
    jwt.sign(new RSASSASigner(weak, true));
    HttpServer server = slowJwks(new JWKSet(weak.toPublicJWK()).toString(), 0);
    try {
      String refusal =
          assertThrows(
                  AuthenticationException.class,
                  () -> fetching(server, Duration.ofSeconds(2)).verify(jwt.serialize()))
              .getMessage();
      assertTrue(
          refusal.contains("`weak-1024` is an RSA key of 1024 bits; at least 2048"), refusal);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void hmacIsNeverConfigurable() {
    TokenVerifier v =
        new TokenVerifier(
            List.of(
                new Bundle.Issuer(
                    Tokens.ISSUER,
                    List.of("a"),
                    List.of(),
                    null,
                    List.of("HS256"),
                    new JWKSet(KEY.toPublicJWK()).toString(),
                    null)),
            Duration.ofSeconds(1),
            CLOCK,
            Ticker.systemTicker(),
            Duration.ofSeconds(1));
    assertTrue(v.problems().get(Tokens.ISSUER).contains("never accepted"));
  }

  @Test
  void apiKeysAreCheckedAgainstSaltedHashes() throws Exception {
    var k = io.iamgate.bundle.ApiKeys.create("ci");
    var bundle =
        io.iamgate.bundle.BundleReader.read(
                io.iamgate.bundle.BundleFiles.single(
                    "b",
                    "b.json",
                    "{\"users\":{\"bob\":{\"apiKeys\":[{\"id\":\"ci\",\"hash\":\""
                        + k.hash()
                        + "\",\"created\":\"2026-01-01\"}]}}}"))
            .value();
    ApiKeyAuthenticator a = new ApiKeyAuthenticator(bundle);
    assertEquals("bob", a.authenticate(k.key()).apiKeyUser());
    assertThrows(AuthenticationException.class, () -> a.authenticate("ci.wrong-secret"));
    assertThrows(AuthenticationException.class, () -> a.authenticate("nokey"));
  }
}
