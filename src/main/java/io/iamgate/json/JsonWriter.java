package io.iamgate.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one place iamgate writes JSON: every output (CLI lines, transcripts, authorizer responses,
 * log lines, canonical bundle text) goes through a {@link JsonGenerator} made here, in one of three
 * {@link Style styles}. Callers describe the document with the generator's calls inside a {@link
 * Body}; this class owns the factory, the pretty printer and the I/O error handling, and writes
 * {@link Json} trees in document order or canonically.
 *
 * <p>Thread-safe: the factory is shared, each call makes its own generator.
 */
public final class JsonWriter {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonWriter() {}

  /** How a document is laid out. */
  public enum Style {
    /** One line, no white space: responses, log lines, JSON Lines output. */
    COMPACT,
    /** Two-space indentation (Jackson's default pretty printer): documents for people. */
    PRETTY,
    /**
     * One line, no white space, and {@link #tree tree} members sorted by name: the text a content
     * hash is taken of.
     */
    CANONICAL
  }

  /** Writes one document through a generator. */
  @FunctionalInterface
  public interface Body {
    /**
     * Writes the document.
     *
     * @throws IOException only from the generator
     */
    void write(JsonGenerator g) throws IOException;
  }

  /**
   * The text of one document.
   *
   * @throws UncheckedIOException never in practice: the target is an in-memory buffer
   */
  public static String toText(Style style, Body body) {
    // Jackson's own text buffer, from the factory's recycled buffers (a StringWriter is a
    // synchronized StringBuffer that copies on every growth): the decision log writes one
    // document per request through here
    SegmentedStringWriter w = new SegmentedStringWriter(FACTORY._getBufferRecycler());
    try {
      try (JsonGenerator g = FACTORY.createGenerator(w)) {
        configure(g, style);
        body.write(g);
      }
      return w.getAndClear();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes one document to a stream as UTF-8, leaving the stream open.
   *
   * @throws IOException when the stream fails
   */
  public static void write(Style style, OutputStream out, Body body) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      configure(g, style);
      body.write(g);
    }
  }

  private static void configure(JsonGenerator g, Style style) {
    if (style == Style.PRETTY) {
      g.useDefaultPrettyPrinter();
    }
  }

  /**
   * The text of a tree: members in document order for {@link Style#COMPACT} and {@link
   * Style#PRETTY}, sorted by name (UTF-16 order) for {@link Style#CANONICAL}.
   */
  public static String tree(Style style, Json j) {
    return toText(style, g -> tree(g, j, style == Style.CANONICAL));
  }

  /**
   * Writes a tree through {@code g}, its members sorted by name when {@code sorted}, else in
   * document order. {@code null} writes {@code null}.
   *
   * @throws IOException only from the generator
   */
  public static void tree(JsonGenerator g, @Nullable Json j, boolean sorted) throws IOException {
    if (j instanceof Json.JObject o) {
      g.writeStartObject();
      List<Json.Member> members = o.members();
      if (sorted) {
        members = new ArrayList<>(members);
        members.sort(Comparator.comparing(Json.Member::name));
      }
      for (Json.Member m : members) {
        g.writeFieldName(m.name());
        tree(g, m.value(), sorted);
      }
      g.writeEndObject();
    } else if (j instanceof Json.JArray a) {
      g.writeStartArray();
      for (Json item : a.items()) {
        tree(g, item, sorted);
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
   * Writes {@code name: value} when {@code value} is not {@code null}, and nothing otherwise: the
   * shape of optional members in every iamgate output.
   *
   * @throws IOException only from the generator
   */
  public static void optional(JsonGenerator g, String name, @Nullable String value)
      throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }
}
