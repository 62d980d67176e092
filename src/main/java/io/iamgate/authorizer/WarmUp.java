package io.iamgate.authorizer;

import io.iamgate.authn.AuthenticationException;
import io.iamgate.authn.Credentials;
import io.iamgate.authn.TokenVerifier;
import io.iamgate.bundle.Bundle;
import io.iamgate.gateway.GatewayEvent;
import io.iamgate.gateway.MethodArn;
import io.iamgate.gateway.ResponseWriter;
import io.iamgate.identity.Directory;
import io.iamgate.json.Json;
import io.iamgate.json.JsonReader;
import io.iamgate.json.JsonWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs every layer of an {@link Authorizer} once, so that the first real request does not pay for
 * class loading and interpreted code: JWT signature verification with a throwaway key for each key
 * type the bundle's issuers accept (RSA for RS and PS algorithms, EC for ES), then a whole decision
 * for the bundle's first user on its first route. A key type no issuer accepts is not warmed: on a
 * cold JVM that would only lengthen the start (the P-256 arithmetic alone costs ~70 ms). Best
 * effort: never throws.
 */
final class WarmUp {
  private WarmUp() {}

  /**
   * Warms {@code authorizer}.
   *
   * @return what was warmed, e.g. {@code [RSA signature, decision]}
   */
  static List<String> run(Authorizer authorizer) {
    List<String> done = new ArrayList<>();
    Optional<Directory> current = authorizer.store().current();
    Set<String> keyTypes = new TreeSet<>();
    current.ifPresent(
        d ->
            d.bundle()
                .identity()
                .issuers()
                .forEach(
                    i ->
                        i.algorithms()
                            .forEach(a -> keyTypes.add(a.startsWith("ES") ? "EC" : "RSA"))));
    done.addAll(signatures(authorizer, keyTypes));
    if (current.isEmpty() || current.get().bundle().users().isEmpty()) {
      return done;
    }
    Directory d = current.get();
    String user = d.bundle().users().keySet().iterator().next();
    Bundle.Route route = d.bundle().routes().isEmpty() ? null : d.bundle().routes().get(0);
    String method = route == null || route.method().equals("ANY") ? "GET" : route.method();
    String path = route == null ? "/warm-up" : route.path().replaceAll("\\{[^}]+}", "warm-up");
    try {
      GatewayEvent event =
          new GatewayEvent(
              GatewayEvent.Kind.REST_REQUEST,
              MethodArn.parse(
                  "arn:aws:execute-api:eu-west-1:000000000000:warmup/prod/" + method + path),
              method,
              path,
              route == null ? null : route.path(),
              null,
              Map.of("user-agent", List.of("warm-up")),
              Map.of(),
              Map.of(),
              Map.of(),
              "192.0.2.1",
              "warm-up",
              authorizer.clock().millis(),
              "warm-up",
              null);
      Outcome o =
          authorizer.decide(
              event, new Credentials(null, user, Map.of(), null, user, "warm-up", "warm-up"));
      new ResponseWriter().write(o.response(), OutputStream.nullOutputStream());
      done.add("decision");
    } catch (RuntimeException | IOException e) {
      // warming is best effort
    }
    return done;
  }

  /**
   * Verifies the tokens of {@code /iamgate/warm-up.json} for {@code keyTypes} ({@code RSA}, {@code
   * EC}), signed by a throwaway key whose private half was discarded. The file is read and the
   * verifier built once, with only the keys of those types.
   *
   * @return what verified, e.g. {@code [RSA signature]}
   */
  private static List<String> signatures(Authorizer authorizer, Set<String> keyTypes) {
    List<String> warmed = new ArrayList<>();
    if (keyTypes.isEmpty()) {
      return warmed;
    }
    try (InputStream in = WarmUp.class.getResourceAsStream("/iamgate/warm-up.json")) {
      if (in == null) {
        return warmed;
      }
      Json root =
          JsonReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), null, 0).value();
      if (!(root instanceof Json.JObject w)
          || !(w.get("jwks") instanceof Json.JObject jwks)
          || !(jwks.get("keys") instanceof Json.JArray jwkArray)
          || !(w.get("tokens") instanceof Json.JObject tokens)) {
        return warmed; // not the file this jar ships
      }
      List<String> keys = new ArrayList<>();
      for (Json k : jwkArray.items()) {
        String kty =
            k instanceof Json.JObject ko && ko.get("kty") instanceof Json.JString s
                ? s.value()
                : null;
        if (kty != null && keyTypes.contains(kty)) {
          keys.add(JsonWriter.tree(JsonWriter.Style.CANONICAL, k));
        }
      }
      AuthorizerSettings settings = authorizer.settings();
      TokenVerifier verifier =
          new TokenVerifier(
              List.of(
                  new Bundle.Issuer(
                      "https://warm-up.invalid",
                      List.of("warm-up"),
                      List.of(),
                      null,
                      List.of("RS256", "ES256"),
                      "{\"keys\":[" + String.join(",", keys) + "]}",
                      null)),
              settings.clockSkew(),
              authorizer.clock(),
              authorizer.ticker(),
              settings.fetchTimeout());
      for (String keyType : keyTypes) {
        try {
          Json token = tokens.get(keyType);
          verifier.verify(token == null ? null : Json.scalarText(token));
          warmed.add(keyType + " signature");
        } catch (AuthenticationException | RuntimeException e) {
          // warming is best effort
        }
      }
    } catch (IOException | RuntimeException | LinkageError e) {
      // warming is best effort
    }
    return warmed;
  }
}
