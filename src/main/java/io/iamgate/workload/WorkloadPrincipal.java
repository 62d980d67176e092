package io.iamgate.workload;

import java.util.List;
import java.util.Objects;

/**
 * One principal (user) of the workload, as in {@code iam/principals.json}.
 *
 * @param roles the names of the roles it holds, one to three, sorted ({@code "role-0030"})
 * @param team its {@code aws:PrincipalTag/team} value ({@code "billing"})
 */
public record WorkloadPrincipal(List<String> roles, String team) {
  /**
   * Copies the role list.
   *
   * @param roles the role names
   * @param team the team tag
   */
  public WorkloadPrincipal {
    roles = List.copyOf(roles);
    Objects.requireNonNull(team, "team");
  }
}
