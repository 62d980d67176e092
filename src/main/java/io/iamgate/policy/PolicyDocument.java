package io.iamgate.policy;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One IAM policy document.
 *
 * @param version the {@code Version} member
 * @param id the {@code Id} member, or {@code null}; never used by evaluation
 * @param statements at least one statement, in document order
 */
public record PolicyDocument(
    PolicyVersion version, @Nullable String id, List<Statement> statements) {
  public PolicyDocument {
    Objects.requireNonNull(version, "version");
    statements = List.copyOf(statements);
    if (statements.isEmpty()) {
      throw new IllegalArgumentException("a policy document has at least one statement");
    }
  }
}
