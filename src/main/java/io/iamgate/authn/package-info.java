/**
 * Authenticating callers: bearer JWTs verified with nimbus-jose-jwt against the bundle's trusted
 * issuers (algorithm allow-list, issuer, audience or client id, token use, expiry with clock skew;
 * keys embedded in the bundle or fetched from a JWKS URL with caching, refresh on an unknown key id
 * and rate limiting), with a cache of verified tokens; and API keys checked against the salted
 * hashes in the bundle.
 */
@NullMarked
package io.iamgate.authn;

import org.jspecify.annotations.NullMarked;
