package io.iamgate.trail;

import io.iamgate.audit.Masking;
import io.iamgate.json.Diagnostic;
import io.iamgate.json.Json;
import io.iamgate.json.JsonReader;
import io.iamgate.json.ParseResult;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * Reads decision events back from a log, in any of the forms a log reaches people in:
 *
 * <ul>
 *   <li>raw lines, as the authorizer writes them on Lambda and {@code invoke --log} on standard
 *       error: one JSON object per line; decision events ({@code "logger":"iamgate.decision"}) are
 *       read, operational records (other loggers) and lines that are not JSON objects (Lambda's
 *       {@code START}/{@code END} lines, messages) are counted and skipped;
 *   <li>S3 exports of CloudWatch Logs, each line {@code <ISO timestamp> <the line>};
 *   <li>{@code aws logs filter-log-events} / {@code get-log-events} JSON output ({@code
 *       {"events":[{"timestamp":...,"message":"<the line>"}...]}}, pretty or on one line), or the
 *       bare {@code events} array;
 *   <li>any of these gzip-compressed (recognised by its magic bytes, not its name).
 * </ul>
 *
 * Decision lines written before the agreed schema (a flat {@code iamgate.decision} object with
 * {@code time} and {@code outcome} at the top) are read too. A line that should be a decision event
 * but is not ({@code {} that does not parse, a missing {@code decision.outcome}) is a {@link
 * Warning} naming the file, the line and what was expected, with at most {@value #EXCERPT}
 * characters of the line, masked. Thread-safe: each call reads on its own.
 */
public final class TrailReader {
  /** The most bytes of a whole-document export (JSON) read into memory. */
  public static final long MAX_DOCUMENT_BYTES = 64L * 1024 * 1024;

  /** The longest line read, in characters; a longer one is skipped with a warning. */
  public static final int MAX_LINE_CHARS = 1 << 20;

  /** What {@code boundedLine} returns for a line over {@link #MAX_LINE_CHARS}. */
  @SuppressWarnings("StringOperationCanBeSimplified") // a distinct instance, compared by identity
  private static final String TOO_LONG = new String("");

  /** The most characters of a malformed line quoted in a warning. */
  static final int EXCERPT = 60;

  private static final Pattern ISO_PREFIX =
      Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T[0-9:.,]+(Z|[+-]\\d{2}:?\\d{2})?[ \\t]");

  private static final Set<String> HTTP_METHODS =
      Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "ANY", "*");

  private TrailReader() {}

  /** A line that was skipped because it is not what it should be. */
  public record Warning(String file, int line, String message) {
    /** {@code file:line: message}. */
    public String format() {
      return file + ":" + line + ": " + message;
    }
  }

  /**
   * What one file held.
   *
   * @param file the file's name in messages
   * @param records its decision events, in file order
   * @param operational operational records skipped ({@code iamgate.lambda}, {@code iamgate.store},
   *     ...)
   * @param other lines skipped that are not iamgate records (not JSON objects, or JSON without a
   *     {@code logger}, such as metric documents and Lambda platform records)
   * @param warnings malformed lines, skipped
   */
  public record FileResult(
      String file,
      List<DecisionRecord> records,
      int operational,
      int other,
      List<Warning> warnings) {
    public FileResult {
      records = List.copyOf(records);
      warnings = List.copyOf(warnings);
    }
  }

  /** A file that could not be read at all. */
  public static final class UnreadableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Reads one log.
   *
   * @param file the name in messages and records
   * @param in the bytes, gzip or not; not closed
   * @throws UnreadableException when the bytes cannot be read (an I/O error, broken gzip, an export
   *     over {@link #MAX_DOCUMENT_BYTES})
   */
  public static FileResult read(String file, InputStream in) throws UnreadableException {
    Reading r = new Reading(file);
    try {
      BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
      buffered.mark(2);
      int b0 = buffered.read();
      int b1 = buffered.read();
      buffered.reset();
      InputStream body =
          b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(buffered, 1 << 16) : buffered;
      BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(
                  body,
                  StandardCharsets.UTF_8
                      .newDecoder()
                      .onMalformedInput(CodingErrorAction.REPLACE)
                      .onUnmappableCharacter(CodingErrorAction.REPLACE)),
              1 << 16);
      r.readAll(lines);
    } catch (ZipException e) {
      throw new UnreadableException("not valid gzip data" + why(e));
    } catch (java.io.EOFException e) {
      throw new UnreadableException("the gzip data ends early (a truncated file?)");
    } catch (IOException e) {
      throw new UnreadableException(e.getMessage() == null ? "an I/O error" : e.getMessage());
    }
    return new FileResult(file, r.records, r.operational, r.other, r.warnings);
  }

  private static String why(Exception e) {
    return e.getMessage() == null ? "" : ": " + e.getMessage();
  }

  /** The state of reading one file. */
  private static final class Reading {
    final String file;
    final List<DecisionRecord> records = new ArrayList<>();
    final List<Warning> warnings = new ArrayList<>();
    int operational;
    int other;

    Reading(String file) {
      this.file = file;
    }

    void readAll(BufferedReader in) throws IOException, UnreadableException {
      int lineNo = 0;
      StringBuilder buf = new StringBuilder();
      String line;
      while ((line = boundedLine(in, buf)) != null) {
        lineNo++;
        if (line == TOO_LONG) {
          warnings.add(
              new Warning(
                  file,
                  lineNo,
                  "a line of over "
                      + MAX_LINE_CHARS
                      + " characters skipped (a decision line is a few kilobytes)"));
          continue;
        }
        String s = line.strip();
        if (s.isEmpty()) {
          continue;
        }
        if (s.equals("{") || s.equals("[") || s.startsWith("[{")) {
          // a whole JSON document: `aws logs ... --output json` (pretty) or its `events` array
          document(in, line, lineNo);
          return;
        }
        line(line, lineNo);
      }
    }

    /**
     * The next line without its terminator, {@link #TOO_LONG} for a line over {@link
     * #MAX_LINE_CHARS} (read to its end, not kept: a gzip bomb of one endless line must not fill
     * the heap), or {@code null} at the end.
     */
    private static @Nullable String boundedLine(BufferedReader in, StringBuilder buf)
        throws IOException {
      buf.setLength(0);
      boolean tooLong = false;
      int c;
      while ((c = in.read()) >= 0 && c != '\n') {
        if (!tooLong && buf.length() < MAX_LINE_CHARS) {
          buf.append((char) c);
        } else {
          tooLong = true;
          buf.setLength(0);
        }
      }
      if (c < 0 && buf.length() == 0 && !tooLong) {
        return null;
      }
      if (tooLong) {
        return TOO_LONG;
      }
      int end = buf.length();
      if (end > 0 && buf.charAt(end - 1) == '\r') {
        end--;
      }
      return buf.substring(0, end);
    }

    private void document(BufferedReader in, String first, int firstLine)
        throws IOException, UnreadableException {
      StringBuilder text = new StringBuilder();
      text.append("\n".repeat(firstLine - 1)).append(first).append('\n');
      char[] buf = new char[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        text.append(buf, 0, n);
        if (text.length() > MAX_DOCUMENT_BYTES) {
          throw new UnreadableException(
              "a JSON export of over " + MAX_DOCUMENT_BYTES + " characters, the most read");
        }
      }
      ParseResult<Json> parsed = JsonReader.read(text.toString(), file, 0);
      Json root = parsed.value();
      if (root == null) {
        Diagnostic d = parsed.errors().get(0);
        warnings.add(
            new Warning(
                file,
                d.line(),
                "not a CloudWatch Logs export: "
                    + d.message()
                    + " (expected the JSON output of `aws logs filter-log-events` or"
                    + " `get-log-events`, or one JSON object per line)"));
        return;
      }
      exportEvents(root);
    }

    /** The events of a CloudWatch Logs export: {@code {"events":[...]}} or the array itself. */
    private void exportEvents(Json root) {
      Json events = root;
      if (root instanceof Json.JObject o) {
        events = o.get("events");
      }
      if (!(events instanceof Json.JArray a)) {
        warnings.add(
            new Warning(
                file,
                root.line(),
                "expected a CloudWatch Logs export, an object with an `events` array, found "
                    + root.typeName()
                    + (root instanceof Json.JObject ? " without `events`" : "")));
        return;
      }
      for (Json e : a.items()) {
        Json message = e instanceof Json.JObject eo ? eo.get("message") : null;
        if (message instanceof Json.JString m) {
          for (String l : m.value().split("\n")) {
            if (!l.isBlank()) {
              line(l, e.line());
            }
          }
        } else {
          warnings.add(
              new Warning(
                  file,
                  e.line(),
                  "expected a log event with a `message` string, found "
                      + (e instanceof Json.JObject ? "an object without one" : e.typeName())));
        }
      }
    }

    /** One line of a raw log or one export event's message. */
    void line(String raw, int lineNo) {
      String s = raw.strip();
      if (!s.startsWith("{")) {
        if (ISO_PREFIX.matcher(s).find() && s.indexOf('{') > 0) {
          // an S3 export: `<timestamp> <the line>`; Lambda's text format adds the request id and
          // level before it
          s = s.substring(s.indexOf('{'));
        } else {
          other++;
          return;
        }
      }
      ParseResult<Json> parsed = JsonReader.read(s, file, lineNo - 1);
      Json root = parsed.value();
      if (!(root instanceof Json.JObject o)) {
        String why = root == null ? parsed.errors().get(0).message() : "found " + root.typeName();
        warnings.add(
            new Warning(
                file,
                lineNo,
                "malformed line skipped: "
                    + why
                    + " (expected one JSON object per line; the line begins `"
                    + Masking.excerpt(s, EXCERPT)
                    + "`)"));
        return;
      }
      record(o, lineNo);
    }

    private void record(Json.JObject o, int lineNo) {
      if (o.get("events") instanceof Json.JArray) {
        exportEvents(o); // an export page on one line (`jq -c`)
        return;
      }
      Json logger = o.get("logger");
      if (logger == null && o.get("message") instanceof Json.JObject inner) {
        // the line as a structured message of another logging layer
        Json l = inner.get("logger");
        if (l != null) {
          record(inner, lineNo);
          return;
        }
      }
      if (!(logger instanceof Json.JString ls)) {
        other++;
        return;
      }
      if (!ls.value().equals("iamgate.decision")) {
        operational++;
        return;
      }
      try {
        records.add(
            o.get("decision") == null && o.get("outcome") != null
                ? legacy(o, lineNo)
                : decision(o, lineNo));
      } catch (Malformed m) {
        warnings.add(new Warning(file, lineNo, "decision event skipped: " + m.getMessage()));
      }
    }

    /** A line of the agreed schema. */
    private DecisionRecord decision(Json.JObject o, int lineNo) throws Malformed {
      Json.JObject d = requiredObject(o, "decision", "decision");
      Instant time = time(o, d);
      Outcome outcome = outcome(d, "decision.outcome");
      Json.JObject id = object(d, "userIdentity", "decision.userIdentity", false);
      String methodArn = string(d, "methodArn", "decision.methodArn");
      ArnParts arn = ArnParts.of(methodArn);
      String httpMethod = string(d, "httpMethod", "decision.httpMethod");
      String path = string(d, "path", "decision.path");
      return new DecisionRecord(
          file,
          lineNo,
          time,
          outcome,
          string(d, "eventId", "decision.eventId"),
          id == null ? null : string(id, "principal", "decision.userIdentity.principal"),
          id == null ? null : string(id, "type", "decision.userIdentity.type"),
          id == null ? List.of() : strings(id, "groups", "decision.userIdentity.groups"),
          id == null ? null : bool(id, "mfaPresent", "decision.userIdentity.mfaPresent"),
          id == null
              ? null
              : string(id, "authenticationMethod", "decision.userIdentity.authenticationMethod"),
          string(d, "sourceIPAddress", "decision.sourceIPAddress"),
          or(string(d, "apiId", "decision.apiId"), arn.apiId),
          or(string(d, "stage", "decision.stage"), arn.stage),
          string(d, "route", "decision.route"),
          httpMethod != null || path != null ? httpMethod : arn.method,
          httpMethod != null || path != null ? path : arn.path,
          methodArn,
          string(d, "action", "decision.action"),
          string(d, "resource", "decision.resource"),
          string(d, "statement", "decision.statement"),
          string(d, "reason", "decision.reason"),
          string(d, "bundleVersion", "decision.bundleVersion"));
    }

    /** A decision line of the writer before the agreed schema: flat, {@code time} on top. */
    private DecisionRecord legacy(Json.JObject o, int lineNo) throws Malformed {
      Instant time = instant(o, "time", "time");
      if (time == null) {
        throw new Malformed("expected `time`, an ISO-8601 instant, found none");
      }
      String methodArn = string(o, "methodArn", "methodArn");
      ArnParts arn = ArnParts.of(methodArn);
      String principal = string(o, "principal", "principal");
      return new DecisionRecord(
          file,
          lineNo,
          time,
          outcome(o, "outcome"),
          string(o, "decisionId", "decisionId"),
          principal,
          principal == null ? null : principal.startsWith("role/") ? "role" : "user",
          List.of(),
          null,
          null,
          string(o, "sourceIp", "sourceIp"),
          arn.apiId,
          arn.stage,
          null,
          arn.method,
          arn.path,
          methodArn,
          string(o, "action", "action"),
          string(o, "resource", "resource"),
          string(o, "statement", "statement"),
          string(o, "reason", "reason"),
          string(o, "bundleVersion", "bundleVersion"));
    }

    private static Instant time(Json.JObject o, Json.JObject d) throws Malformed {
      Instant t = instant(o, "timestamp", "timestamp");
      if (t == null) {
        t = instant(d, "eventTime", "decision.eventTime");
      }
      if (t == null) {
        throw new Malformed(
            "expected `timestamp`, an ISO-8601 instant such as 2026-11-29T20:16:38.123Z, found"
                + " none");
      }
      return t;
    }

    private static Outcome outcome(Json.JObject o, String name) throws Malformed {
      String text = string(o, name.substring(name.lastIndexOf('.') + 1), name);
      if (text == null) {
        throw new Malformed("expected `" + name + "` (" + Outcome.names() + "), found none");
      }
      Outcome outcome = Outcome.of(text);
      if (outcome == null) {
        throw new Malformed(
            "expected `"
                + name
                + "` to be one of "
                + Outcome.names()
                + ", found `"
                + Masking.excerpt(text, EXCERPT)
                + "`");
      }
      return outcome;
    }

    private static @Nullable Instant instant(Json.JObject o, String member, String name)
        throws Malformed {
      String text = string(o, member, name);
      if (text == null) {
        return null;
      }
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        try {
          return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e2) {
          throw new Malformed(
              "expected `"
                  + name
                  + "` to be an ISO-8601 instant such as 2026-11-29T20:16:38.123Z, found `"
                  + Masking.excerpt(text, EXCERPT)
                  + "`");
        }
      }
    }

    private static Json.JObject requiredObject(Json.JObject o, String member, String name)
        throws Malformed {
      Json.JObject x = object(o, member, name, true);
      if (x == null) {
        throw new Malformed("expected `" + name + "`, an object, found none");
      }
      return x;
    }

    private static Json.@Nullable JObject object(
        Json.JObject o, String member, String name, boolean required) throws Malformed {
      Json j = o.get(member);
      if (j == null) {
        if (required) {
          throw new Malformed("expected `" + name + "`, an object, found none");
        }
        return null;
      }
      if (j instanceof Json.JObject x) {
        return x;
      }
      throw new Malformed("expected `" + name + "` to be an object, found " + j.typeName());
    }

    private static @Nullable String string(Json.JObject o, String member, String name)
        throws Malformed {
      Json j = o.get(member);
      if (j == null) {
        return null;
      }
      if (j instanceof Json.JString s) {
        return s.value();
      }
      throw new Malformed("expected `" + name + "` to be a string, found " + j.typeName());
    }

    private static @Nullable Boolean bool(Json.JObject o, String member, String name)
        throws Malformed {
      Json j = o.get(member);
      if (j == null) {
        return null;
      }
      if (j instanceof Json.JBool b) {
        return b.value();
      }
      throw new Malformed("expected `" + name + "` to be true or false, found " + j.typeName());
    }

    private static List<String> strings(Json.JObject o, String member, String name)
        throws Malformed {
      Json j = o.get(member);
      if (j == null) {
        return List.of();
      }
      if (j instanceof Json.JArray a) {
        List<String> out = new ArrayList<>();
        for (Json item : a.items()) {
          if (!(item instanceof Json.JString s)) {
            throw new Malformed(
                "expected `" + name + "` to hold strings, found " + item.typeName());
          }
          out.add(s.value());
        }
        return out;
      }
      throw new Malformed(
          "expected `" + name + "` to be an array of strings, found " + j.typeName());
    }

    private static @Nullable String or(@Nullable String a, @Nullable String b) {
      return a != null ? a : b;
    }
  }

  /** A line that is a decision event but not a well-formed one; the message says what. */
  private static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * What a method or route ARN says about the request: {@code
   * arn:aws:execute-api:eu-west-1:123:apiId/stage/GET/orders/ord-42} has API {@code apiId}, stage
   * {@code stage}, method {@code GET} and path {@code /orders/ord-42}; a WebSocket's {@code
   * apiId/stage/$connect} has no method and the route key as its path.
   */
  record ArnParts(
      @Nullable String apiId,
      @Nullable String stage,
      @Nullable String method,
      @Nullable String path) {
    static final ArnParts NONE = new ArnParts(null, null, null, null);

    static ArnParts of(@Nullable String methodArn) {
      if (methodArn == null) {
        return NONE;
      }
      String[] colon = methodArn.split(":", 6);
      if (colon.length < 6 || !colon[0].equals("arn")) {
        return NONE;
      }
      String[] parts = colon[5].split("/", -1);
      if (parts.length < 3) {
        return new ArnParts(parts[0], parts.length > 1 ? parts[1] : null, null, null);
      }
      String rest = String.join("/", java.util.Arrays.asList(parts).subList(3, parts.length));
      if (HTTP_METHODS.contains(parts[2])) {
        return new ArnParts(parts[0], parts[1], parts[2], "/" + rest);
      }
      return new ArnParts(parts[0], parts[1], null, parts[2] + (rest.isEmpty() ? "" : "/" + rest));
    }
  }
}
