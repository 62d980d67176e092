package io.iamgate.audit;

import org.jspecify.annotations.Nullable;

/**
 * The metrics of one invocation, written by {@link JsonLines#metricsLine} as one CloudWatch
 * Embedded Metric Format document (docs/decision-events.md, "Metrics"): one {@code Decisions} count
 * with an {@code Outcome} dimension, and the invocation's latency, token cache use, bundle reloads
 * and age, and cold start.
 *
 * @param namespace the CloudWatch namespace ({@code IAMGATE_METRICS_NAMESPACE}, default {@code
 *     iamgate})
 * @param level the level the document is logged at: the function's application log level when it is
 *     above {@code INFO}, so that Lambda's log-level filtering never drops metrics
 * @param apiId the API id (a dimension), or {@code null} when the event could not be read
 * @param stage the stage (a dimension), or {@code null} when the event could not be read
 * @param outcome the decision's outcome (the {@code Outcome} dimension of {@code Decisions})
 * @param latencyMicros {@code DecisionLatency}, in microseconds
 * @param tokenCacheHit {@code TokenCacheHits} 1 or {@code TokenCacheMisses} 1 for a verified token;
 *     {@code null} (neither written) when no token was verified
 * @param bundleReloads {@code BundleReloads}: bundles swapped in since the last document
 * @param bundleReloadFailures {@code BundleReloadFailures}: fetches or validations that failed
 *     since the last document
 * @param bundleAgeSeconds {@code BundleAgeSeconds}: how long ago the bundle in use was loaded, or
 *     -1 (not written) when none is loaded
 * @param coldStart {@code ColdStart}: 1 for the environment's first invocation, else 0
 */
public record Metrics(
    String namespace,
    JsonLines.Level level,
    @Nullable String apiId,
    @Nullable String stage,
    String outcome,
    long latencyMicros,
    @Nullable Boolean tokenCacheHit,
    long bundleReloads,
    long bundleReloadFailures,
    long bundleAgeSeconds,
    boolean coldStart) {

  /** The default namespace. */
  public static final String DEFAULT_NAMESPACE = "iamgate";

  /** The dimension of {@code Decisions} that names the outcome. */
  public static final String OUTCOME_DIMENSION = "Outcome";
}
