package io.iamgate.cli;

import io.iamgate.trail.DecisionRecord;
import io.iamgate.trail.TrailReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reading decision logs for {@code logs}, {@code generate-policy} and {@code unused}: every file
 * read whole or named in an error; malformed lines are warnings on standard error, at most {@value
 * #SHOWN} per file.
 */
final class TrailFiles {
  /** The most warnings printed per file; the rest are counted. */
  static final int SHOWN = 10;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private TrailFiles() {}

  /**
   * The decision events of every file, sorted by time (file order among equal times).
   *
   * @param operational operational records skipped
   * @param other other lines skipped
   * @param malformed malformed lines skipped
   */
  record Loaded(List<DecisionRecord> records, int operational, int other, int malformed) {}

  /**
   * Reads {@code names} ({@code -} is standard input, once). Prints each malformed line as a
   * warning; returns {@code null} after printing an error for every file that cannot be read or
   * holds no decision event at all.
   */
  static @Nullable Loaded load(List<String> names, InputStream stdin, PrintWriter err) {
    List<DecisionRecord> records = new ArrayList<>();
    int operational = 0;
    int other = 0;
    int malformed = 0;
    boolean failed = false;
    boolean stdinRead = false;
    for (String name : names) {
      String shown = Inputs.displayName(name);
      if (name.equals("-")) {
        if (stdinRead) {
          continue;
        }
        stdinRead = true;
      }
      TrailReader.FileResult r;
      try (InputStream in = Inputs.open(name, stdin)) {
        r = TrailReader.read(shown, in);
      } catch (Inputs.InputException e) {
        err.println("iamgate: " + e.getMessage());
        failed = true;
        continue;
      } catch (TrailReader.UnreadableException e) {
        err.println(
            "iamgate: "
                + Inputs.cannotRead(
                    name, Objects.requireNonNullElse(e.getMessage(), "unreadable")));
        failed = true;
        continue;
      } catch (IOException e) {
        err.println("iamgate: " + Inputs.cannotRead(name, Inputs.describe(e)));
        failed = true;
        continue;
      }
      List<TrailReader.Warning> warnings = r.warnings();
      for (int i = 0; i < Math.min(SHOWN, warnings.size()); i++) {
        err.println("iamgate: warning: " + warnings.get(i).format());
      }
      if (warnings.size() > SHOWN) {
        err.println(
            "iamgate: warning: "
                + shown
                + ": "
                + Plural.count(warnings.size() - SHOWN, "more malformed line")
                + " skipped");
      }
      if (r.records().isEmpty()) {
        err.println(
            "iamgate: "
                + (name.equals("-") ? shown : "`" + shown + "`")
                + " holds no decision event (no `iamgate.decision` line; skipped "
                + skipped(r.operational(), r.other(), warnings.size())
                + ") (hint: the authorizer writes them to its log;"
                + " `iamgate invoke --log EVENT... 2> decisions.log` writes them locally)");
        failed = true;
        continue;
      }
      records.addAll(r.records());
      operational += r.operational();
      other += r.other();
      malformed += warnings.size();
    }
    if (failed) {
      return null;
    }
    records.sort(Comparator.comparing(DecisionRecord::time));
    return new Loaded(records, operational, other, malformed);
  }

  /** "3 operational records, 1 other line and 0 malformed lines". */
  static String skipped(int operational, int other, int malformed) {
    return Plural.count(operational, "operational record")
        + ", "
        + Plural.count(other, "other line")
        + " and "
        + Plural.count(malformed, "malformed line");
  }

  /** An instant with milliseconds, always in the same width: {@code 2026-11-29T20:19:03.120Z}. */
  static String time(Instant t) {
    return TIME.format(t);
  }
}
