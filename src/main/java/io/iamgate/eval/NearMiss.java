package io.iamgate.eval;

import io.iamgate.compile.StatementRef;
import java.util.Objects;

/**
 * Why an Allow statement whose action matched did not apply, for "why not" explanations of an
 * implicit deny. Computed only by {@link Evaluator#explain}, never on the hot path.
 *
 * @param statement the statement that almost applied
 * @param kind whether its resource clause or one of its conditions failed
 * @param detail what failed, e.g. {@code resource arn:app:orders:eu:1:invoice/7 does not match
 *     arn:app:orders:*:*:order/*} or {@code condition IpAddress aws:SourceIp: request 198.51.100.7,
 *     policy 10.0.0.0/8}
 */
public record NearMiss(StatementRef statement, Kind kind, String detail) {
  /** What kept the statement from applying. */
  public enum Kind {
    /** The resource clause did not match the request's resource. */
    RESOURCE,
    /** The resource matched, but a condition did not hold. */
    CONDITION
  }

  public NearMiss {
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  /** {@code identity[P]/Statement/0 (Sid S): action matches, resource ... does not match ...}. */
  @Override
  public String toString() {
    return statement + ": action matches, " + detail;
  }
}
