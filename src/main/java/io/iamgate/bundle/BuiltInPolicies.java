package io.iamgate.bundle;

import io.iamgate.policy.Clause;
import io.iamgate.policy.Effect;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.PolicyVersion;
import io.iamgate.policy.Statement;
import io.iamgate.policy.parse.PolicyPrinter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The managed policies every bundle has, in the spirit of AWS's: {@code AdministratorAccess} allows
 * everything; {@code ReadOnlyAccess} allows the {@code Get*}, {@code List*} and {@code Describe*}
 * actions of every service the bundle names (in its routes and policies), since a wildcard service
 * prefix ({@code *:Get*}) is not valid IAM.
 */
final class BuiltInPolicies {
  static final String ADMIN = "AdministratorAccess";
  static final String READ_ONLY = "ReadOnlyAccess";
  static final Set<String> NAMES = Set.of(ADMIN, READ_ONLY);

  private BuiltInPolicies() {}

  static List<Bundle.ManagedPolicy> all(Collection<String> services) {
    PolicyDocument admin =
        new PolicyDocument(
            PolicyVersion.V2012_10_17,
            null,
            List.of(
                new Statement(
                    "AllowEverything", Effect.ALLOW, Clause.of("*"), Clause.of("*"), List.of())));
    List<String> read = new ArrayList<>();
    for (String svc : services) {
      read.add(svc + ":Get*");
      read.add(svc + ":List*");
      read.add(svc + ":Describe*");
    }
    Statement readStatement =
        read.isEmpty()
            // no service is known: a valid statement that grants nothing
            ? new Statement("ReadOnly", Effect.ALLOW, Clause.not("*"), Clause.of("*"), List.of())
            : new Statement(
                "ReadOnly", Effect.ALLOW, new Clause(false, read), Clause.of("*"), List.of());
    PolicyDocument readOnly =
        new PolicyDocument(PolicyVersion.V2012_10_17, null, List.of(readStatement));
    return List.of(managed(ADMIN, admin), managed(READ_ONLY, readOnly));
  }

  private static Bundle.ManagedPolicy managed(String name, PolicyDocument doc) {
    return new Bundle.ManagedPolicy(
        new Bundle.Policy(name, doc, Canonical.sha256(PolicyPrinter.print(doc))), true);
  }
}
