package io.iamgate.authorizer;

import io.iamgate.audit.JsonLines;
import io.iamgate.audit.Metrics;
import java.util.Map;

/**
 * The settings of the decision trail and its metrics, from environment variables.
 *
 * @param allowSampleRate {@code IAMGATE_LOG_ALLOW_SAMPLE_RATE}: the share of allows that get a
 *     decision line, 0 to 1 (default 1: every allow); denials and errors are always logged
 * @param namespace {@code IAMGATE_METRICS_NAMESPACE}: the CloudWatch namespace of the metrics
 *     (default {@code iamgate})
 * @param lambdaLevel the lowest level Lambda keeps, from {@code AWS_LAMBDA_LOG_LEVEL} (the
 *     function's {@code ApplicationLogLevel}): allow lines are not written when it is above {@code
 *     INFO} (Lambda would drop them), and the metrics document is written at this level so that it
 *     is never dropped
 */
public record TrailSettings(double allowSampleRate, String namespace, JsonLines.Level lambdaLevel) {

  /** Every allow logged, the default namespace, Lambda keeping everything. */
  public static final TrailSettings DEFAULT =
      new TrailSettings(1.0, Metrics.DEFAULT_NAMESPACE, JsonLines.Level.INFO);

  /**
   * Reads the settings; a malformed value throws {@link IllegalArgumentException} naming the
   * variable.
   */
  public static TrailSettings from(Map<String, String> env) {
    return new TrailSettings(
        allowSampleRate(env), namespace(env), JsonLines.Level.atLeast(env.get(LAMBDA_LOG_LEVEL)));
  }

  /** The variable Lambda sets to the function's application log level. */
  public static final String LAMBDA_LOG_LEVEL = "AWS_LAMBDA_LOG_LEVEL";

  private static double allowSampleRate(Map<String, String> env) {
    String text = env.getOrDefault("IAMGATE_LOG_ALLOW_SAMPLE_RATE", "").trim();
    if (text.isEmpty()) {
      return 1.0;
    }
    double rate;
    try {
      rate = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      rate = Double.NaN;
    }
    if (!(rate >= 0 && rate <= 1) || !text.matches("[0-9.]+")) {
      throw new IllegalArgumentException(
          "IAMGATE_LOG_ALLOW_SAMPLE_RATE `"
              + text
              + "`: expected a number from 0 (no allow is logged) to 1 (every allow is logged)");
    }
    return rate;
  }

  /**
   * The namespace of {@code IAMGATE_METRICS_NAMESPACE}: 1 to 255 characters of letters, digits and
   * {@code . - _ / # :}, not starting with {@code :} and not {@code AWS/...} (CloudWatch's rules
   * for custom namespaces).
   */
  static String namespace(Map<String, String> env) {
    String ns = env.getOrDefault("IAMGATE_METRICS_NAMESPACE", "").trim();
    if (ns.isEmpty()) {
      return Metrics.DEFAULT_NAMESPACE;
    }
    if (ns.length() > 255
        || !ns.matches("[0-9A-Za-z.\\-_/#:]+")
        || ns.startsWith(":")
        || ns.startsWith("AWS/")) {
      throw new IllegalArgumentException(
          "IAMGATE_METRICS_NAMESPACE `"
              + ns
              + "`: expected 1 to 255 letters, digits or . - _ / # : (not starting with `:` or"
              + " `AWS/`)");
    }
    return ns;
  }

  /**
   * The namespace to count errors in when the settings cannot be read: the configured one if valid.
   */
  static String namespaceOrDefault(Map<String, String> env) {
    try {
      return namespace(env);
    } catch (IllegalArgumentException e) {
      return Metrics.DEFAULT_NAMESPACE;
    }
  }
}
