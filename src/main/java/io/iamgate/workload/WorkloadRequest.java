package io.iamgate.workload;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request of the workload, as one line of {@code iam/requests.jsonl}.
 *
 * @param id the request id, {@code "q000000"} upwards in stream order
 * @param principal the principal's name, {@code "user-00001"}
 * @param roles the principal's roles, whose documents are its identity policies
 * @param action the action, {@code "orders:ListOrderItems"}
 * @param resource the resource ARN, {@code "arn:app:orders:us-east-1:123456789012:order/ord-00393"}
 * @param context the condition keys in the script's order ({@code aws:SourceIp}, {@code
 *     aws:MultiFactorAuthPresent}, {@code aws:PrincipalTag/team}) to their string values;
 *     unmodifiable, iteration in that order
 */
public record WorkloadRequest(
    String id,
    String principal,
    List<String> roles,
    String action,
    String resource,
    Map<String, String> context) {
  /**
   * Copies the roles and the context, keeping the context's order.
   *
   * @param id the request id
   * @param principal the principal's name
   * @param roles the principal's roles
   * @param action the action
   * @param resource the resource ARN
   * @param context the condition keys to their values
   */
  public WorkloadRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(principal, "principal");
    roles = List.copyOf(roles);
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resource, "resource");
    context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
  }
}
