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
    for (String part : header.split(";")) {
      String p = part.trim();
      if (p.startsWith("Root=")) {
        String id = p.substring(5);
        return id.matches("[0-9A-Za-z-]{1,64}") ? id : null;
      }
    }
    return null;
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
