package io.iamgate.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Removes credentials from text bound for a log, in one place. Every text {@link JsonLines} writes
 * passes through {@link #mask(String)}, so a token that reaches a message by mistake (in an error
 * from a library, say) is still not logged.
 *
 * <p>What is masked:
 *
 * <ul>
 *   <li>a JWS or JWE compact serialization: three or five runs of base64url characters joined by
 *       dots whose first run is at least {@value #MIN_SEGMENT} characters long (a JOSE header
 *       always is), or any dotted run in which a run that reads as a JOSE header ({@code eyJ...},
 *       {@code {"} in base64url) is followed by two more ({@code v1.<JWS>}, {@code <JWS>.json}),
 *       replaced by {@code <redacted-token>};
 *   <li>the credential after {@code Bearer }, {@code Basic } or an {@code x-api-key} name (a run of
 *       at least {@value #MIN_CREDENTIAL} characters up to the next white space, quote or comma),
 *       replaced by {@code <redacted>};
 *   <li>the user information of a URL ({@code https://user:password@host}).
 * </ul>
 *
 * A linear scan, no regular expressions. Method ARNs, versions and ids do not match: they are not
 * three dot-separated base64url runs of this length.
 */
public final class Masking {
  /** Shortest first segment taken for a JOSE header ({@code {"alg":"none"}} is 20 characters). */
  static final int MIN_SEGMENT = 16;

  private static final String TOKEN = "<redacted-token>";
  private static final String SECRET = "<redacted>";
  private static final String[] SCHEMES = {"bearer ", "basic ", "x-api-key: ", "x-api-key="};

  private Masking() {}

  /** Shortest run after a scheme name taken for a credential ({@code Bearer token} is prose). */
  static final int MIN_CREDENTIAL = 8;

  /** {@code text} with every credential replaced; the same instance when there is none. */
  public static String mask(String text) {
    return maskTokens(maskSchemes(maskUserInfo(text)));
  }

  /**
   * A caller-supplied value fit for a log or an error message whatever it holds: a short,
   * non-reversible fingerprint ({@code sha256:1a2b3c4d}, the first 8 hex digits of its SHA-256) and
   * its length. Used for values that are not known to the bundle (an unknown API key id, an unknown
   * role name), which might be a credential sent in the wrong place.
   */
  public static String fingerprint(String value) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest, 0, 4) + ", " + value.length() + " chars";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /**
   * Caller-supplied text fit for a log or an error message: {@link #mask masked}, and cut to at
   * most {@code max} characters ({@code …(1234 chars)} says how long it was).
   */
  public static String excerpt(String text, int max) {
    String masked = mask(text);
    return masked.length() <= max
        ? masked
        : masked.substring(0, max) + "…(" + masked.length() + " chars)";
  }

  /**
   * An issuer (the {@code iss} of a token not yet verified) fit for a log: shown when it is shaped
   * like one, an {@code https://} (or {@code http://}) URL of at most 128 characters without white
   * space or quotes, else reduced to a {@link #fingerprint}, since it may be anything a caller
   * sent.
   */
  public static String issuer(String iss) {
    boolean url =
        (iss.startsWith("https://") || iss.startsWith("http://"))
            && iss.length() <= 128
            && iss.chars().noneMatch(c -> Character.isWhitespace(c) || endsCredential((char) c));
    return url ? "`" + mask(iss) + "`" : "(" + fingerprint(iss) + ")";
  }

  /** {@code scheme://user:password@host} → {@code scheme://<redacted>@host}. */
  private static String maskUserInfo(String text) {
    int from = 0;
    StringBuilder out = null;
    int copied = 0;
    int at;
    while ((at = text.indexOf("://", from)) >= 0) {
      int start = at + 3;
      int end = start;
      while (end < text.length()
          && text.charAt(end) != '@'
          && text.charAt(end) != '/'
          && !endsCredential(text.charAt(end))) {
        end++;
      }
      if (end < text.length() && text.charAt(end) == '@' && end > start) {
        if (out == null) {
          out = new StringBuilder(text.length());
        }
        out.append(text, copied, start).append(SECRET);
        copied = end;
      }
      from = Math.max(end, start);
    }
    if (out == null) {
      return text;
    }
    out.append(text, copied, text.length());
    return out.toString();
  }

  /**
   * One left-to-right scan: at each position where a scheme name starts (any letter case), the
   * credential after it is replaced. Allocates nothing when there is none.
   */
  private static String maskSchemes(String text) {
    StringBuilder out = null;
    int copied = 0;
    int i = 0;
    while (i < text.length()) {
      String scheme = schemeAt(text, i);
      if (scheme == null) {
        i++;
        continue;
      }
      int start = i + scheme.length();
      int end = start;
      while (end < text.length() && !endsCredential(text.charAt(end))) {
        end++;
      }
      if (end - start >= MIN_CREDENTIAL) {
        if (out == null) {
          out = new StringBuilder(text.length());
        }
        out.append(text, copied, start).append(SECRET);
        copied = end;
      }
      i = Math.max(end, i + 1);
    }
    if (out == null) {
      return text;
    }
    out.append(text, copied, text.length());
    return out.toString();
  }

  private static @Nullable String schemeAt(String text, int i) {
    char c = text.charAt(i);
    if (c != 'b' && c != 'B' && c != 'x' && c != 'X') {
      return null; // every scheme starts with b or x: most positions end here
    }
    for (String scheme : SCHEMES) {
      if (text.regionMatches(true, i, scheme, 0, scheme.length())) {
        return scheme;
      }
    }
    return null;
  }

  private static boolean endsCredential(char c) {
    return Character.isWhitespace(c) || c == '"' || c == '\'' || c == ',' || c == ';';
  }

  private static String maskTokens(String text) {
    StringBuilder out = null;
    int copied = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      if (!isBase64Url(text.charAt(i)) || (i > 0 && isBase64Url(text.charAt(i - 1)))) {
        i++;
        continue;
      }
      // a run starts at i: read its dot-separated runs
      int end = i;
      int runs = 0;
      int firstRun = 0;
      int header = -1; // the index of the first run that reads as a JOSE header
      int pos = i;
      while (true) {
        int runStart = pos;
        while (pos < n && isBase64Url(text.charAt(pos))) {
          pos++;
        }
        if (runs == 0) {
          firstRun = pos - runStart;
        }
        if (header < 0 && pos - runStart >= MIN_SEGMENT && text.startsWith("eyJ", runStart)) {
          header = runs;
        }
        runs++;
        end = pos;
        if (pos + 1 < n && text.charAt(pos) == '.' && isBase64Url(text.charAt(pos + 1))) {
          pos++;
          continue;
        }
        break;
      }
      // a token alone, or one with text joined to it by dots (`v1.<JWS>`, `<JWS>.json`): a run
      // that reads as a JOSE header ({"... in base64url) followed by two more runs
      boolean token = (runs == 3 || runs == 5) && firstRun >= MIN_SEGMENT;
      boolean joined = header >= 0 && header <= runs - 3;
      if (token || joined) {
        if (out == null) {
          out = new StringBuilder(n);
        }
        out.append(text, copied, i).append(TOKEN);
        copied = end;
      }
      i = Math.max(end, i + 1);
    }
    if (out == null) {
      return text;
    }
    out.append(text, copied, n);
    return out.toString();
  }

  /**
   * {@code text} with the secret of every API key of the given ids replaced: {@code <id>.<secret>}
   * (an id preceded by no id character) becomes {@code <id>.<redacted>}, the secret running to the
   * next {@code /}, white space, quote, comma, {@code ;}, {@code ?}, {@code &} or {@code #}. For
   * caller text such as a path that holds a key by mistake, where no scheme name marks it.
   *
   * @param ids the bundle's API key ids
   */
  public static String maskApiKeys(String text, java.util.Set<String> ids) {
    if (ids.isEmpty() || text.indexOf('.') < 0) {
      return text;
    }
    StringBuilder out = null;
    int copied = 0;
    int n = text.length();
    for (int dot = text.indexOf('.'); dot >= 0 && dot < n; dot = text.indexOf('.', dot + 1)) {
      int start = dot;
      while (start > 0 && isBase64Url(text.charAt(start - 1))) {
        start--;
      }
      if (start == dot || start < copied || !ids.contains(text.substring(start, dot))) {
        continue;
      }
      int end = dot + 1;
      while (end < n && !endsSecret(text.charAt(end))) {
        end++;
      }
      if (end == dot + 1) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(n);
      }
      out.append(text, copied, dot + 1).append(SECRET);
      copied = end;
      dot = end - 1;
    }
    if (out == null) {
      return text;
    }
    out.append(text, copied, n);
    return out.toString();
  }

  private static boolean endsSecret(char c) {
    return c == '/' || c == '?' || c == '&' || c == '#' || endsCredential(c);
  }

  private static boolean isBase64Url(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_';
  }
}
