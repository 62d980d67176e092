package io.iamgate.authn;

import io.iamgate.audit.Masking;
import io.iamgate.bundle.ApiKeys;
import io.iamgate.bundle.Bundle;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * API keys ({@code <id>.<secret>}) checked against the salted hashes in the bundle. Thread-safe.
 */
public final class ApiKeyAuthenticator {
  private record Entry(String user, Bundle.ApiKey key) {}

  private final Map<String, Entry> byId = new HashMap<>();

  public ApiKeyAuthenticator(Bundle bundle) {
    bundle
        .users()
        .values()
        .forEach(u -> u.apiKeys().forEach(k -> byId.put(k.id(), new Entry(u.name(), k))));
  }

  /**
   * The caller a key belongs to.
   *
   * @throws AuthenticationException when the key is malformed, unknown or wrong
   */
  public Credentials authenticate(@Nullable String presented) throws AuthenticationException {
    String id = presented == null ? null : ApiKeys.idOf(presented);
    if (presented == null || id == null) {
      throw new AuthenticationException("the API key is not of the form <id>.<secret>");
    }
    Entry e = byId.get(id);
    if (e == null) {
      // not an id of the bundle: it may be a secret sent first (swapped parts), so never echo it
      throw new AuthenticationException("unknown API key id (" + Masking.fingerprint(id) + ")");
    }
    if (!ApiKeys.verify(presented, e.key().hash())) {
      throw new AuthenticationException("wrong secret for API key `" + id + "`");
    }
    return new Credentials(null, e.user(), Map.of(), null, e.user(), id, "apikey:" + id);
  }
}
