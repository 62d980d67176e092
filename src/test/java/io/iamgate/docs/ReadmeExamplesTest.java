package io.iamgate.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleFiles;
import io.iamgate.bundle.BundleReader;
import io.iamgate.policy.parse.ParseResult;
import io.iamgate.policy.parse.PolicyParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The examples in README.md are real: the bundle example loads and the policy example validates.
 */
class ReadmeExamplesTest {
  private static String block(String readme, String heading, String fence) {
    int h = readme.indexOf(heading);
    int start = readme.indexOf(fence, h) + fence.length();
    return readme.substring(start, readme.indexOf("```", start));
  }

  @Test
  void theBundleExampleIsValid() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String yaml = block(readme, "## Policy bundles", "```yaml\n");
    ParseResult<Bundle> r = BundleReader.read(BundleFiles.single("README.md", "bundle.yaml", yaml));
    assertTrue(r.ok(), r.diagnostics().toString());
    assertTrue(r.value().roles().containsKey("FulfilmentService"));
  }

  @Test
  void thePolicyExampleIsValid() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String json = block(readme, "## The policy language in brief", "```json\n");
    assertTrue(PolicyParser.parse(json, "README.md").ok());
  }
}
