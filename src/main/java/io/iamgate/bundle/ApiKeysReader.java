package io.iamgate.bundle;

import io.iamgate.json.Json;
import io.iamgate.policy.PolicyDates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a user's {@code apiKeys} (docs/bundle-format.md, "API keys"): objects of {@code id}, {@code
 * hash} and {@code created}, all required. An id is made of letters, digits, {@code _} and {@code
 * -} and is unique across the bundle; the hash is a salted {@link ApiKeys} hash, never a secret;
 * the date is written as in policies. A key with any error is reported and left out.
 */
final class ApiKeysReader {
  private static final List<String> API_KEY = List.of("id", "hash", "created");

  private final ReadCursor c;

  ApiKeysReader(ReadCursor c) {
    this.c = c;
  }

  /**
   * The valid keys of {@code j} (null when absent) of user {@code user}.
   *
   * @param ids the key ids seen so far in the bundle, to their users; the new ones are added
   */
  List<Bundle.ApiKey> read(@Nullable Json j, String path, String user, Map<String, String> ids) {
    List<Bundle.ApiKey> keys = new ArrayList<>();
    if (j == null) {
      return keys;
    }
    if (!(j instanceof Json.JArray arr)) {
      c.error("type", path, j, "expected an array of API keys, found " + j.typeName());
      return keys;
    }
    for (int i = 0; i < arr.items().size(); i++) {
      Bundle.ApiKey key = apiKey(arr.items().get(i), path + "/" + i, user, ids);
      if (key != null) {
        keys.add(key);
      }
    }
    return keys;
  }

  private Bundle.@Nullable ApiKey apiKey(
      Json j, String path, String user, Map<String, String> ids) {
    if (!(j instanceof Json.JObject o)) {
      c.error(
          "type",
          path,
          j,
          "expected an API key object {\"id\", \"hash\", \"created\"}, found " + j.typeName());
      return null;
    }
    c.checkMembers(o, path, API_KEY, "an API key");
    String id = c.string(o, path, "id", true);
    String hash = c.string(o, path, "hash", true);
    String created = c.string(o, path, "created", true);
    boolean ok = id != null && hash != null && created != null;
    if (id != null && !ApiKeys.isValidId(id)) {
      c.error(
          "api-key",
          path + "/id",
          o.get("id"),
          "an API key id may only contain letters, digits, `_` and `-`, found `" + id + "`");
      ok = false;
    } else if (id != null && ids.putIfAbsent(id, user) != null) {
      c.error(
          "duplicate-name",
          path + "/id",
          o.get("id"),
          "API key id `" + id + "` is already used by user `" + ids.get(id) + "`");
      ok = false;
    }
    if (hash != null && !ApiKeys.isValidHash(hash)) {
      c.error(
          "api-key",
          path + "/hash",
          o.get("hash"),
          "expected `sha256$<salt base64>$<hash base64>`; keys are stored only as salted hashes (`iamgate hash-key` makes one)");
      ok = false;
    }
    Instant when = null;
    if (created != null) {
      when = PolicyDates.parse(created);
      if (when == null) {
        c.error(
            "api-key",
            path + "/created",
            o.get("created"),
            "expected a date such as `2026-01-31T12:00:00Z`, found `" + created + "`");
        ok = false;
      }
    }
    // ok implies that id, hash and when are set
    return ok && id != null && hash != null && when != null
        ? new Bundle.ApiKey(id, hash, when)
        : null;
  }
}
