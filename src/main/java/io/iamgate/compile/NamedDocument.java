package io.iamgate.compile;

import io.iamgate.policy.PolicyDocument;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A policy document with the name it is known by, for explanations.
 *
 * @param name a managed policy name, a file name or a role name; {@code null} when anonymous (then
 *     the document is reported by its index)
 * @param document the document
 */
public record NamedDocument(@Nullable String name, PolicyDocument document) {
  public NamedDocument {
    Objects.requireNonNull(document, "document");
  }
}
