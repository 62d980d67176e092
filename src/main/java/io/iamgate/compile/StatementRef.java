package io.iamgate.compile;

import org.jspecify.annotations.Nullable;

/**
 * Identifies one statement in an evaluation, for explanations and decision logs.
 *
 * @param source identity policy, boundary or guardrail
 * @param documentIndex the document's index within its source
 * @param documentName the document's name, or {@code null}
 * @param statementIndex the statement's index within its document
 * @param sid the statement's {@code Sid}, or {@code null}
 */
public record StatementRef(
    PolicyType source,
    int documentIndex,
    @Nullable String documentName,
    int statementIndex,
    @Nullable String sid) {

  /** A compact human-readable form: {@code identity[orders-admin]/Statement/2 (Sid AllowAll)}. */
  @Override
  public String toString() {
    String doc = documentName != null ? documentName : String.valueOf(documentIndex);
    String s = source.label() + "[" + doc + "]/Statement/" + statementIndex;
    return sid == null || sid.isEmpty() ? s : s + " (Sid " + sid + ")";
  }
}
