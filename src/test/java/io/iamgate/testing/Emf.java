package io.iamgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a CloudWatch Embedded Metric Format document against the EMF specification: its structure
 * against {@code src/test/resources/emf/emf-document.schema.json}, and in code what a schema cannot
 * say: every dimension key names a root member with a string value, every metric name a root member
 * with a number (or an array of at most 100 numbers), no metric is declared twice, and the document
 * fits a log event (256 KB).
 */
public final class Emf {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchema SCHEMA = schema();

  private Emf() {}

  private static JsonSchema schema() {
    try (InputStream in =
        Files.newInputStream(Path.of("src/test/resources/emf/emf-document.schema.json"))) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether a log line is an EMF document (a JSON object with {@code _aws}). */
  public static boolean isDocument(String line) {
    return line.startsWith("{\"_aws\":");
  }

  /** What is wrong with {@code line} as an EMF document; empty when it is valid. */
  public static List<String> problems(String line) {
    List<String> out = new ArrayList<>();
    if (line.getBytes(StandardCharsets.UTF_8).length > 256 * 1024) {
      out.add("larger than 256 KB");
    }
    JsonNode doc;
    try {
      doc = JSON.readTree(line);
    } catch (IOException e) {
      out.add("not JSON: " + e.getMessage());
      return out;
    }
    for (ValidationMessage m : SCHEMA.validate(doc)) {
      out.add(m.getMessage());
    }
    if (!out.isEmpty()) {
      return out;
    }
    Set<String> metrics = new HashSet<>();
    for (JsonNode directive : doc.path("_aws").path("CloudWatchMetrics")) {
      for (JsonNode set : directive.path("Dimensions")) {
        for (JsonNode key : set) {
          JsonNode target = doc.get(key.asText());
          if (target == null || !target.isTextual()) {
            out.add("dimension `" + key.asText() + "` has no string member on the root node");
          }
        }
      }
      for (JsonNode metric : directive.path("Metrics")) {
        String name = metric.path("Name").asText();
        if (!metrics.add(name)) {
          out.add("metric `" + name + "` is declared twice");
        }
        JsonNode target = doc.get(name);
        boolean numbers =
            target != null
                && (target.isNumber()
                    || (target.isArray()
                        && target.size() <= 100
                        && java.util.stream.StreamSupport.stream(target.spliterator(), false)
                            .allMatch(JsonNode::isNumber)));
        if (!numbers) {
          out.add("metric `" + name + "` has no numeric member on the root node");
        }
      }
    }
    return out;
  }
}
