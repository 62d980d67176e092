package io.iamgate.compile;

import io.iamgate.policy.PolicyDocument;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns validated documents into compiled groups. The documents must have passed the parser's
 * validation; compiling an invalid document is a programming error and throws {@link
 * IllegalArgumentException}.
 */
public final class PolicyCompiler {
  private PolicyCompiler() {}

  /** Compiles one group of documents. */
  public static CompiledPolicies compile(PolicyType source, List<NamedDocument> documents) {
    return group(source, documents.stream().map(CompiledDocument::compile).toList());
  }

  /**
   * Builds a group from documents compiled before, e.g. managed policies shared between principals.
   * Only the action index is built; no statement is compiled again.
   */
  public static CompiledPolicies group(PolicyType source, List<CompiledDocument> documents) {
    return new CompiledPolicies(source, documents);
  }

  /** Compiles anonymous documents (reported by index). */
  public static CompiledPolicies compileDocuments(
      PolicyType source, List<PolicyDocument> documents) {
    return compile(source, documents.stream().map(d -> new NamedDocument(null, d)).toList());
  }

  /**
   * Compiles a whole set.
   *
   * @param boundary the boundary document, or {@code null}
   * @param guardrails the guardrail documents, or {@code null} when there is no guardrail level
   */
  public static CompiledPolicySet compileSet(
      List<NamedDocument> identity,
      @Nullable NamedDocument boundary,
      @Nullable List<NamedDocument> guardrails) {
    return new CompiledPolicySet(
        compile(PolicyType.IDENTITY, identity),
        boundary == null ? null : compile(PolicyType.BOUNDARY, List.of(boundary)),
        guardrails == null ? null : compile(PolicyType.GUARDRAIL, guardrails));
  }
}
