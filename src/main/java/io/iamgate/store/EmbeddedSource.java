package io.iamgate.store;

import io.iamgate.bundle.BundleFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** The sample bundle shipped in the jar, used when no source is configured. */
public final class EmbeddedSource implements BundleSource {
  static final String RESOURCE = "/iamgate/sample-bundle.json";

  @Override
  public String description() {
    return "embedded sample bundle (classpath:" + RESOURCE + ")";
  }

  @Override
  public @Nullable Fetched fetch(@Nullable String previousTag) throws SourceException {
    if ("embedded".equals(previousTag)) {
      return null;
    }
    try (InputStream in = EmbeddedSource.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new SourceException("the jar holds no " + RESOURCE);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new Fetched(BundleFiles.single(description(), "sample-bundle.json", text), "embedded");
    } catch (IOException e) {
      throw new SourceException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }
}
