package io.iamgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleFiles;
import io.iamgate.bundle.BundleReader;
import io.iamgate.json.Json;
import io.iamgate.json.JsonReader;
import io.iamgate.json.JsonWriter;
import io.iamgate.json.ParseResult;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The embedded sample bundle is authored in {@code sample-bundle.yaml} (with comments) and shipped
 * as {@code sample-bundle.json}, which the authorizer reads without loading a YAML parser. This
 * test keeps the two the same bundle. After editing the YAML, regenerate the JSON with {@code mvn
 * -q test -Dtest=SampleBundleTest -Diamgate.regenerate=true}.
 */
class SampleBundleTest {
  private static final Path YAML = Path.of("src/main/resources/iamgate/sample-bundle.yaml");
  private static final Path JSON = Path.of("src/main/resources/iamgate/sample-bundle.json");

  @Test
  void theJsonSampleIsTheYamlSample() throws IOException {
    String yaml = Files.readString(YAML);
    String expected = prettyJson(yaml);
    if (Boolean.getBoolean("iamgate.regenerate")) {
      Files.writeString(JSON, expected);
    }
    assertEquals(
        expected,
        Files.readString(JSON),
        JSON
            + " is stale: regenerate it with `mvn -q test -Dtest=SampleBundleTest -Diamgate.regenerate=true`");
    ParseResult<Bundle> fromYaml =
        BundleReader.read(BundleFiles.single("yaml", "sample-bundle.yaml", yaml));
    ParseResult<Bundle> fromJson =
        BundleReader.read(BundleFiles.single("json", "sample-bundle.json", expected));
    assertTrue(fromJson.ok(), fromJson.diagnostics().toString());
    assertEquals(
        fromYaml.value().version(),
        fromJson.value().version(),
        "same canonical content, same version");
  }

  @Test
  void theEmbeddedSourceServesTheJson() throws Exception {
    BundleSource.Fetched f = new EmbeddedSource().fetch(null);
    assertEquals("sample-bundle.json", f.files().files().get(0).path());
    assertEquals(Files.readString(JSON), f.files().files().get(0).text());
  }

  /** The YAML document as JSON, members in document order, two-space indented. */
  private static String prettyJson(String yaml) throws IOException {
    ParseResult<Json> tree = JsonReader.read(new YAMLFactory(), yaml, YAML.toString(), 0);
    assertTrue(tree.ok(), tree.diagnostics().toString());
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      DefaultIndenter indent = new DefaultIndenter("  ", "\n");
      g.setPrettyPrinter(
          new DefaultPrettyPrinter(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                      .withArrayEmptySeparator("")
                      .withObjectEmptySeparator(""))
              .withObjectIndenter(indent)
              .withArrayIndenter(indent));
      JsonWriter.tree(g, tree.value(), false);
    }
    return out + "\n";
  }
}
