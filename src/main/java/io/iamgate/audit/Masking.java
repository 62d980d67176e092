package io.iamgate.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
  private static final String[] SCHEMES = {"bearer", "basic", "x-api-key"};

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
      int start = afterScheme(text, i);
      if (start < 0) {
        i++;
        continue;
      }
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

  /**
   * Where the credential after a scheme at {@code i} starts, or -1: {@code Bearer} or {@code Basic}
   * followed by any run of white space (a tab or two spaces as well), {@code x-api-key:} with or
   * without white space, or {@code x-api-key=}, in any letter case.
   */
  private static int afterScheme(String text, int i) {
    char c = text.charAt(i);
    if (c != 'b' && c != 'B' && c != 'x' && c != 'X') {
      return -1; // every scheme starts with b or x: most positions end here
    }
    for (String scheme : SCHEMES) {
      if (!text.regionMatches(true, i, scheme, 0, scheme.length())) {
        continue;
      }
      int at = i + scheme.length();
      if (scheme.equals("x-api-key")) {
        if (at < text.length() && text.charAt(at) == '=') {
          return at + 1;
        }
        if (at >= text.length() || text.charAt(at) != ':') {
          continue;
        }
        at++;
      }
      int end = at;
      while (end < text.length() && Character.isWhitespace(text.charAt(end))) {
        end++;
      }
      if (end > at || scheme.equals("x-api-key")) {
        return end;
      }
    }
    return -1;
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
   * Request-derived text (a method ARN, a resource, a reason quoting them) fit for a log: every
   * segment between separators ({@code /}, {@code :}, {@code ?}, {@code &}, {@code =}, {@code ,},
   * {@code ;}, white space, quotes) that holds a credential is replaced by its {@link
   * #fingerprint}, in angle brackets. A segment holds one when, percent-decoded, it contains a run
   * that reads as a JOSE header ({@code eyJ} and at least 13 more base64url characters: a JWS or
   * JWE, whatever is joined to it), or an API key of the bundle ({@code <id>.}, the id in any
   * letter case, whatever precedes it) or one with its parts swapped ({@code .<id>}). Callers put
   * credentials in paths and headers by mistake; no escaping or prefix may carry one into the log.
   *
   * @param keyIds the bundle's API key ids, lower-cased
   */
  public static String scrubRequestText(String text, java.util.Set<String> keyIds) {
    StringBuilder out = null;
    int n = text.length();
    int start = 0;
    for (int i = 0; i <= n; i++) {
      if (i < n && !isSegmentSeparator(text.charAt(i))) {
        continue;
      }
      if (i > start
          && mayHoldCredential(text, start, i)
          && holdsCredential(percentDecoded(text, start, i), keyIds)) {
        if (out == null) {
          out = new StringBuilder(n).append(text, 0, start);
        }
        out.append('<').append(fingerprint(text.substring(start, i))).append('>');
      } else if (out != null) {
        out.append(text, start, i);
      }
      if (out != null && i < n) {
        out.append(text.charAt(i));
      }
      start = i + 1;
    }
    return out == null ? text : out.toString();
  }

  /**
   * Whether {@code text[from, to)} can hold a credential at all: only with a {@code %} escape, a
   * dot (an API key) or {@code eyJ} (a JOSE header); most segments have none, and are passed
   * without copying.
   */
  private static boolean mayHoldCredential(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '%' || c == '.' || (c == 'e' && text.startsWith("eyJ", i) && i + 3 <= to)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSegmentSeparator(char c) {
    return c == '/'
        || c == ':'
        || c == '?'
        || c == '&'
        || c == '='
        || c == '#'
        || endsCredential(c);
  }

  /** {@code text[from, to)} with every valid {@code %XX} escape decoded (as Latin-1). */
  private static String percentDecoded(String text, int from, int to) {
    int first = text.indexOf('%', from);
    if (first < 0 || first >= to) {
      return text.substring(from, to);
    }
    StringBuilder sb = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '%' && i + 2 < to) {
        int hi = Character.digit(text.charAt(i + 1), 16);
        int lo = Character.digit(text.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          sb.append((char) (hi * 16 + lo));
          i += 2;
          continue;
        }
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private static boolean holdsCredential(String segment, java.util.Set<String> keyIds) {
    for (int at = segment.indexOf("eyJ"); at >= 0; at = segment.indexOf("eyJ", at + 1)) {
      int end = at;
      while (end < segment.length() && isBase64Url(segment.charAt(end))) {
        end++;
      }
      if (end - at >= MIN_SEGMENT) {
        return true;
      }
    }
    if (keyIds.isEmpty()) {
      return false;
    }
    String lower = segment.toLowerCase(java.util.Locale.ROOT);
    for (int dot = lower.indexOf('.'); dot >= 0; dot = lower.indexOf('.', dot + 1)) {
      // every id-shaped run that ends at the dot: `bob-ci.`, `key_bob-ci.` holds `bob-ci.` too
      for (int from = dot - 1; from >= 0 && isBase64Url(lower.charAt(from)); from--) {
        if (keyIds.contains(lower.substring(from, dot))) {
          return true;
        }
      }
      // and every one that starts after it: a key with its parts swapped, `<secret>.bob-ci`
      for (int to = dot + 2; to <= lower.length() && isBase64Url(lower.charAt(to - 1)); to++) {
        if (keyIds.contains(lower.substring(dot + 1, to))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isBase64Url(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_';
  }
}
