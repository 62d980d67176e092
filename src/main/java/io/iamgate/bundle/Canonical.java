package io.iamgate.bundle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.iamgate.json.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Canonical JSON (members sorted by name, no white space) for content hashes, and the minified size
 * that IAM's quotas count.
 */
public final class Canonical {
  private static final JsonFactory FACTORY = new JsonFactory();

  private Canonical() {}

  /** The canonical text of a value: sorted members, minified. */
  public static String text(Json j) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      write(g, j, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /**
   * Writes a value with its members in document order, through any generator (e.g. a pretty
   * printing one): the bundle's YAML as JSON, say, or a batch id as it was given. {@code null}
   * writes {@code null}.
   */
  public static void writeInDocumentOrder(JsonGenerator g, @Nullable Json j) throws IOException {
    write(g, j, false);
  }

  private static void write(JsonGenerator g, @Nullable Json j, boolean sorted) throws IOException {
    if (j instanceof Json.JObject o) {
      g.writeStartObject();
      List<Json.Member> members = new ArrayList<>(o.members());
      if (sorted) {
        members.sort(Comparator.comparing(Json.Member::name));
      }
      for (Json.Member m : members) {
        g.writeFieldName(m.name());
        write(g, m.value(), sorted);
      }
      g.writeEndObject();
    } else if (j instanceof Json.JArray a) {
      g.writeStartArray();
      for (Json item : a.items()) {
        write(g, item, sorted);
      }
      g.writeEndArray();
    } else if (j instanceof Json.JString s) {
      g.writeString(s.value());
    } else if (j instanceof Json.JNumber n) {
      g.writeNumber(n.text());
    } else if (j instanceof Json.JBool b) {
      g.writeBoolean(b.value());
    } else {
      g.writeNull();
    }
  }

  /**
   * The size IAM's quotas count: every character of the minified JSON (string contents counted as
   * their characters, not their escapes).
   */
  static int size(Json j) {
    if (j instanceof Json.JObject o) {
      int n = 2 + Math.max(0, o.members().size() - 1);
      for (Json.Member m : o.members()) {
        n += m.name().length() + 3 + size(m.value());
      }
      return n;
    }
    if (j instanceof Json.JArray a) {
      int n = 2 + Math.max(0, a.items().size() - 1);
      for (Json item : a.items()) {
        n += size(item);
      }
      return n;
    }
    if (j instanceof Json.JString s) {
      return s.value().length() + 2;
    }
    if (j instanceof Json.JNumber num) {
      return num.text().length();
    }
    if (j instanceof Json.JBool b) {
      return b.value() ? 4 : 5;
    }
    return 4;
  }

  /** Hex SHA-256 of UTF-8 text. */
  static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
