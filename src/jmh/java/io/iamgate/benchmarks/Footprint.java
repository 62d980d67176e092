package io.iamgate.benchmarks;

import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleFiles;
import io.iamgate.bundle.BundleReader;
import io.iamgate.identity.Directory;
import io.iamgate.identity.Principal;
import io.iamgate.identity.PrincipalEntry;
import io.iamgate.store.BundleStore;
import io.iamgate.store.PolicyCaches;
import java.util.Locale;

/**
 * Heap per compiled principal: compiles every user of the synthetic 10,000-user bundle and divides
 * the retained heap by the number of principals (documents are shared, so this is the marginal cost
 * of one more principal, plus its share of the documents).
 *
 * <pre>./mvnw -Pjmh test-compile exec:exec -Djmh.main=io.iamgate.benchmarks.Footprint</pre>
 */
public final class Footprint {
  private Footprint() {}

  public static void main(String[] args) {
    Bundle bundle =
        BundleReader.read(
                BundleFiles.single(
                    "synthetic", "bundle.json", SyntheticBundle.json(10_000, 500, 1_000, 2_000, 5)))
            .value();
    PolicyCaches<PrincipalEntry> caches =
        new PolicyCaches<>(
            100_000,
            100_000,
            java.time.Duration.ofHours(1),
            com.github.benmanes.caffeine.cache.Ticker.systemTicker());
    Directory b = BundleStore.ofBundle(bundle, Directory.compiler(caches)).current().orElseThrow();
    long before = used();
    int n = 0;
    for (String user : bundle.users().keySet()) {
      b.policySet(Principal.user(user)).orElseThrow();
      n++;
    }
    long afterPrincipals = used();
    System.out.printf(
        Locale.ROOT,
        "principals compiled: %d; documents compiled: %d%n",
        n,
        caches.documentCount());
    System.out.printf(
        Locale.ROOT,
        "heap per principal (sets, index and memo, plus shared documents): %,d bytes%n",
        (afterPrincipals - before) / n);
    caches.clear();
    long docsOnlyBase = used();
    for (Bundle.ManagedPolicy mp : bundle.policies().values()) {
      caches.document(mp.policy());
    }
    long docs = used() - docsOnlyBase;
    System.out.printf(
        Locale.ROOT,
        "heap per compiled managed policy (3 statements): %,d bytes%n",
        docs / bundle.policies().size());
  }

  private static long used() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
