package io.iamgate.identity;

import io.iamgate.audit.JsonLines;
import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.RouteTable;
import io.iamgate.compile.CompiledDocument;
import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.compile.PolicyCompiler;
import io.iamgate.compile.PolicyType;
import io.iamgate.store.BundleSource;
import io.iamgate.store.BundleStore;
import io.iamgate.store.PolicyCaches;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A loaded bundle as the directory of who may do what: the route table, the principal resolver and
 * identity mapper, and the compiled per-principal entries (through the shared caches). This is the
 * compiled form a {@link BundleStore} keeps: immutable and thread-safe; a reload builds a new one
 * and swaps it in whole.
 */
public final class Directory {
  private final Bundle bundle;
  private final PolicyCaches<PrincipalEntry> caches;
  private final RouteTable routes;
  private final PrincipalResolver resolver;
  private final IdentityMapper mapper;

  /** Compiles {@code bundle} against {@code caches} (shared with earlier versions). */
  public Directory(Bundle bundle, PolicyCaches<PrincipalEntry> caches) {
    this.bundle = bundle;
    this.caches = caches;
    this.routes = new RouteTable(bundle.routes(), bundle.account());
    this.resolver = new PrincipalResolver(bundle);
    this.mapper = new IdentityMapper(bundle, caches::document);
  }

  /** The store's compile step: every new bundle version becomes a directory on {@code caches}. */
  public static Function<Bundle, Directory> compiler(PolicyCaches<PrincipalEntry> caches) {
    return b -> new Directory(b, caches);
  }

  /** A store of directories over {@code source}, with the default caches and the system clock. */
  public static BundleStore<Directory> store(BundleSource source, Duration refreshInterval) {
    return BundleStore.of(source, refreshInterval, compiler(PolicyCaches.defaults()));
  }

  /** {@link #store(BundleSource, Duration)}, logging loads and rejected updates to {@code log}. */
  public static BundleStore<Directory> store(
      BundleSource source, Duration refreshInterval, JsonLines log) {
    return BundleStore.of(source, refreshInterval, compiler(PolicyCaches.defaults()), log);
  }

  /** A fixed store serving one bundle read before (e.g. by the CLI), with the default caches. */
  public static BundleStore<Directory> fixed(Bundle bundle) {
    return BundleStore.ofBundle(bundle, compiler(PolicyCaches.defaults()));
  }

  /** The caches this directory compiles through. */
  public PolicyCaches<PrincipalEntry> caches() {
    return caches;
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
            PolicyCompiler.group(PolicyType.IDENTITY, identity),
            pp.boundary() == null
                ? null
                : PolicyCompiler.group(
                    PolicyType.BOUNDARY, List.of(caches.document(pp.boundary()))),
            guardrails == null ? null : PolicyCompiler.group(PolicyType.GUARDRAIL, guardrails)));
  }
}
