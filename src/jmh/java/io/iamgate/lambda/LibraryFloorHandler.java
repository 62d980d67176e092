package io.iamgate.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The cold-start floor of the libraries the brief prescribes, without any of iamgate's own work:
 * read the event with Jackson, verify its RS256 bearer token with nimbus against a JWKS (from
 * {@code FLOOR_JWKS}), remember it in a Caffeine cache, write an Allow policy with Jackson. No
 * bundle, no policies, no route table, no checks of claims. An authorizer built on these libraries
 * cannot start faster than this; {@link ColdStart} measures it beside hello-world and iamgate.
 */
public final class LibraryFloorHandler implements RequestStreamHandler {
  private static final JsonFactory JSON = new JsonFactory();
  private final Cache<String, String> verified = Caffeine.newBuilder().maximumSize(10_000).build();
  private final RSAKey key;

  public LibraryFloorHandler() throws Exception {
    key = (RSAKey) JWKSet.parse(System.getenv("FLOOR_JWKS")).getKeys().get(0);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    String token = null;
    String arn = null;
    try (JsonParser p = JSON.createParser(input)) {
      while (p.nextToken() != null) {
        if (p.currentToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          if ((name.equalsIgnoreCase("authorization") || name.equals("authorizationToken"))
              && token == null) {
            if (p.nextToken() == JsonToken.VALUE_STRING) {
              token = p.getText();
            }
          } else if (name.equals("methodArn") || name.equals("routeArn")) {
            p.nextToken();
            arn = p.getText();
          }
        }
      }
    }
    String jwt = token == null ? "" : token.replaceFirst("^Bearer ", "");
    String subject =
        verified.get(
            jwt,
            t -> {
              try {
                JWSObject o = JWSObject.parse(t);
                return o.verify(new RSASSAVerifier(key))
                    ? String.valueOf(o.getPayload().toJSONObject().get("sub"))
                    : null;
              } catch (Exception e) {
                return null;
              }
            });
    try (JsonGenerator g = JSON.createGenerator(output)) {
      g.writeStartObject();
      g.writeStringField("principalId", subject == null ? "anonymous" : subject);
      g.writeObjectFieldStart("policyDocument");
      g.writeStringField("Version", "2012-10-17");
      g.writeArrayFieldStart("Statement");
      g.writeStartObject();
      g.writeStringField("Action", "execute-api:Invoke");
      g.writeStringField("Effect", subject == null ? "Deny" : "Allow");
      g.writeArrayFieldStart("Resource");
      g.writeString(arn);
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
    }
  }
}
