package io.iamgate.bundle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.iamgate.json.Json;
import io.iamgate.json.JsonReader;
import io.iamgate.json.ParseResult;
import org.jspecify.annotations.Nullable;

/**
 * The text of one bundle file as a positioned {@link Json} tree: JSON when its name ends in {@code
 * .json}, YAML otherwise (docs/bundle-format.md, "Files"). Thread-safe.
 */
final class BundleText {
  /** Created on first use: a JSON bundle never loads the YAML parser (~50 ms of a cold start). */
  private static final class Yaml {
    static final JsonFactory FACTORY = new YAMLFactory();
  }

  private BundleText() {}

  /**
   * Reads {@code f}, reporting syntax errors in {@code file}: {@code json-syntax} for JSON (with
   * the JSON reader's limits), {@code yaml-syntax} for YAML.
   */
  static ParseResult<Json> read(BundleFiles.File f, @Nullable String file) {
    if (f.path().endsWith(".json")) {
      return JsonReader.read(f.text(), file, 0);
    }
    return JsonReader.read(Yaml.FACTORY, f.text(), file, 0);
  }
}
