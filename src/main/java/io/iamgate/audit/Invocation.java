package io.iamgate.audit;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Lambda invocation a decision line belongs to, as Powertools for AWS Lambda's logger records
 * it: the function, the request id, the X-Ray trace and whether this was the environment's first
 * invocation. Every member is optional but {@code coldStart}: outside Lambda ({@code iamgate
 * invoke}) they are absent.
 *
 * @param functionName {@code Context.getFunctionName()} or {@code AWS_LAMBDA_FUNCTION_NAME}
 * @param functionVersion {@code Context.getFunctionVersion()}
 * @param requestId {@code Context.getAwsRequestId()}
 * @param memorySizeMb {@code Context.getMemoryLimitInMB()}; 0 when unknown
 * @param xrayTraceId the X-Ray trace id (the {@code Root} of the trace header), or {@code null}
 * @param coldStart whether this is the first invocation after the environment's init or a SnapStart
 *     restore
 */
public record Invocation(
    @Nullable String functionName,
    @Nullable String functionVersion,
    @Nullable String requestId,
    int memorySizeMb,
    @Nullable String xrayTraceId,
    boolean coldStart) {

  /** An invocation outside Lambda, not the first. */
  public static final Invocation NONE = new Invocation(null, null, null, 0, null, false);

  /**
   * The trace id of an X-Ray trace header ({@code Root=1-5759e988-bd862e3fe1be46a994272793;
   * Parent=...;Sampled=1} → {@code 1-5759e988-bd862e3fe1be46a994272793}), as Powertools logs it;
   * {@code null} for a header without a well-formed {@code Root}.
   */
  public static @Nullable String traceId(@Nullable String header) {
    if (header == null) {
      return null;
    }
    String id = null;
    int at = header.startsWith("Root=") ? 0 : header.indexOf(";Root=") + 1;
    if (at > 0 || header.startsWith("Root=")) {
      int start = at + 5;
      int end = header.indexOf(';', start);
      String root = header.substring(start, end < 0 ? header.length() : end).trim();
      id = wellFormed(root) ? root : null;
    }
    return id;
  }

  private static boolean wellFormed(String id) {
    if (id.isEmpty() || id.length() > 64) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(c == '-'
          || (c >= '0' && c <= '9')
          || (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The trace id of the current invocation: the Java runtime sets the system property {@code
   * com.amazonaws.xray.traceHeader} per invocation; {@code _X_AMZN_TRACE_ID} is the fallback.
   */
  public static @Nullable String currentTraceId(Map<String, String> env) {
    String header = System.getProperty("com.amazonaws.xray.traceHeader");
    return traceId(header != null ? header : env.get("_X_AMZN_TRACE_ID"));
  }
}
