package io.iamgate.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Output that a log's text cannot forge: every control character but line feed and tab, and every
 * invisible formatting character (bidirectional overrides, line and paragraph separators), is
 * written as a Unicode escape (a backslash, {@code u} and four hex digits). The commands that print
 * what a decision log holds (a caller's path, a tampered file) write through it, so a value can
 * neither start a fake row nor hide the rest of one behind a terminal escape. Inside JSON strings
 * the escape means the same character, so JSON output stays valid and equal.
 */
final class TerminalText extends FilterWriter {
  private TerminalText(Writer out) {
    super(out);
  }

  /** A writer that escapes as described, writing through to {@code out} at once. */
  static PrintWriter wrap(PrintWriter out) {
    return new PrintWriter(new TerminalText(out), true);
  }

  /**
   * One value for a line of text output: as the writer escapes, and line feeds and tabs too, so a
   * value from a log (a caller's path) stays in its row and column.
   */
  static String escape(String value) {
    StringBuilder out = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (unsafe(c) || c == '\n' || c == '\t') {
        if (out == null) {
          out = new StringBuilder(value.length() + 8).append(value, 0, i);
        }
        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? value : out.toString();
  }

  /** Whether {@code c} is written escaped. */
  static boolean unsafe(int c) {
    if (c == '\n' || c == '\t') {
      return false;
    }
    if (Character.isISOControl(c)) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  @Override
  public void write(int c) throws IOException {
    if (unsafe(c)) {
      out.write(String.format(java.util.Locale.ROOT, "\\u%04x", c));
    } else {
      out.write(c);
    }
  }

  @Override
  public void write(char[] buf, int off, int len) throws IOException {
    int start = off;
    for (int i = off; i < off + len; i++) {
      if (unsafe(buf[i])) {
        out.write(buf, start, i - start);
        write(buf[i]);
        start = i + 1;
      }
    }
    out.write(buf, start, off + len - start);
  }

  @Override
  public void write(String s, int off, int len) throws IOException {
    write(s.toCharArray(), off, len);
  }
}
