package io.iamgate.store;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.RouteTable;
import io.iamgate.compile.CompiledDocument;
import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.compile.PolicyCompiler;
import io.iamgate.compile.PolicySource;
import io.iamgate.identity.IdentityMapper;
import io.iamgate.identity.Principal;
import io.iamgate.identity.PrincipalPolicies;
import io.iamgate.identity.PrincipalResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A loaded bundle with everything a decision needs: the route table, the principal resolver and
 * identity mapper, and the compiled per-principal sets (through the shared caches). Immutable and
 * thread-safe; a reload builds a new one and swaps it in whole.
 */
public final class CompiledBundle {
  private final Bundle bundle;
  private final PolicyCaches caches;
  private final RouteTable routes;
  private final PrincipalResolver resolver;
  private final IdentityMapper mapper;

  CompiledBundle(Bundle bundle, PolicyCaches caches) {
    this.bundle = bundle;
    this.caches = caches;
    this.routes = new RouteTable(bundle.routes(), bundle.account());
    this.resolver = new PrincipalResolver(bundle);
    this.mapper = new IdentityMapper(bundle, caches::document);
  }

  public Bundle bundle() {
    return bundle;
  }

  public String version() {
    return bundle.version();
  }

  public RouteTable routes() {
    return routes;
  }

  public PrincipalResolver resolver() {
    return resolver;
  }

  public IdentityMapper identityMapper() {
    return mapper;
  }

  /** The compiled set of a principal, or empty when the bundle has no such user or role. */
  public Optional<CompiledPolicySet> policySet(Principal p) {
    return principal(p).map(PrincipalEntry::policies);
  }

  /** The cached entry of a principal (compiled set and context keys), or empty when unknown. */
  public Optional<PrincipalEntry> principal(Principal p) {
    return caches.principal(
        bundle.version(),
        p.key(),
        k -> compile(p).map(set -> PrincipalEntry.of(set, resolver.contextKeys(p))));
  }

  private Optional<CompiledPolicySet> compile(Principal p) {
    Optional<PrincipalPolicies> policies = resolver.policies(p);
    if (policies.isEmpty()) {
      return Optional.empty();
    }
    PrincipalPolicies pp = policies.get();
    List<CompiledDocument> identity = new ArrayList<>();
    pp.identity().forEach(d -> identity.add(caches.document(d)));
    List<CompiledDocument> guardrails = null;
    if (pp.guardrails() != null) {
      guardrails = new ArrayList<>();
      for (var d : pp.guardrails()) {
        guardrails.add(caches.document(d));
      }
    }
    return Optional.of(
        new CompiledPolicySet(
            PolicyCompiler.group(PolicySource.IDENTITY, identity),
            pp.boundary() == null
                ? null
                : PolicyCompiler.group(
                    PolicySource.BOUNDARY, List.of(caches.document(pp.boundary()))),
            guardrails == null ? null : PolicyCompiler.group(PolicySource.GUARDRAIL, guardrails)));
  }
}
