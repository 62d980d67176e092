package io.iamgate.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.iamgate.bundle.Bundle;
import io.iamgate.compile.CompiledDocument;
import io.iamgate.compile.NamedDocument;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The two Caffeine caches ({@code P} is the compiled per-principal entry the caller keeps):
 *
 * <ul>
 *   <li>compiled documents by content hash, shared by every principal and every bundle version (a
 *       reload recompiles only what changed);
 *   <li>compiled per-principal policy sets by bundle version and principal, bounded by size and
 *       idle time (entries of an old version simply age out).
 * </ul>
 *
 * Time comes from the injected {@link Ticker}, so expiry is testable. Thread-safe.
 */
public final class PolicyCaches<P> {
  private final Cache<String, CompiledDocument> documents;
  private final Cache<PrincipalKey, Optional<P>> principals;

  /** A principal within one bundle version. */
  record PrincipalKey(String bundleVersion, String principal) {}

  /**
   * @param maxDocuments the most compiled documents kept
   * @param maxPrincipals the most compiled principals kept
   * @param principalIdle how long an unused principal stays
   */
  public PolicyCaches(
      long maxDocuments, long maxPrincipals, Duration principalIdle, Ticker ticker) {
    this(maxDocuments, maxPrincipals, principalIdle, ticker, Runnable::run);
  }

  /**
   * @param maintenance runs the caches' bookkeeping (eviction, expiry); the same thread makes tests
   *     deterministic, a pool takes the work off the request path
   */
  public PolicyCaches(
      long maxDocuments,
      long maxPrincipals,
      Duration principalIdle,
      Ticker ticker,
      Executor maintenance) {
    this.documents =
        Caffeine.newBuilder()
            .maximumSize(maxDocuments)
            .ticker(ticker)
            .executor(maintenance)
            .recordStats()
            .build();
    this.principals =
        Caffeine.newBuilder()
            .maximumSize(maxPrincipals)
            .expireAfterAccess(principalIdle)
            .ticker(ticker)
            .executor(maintenance)
            .recordStats()
            .build();
  }

  /**
   * Defaults: 50,000 documents, 20,000 principals idle for at most an hour, the system clock, and
   * bookkeeping on the calling thread: handing it to a pool wakes a worker thread for every few
   * reads, which on a two-core Lambda costs more than doing the (amortised, tiny) work inline, and
   * a frozen Lambda container runs no background threads anyway.
   */
  public static <P> PolicyCaches<P> defaults() {
    return new PolicyCaches<>(
        50_000, 20_000, Duration.ofHours(1), Ticker.systemTicker(), Runnable::run);
  }

  /** The compiled form of a bundle document, compiled once per distinct content. */
  public CompiledDocument document(Bundle.Policy p) {
    return documents.get(
        p.contentHash() + "/" + p.name(),
        k -> CompiledDocument.compile(new NamedDocument(p.name(), p.document())));
  }

  /**
   * The compiled entry of a principal, computed on first use for this bundle version; empty when
   * {@code compute} finds no such principal.
   */
  public Optional<P> principal(
      String bundleVersion, String principalKey, Function<String, Optional<P>> compute) {
    return principals.get(
        new PrincipalKey(bundleVersion, principalKey), k -> compute.apply(k.principal()));
  }

  public CacheStats documentStats() {
    return documents.stats();
  }

  public CacheStats principalStats() {
    return principals.stats();
  }

  public long principalCount() {
    principals.cleanUp();
    return principals.estimatedSize();
  }

  public long documentCount() {
    documents.cleanUp();
    return documents.estimatedSize();
  }

  /** Drops everything (e.g. between benchmark runs). */
  public void clear() {
    documents.invalidateAll();
    principals.invalidateAll();
  }
}
