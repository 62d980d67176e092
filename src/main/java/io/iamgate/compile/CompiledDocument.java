package io.iamgate.compile;

import io.iamgate.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One compiled policy document. A compiled document does not know where it is used (identity
 * policy, boundary or guardrail, or at which position), so one compiled managed policy can be
 * shared by every principal it is attached to. Immutable and thread-safe.
 */
public final class CompiledDocument {
  private final @Nullable String name;
  private final PolicyDocument source;
  private final List<CompiledStatement> statements;

  private CompiledDocument(NamedDocument named) {
    this.name = named.name();
    this.source = named.document();
    boolean variables = source.version().supportsVariables();
    List<CompiledStatement> out = new ArrayList<>();
    for (int i = 0; i < source.statements().size(); i++) {
      out.add(new CompiledStatement(this, i, source.statements().get(i), variables));
    }
    this.statements = List.copyOf(out);
  }

  /**
   * Compiles a validated document.
   *
   * @throws IllegalArgumentException when the document did not pass validation
   */
  public static CompiledDocument compile(NamedDocument document) {
    return new CompiledDocument(document);
  }

  /** The document's name, or {@code null} when anonymous. */
  public @Nullable String name() {
    return name;
  }

  public PolicyDocument source() {
    return source;
  }

  public List<CompiledStatement> statements() {
    return statements;
  }
}
