package io.iamgate.authorizer;

import io.iamgate.audit.JsonLines;
import java.util.Map;

/**
 * The settings of the decision trail, from environment variables.
 *
 * @param allowSampleRate {@code IAMGATE_LOG_ALLOW_SAMPLE_RATE}: the share of allows that get a
 *     decision line, 0 to 1 (default 1: every allow); denials and errors are always logged
 * @param lambdaLevel the lowest level Lambda keeps, from {@code AWS_LAMBDA_LOG_LEVEL} (the
 *     function's {@code ApplicationLogLevel}): allow lines are not written when it is above {@code
 *     INFO} (Lambda would drop them)
 */
public record TrailSettings(double allowSampleRate, JsonLines.Level lambdaLevel) {

  /** Every allow logged, Lambda keeping everything. */
  public static final TrailSettings DEFAULT = new TrailSettings(1.0, JsonLines.Level.INFO);

  /**
   * Reads the settings; a malformed value throws {@link IllegalArgumentException} naming the
   * variable.
   */
  public static TrailSettings from(Map<String, String> env) {
    return new TrailSettings(
        allowSampleRate(env), JsonLines.Level.atLeast(env.get(LAMBDA_LOG_LEVEL)));
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
}
