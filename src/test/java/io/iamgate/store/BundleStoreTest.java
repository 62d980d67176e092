package io.iamgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iamgate.audit.JsonLines;
import io.iamgate.bundle.BundleFiles;
import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.identity.Directory;
import io.iamgate.identity.Principal;
import io.iamgate.identity.PrincipalEntry;
import io.iamgate.testing.FakeTicker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Refresh timing, atomic swaps, last-good and the caches, on a fake clock and an in-memory source.
 */
class BundleStoreTest {
  private PolicyCaches<PrincipalEntry> caches = PolicyCaches.defaults();
  private final FakeTicker ticker = new FakeTicker();
  private final List<String> logs = new ArrayList<>();

  /** A source whose content a test sets; counts fetches. */
  static final class MemorySource implements BundleSource {
    volatile String text;
    volatile String failure;
    final AtomicInteger fetches = new AtomicInteger();

    @Override
    public String description() {
      return "memory:bundle.json";
    }

    @Override
    public Fetched fetch(String previousTag) throws SourceException {
      fetches.incrementAndGet();
      if (failure != null) {
        throw new SourceException(failure);
      }
      String tag = Integer.toHexString(text.hashCode());
      return tag.equals(previousTag)
          ? null
          : new Fetched(BundleFiles.single("memory", "bundle.json", text), tag);
    }
  }

  private BundleStore<Directory> store(MemorySource source, Duration interval) {
    return new BundleStore<>(
        source,
        Directory.compiler(caches = new PolicyCaches<>(100, 100, Duration.ofMinutes(10), ticker)),
        ticker,
        interval,
        new JsonLines(Clock.systemUTC(), logs::add));
  }

  @Test
  void fetchesOncePerIntervalAndOnlyParsesChanges() {
    MemorySource src = new MemorySource();
    src.text = S3SourceTest.bundle("orders:GetOrder");
    BundleStore<Directory> store = store(src, Duration.ofSeconds(30));
    Directory first = store.current().orElseThrow();
    for (int i = 0; i < 10; i++) {
      assertSame(first, store.current().orElseThrow());
    }
    assertEquals(1, src.fetches.get());
    ticker.advance(Duration.ofSeconds(30));
    assertSame(
        first, store.current().orElseThrow(), "unchanged content keeps the same compiled bundle");
    assertEquals(2, src.fetches.get());
    src.text = S3SourceTest.bundle("orders:ListOrders");
    ticker.advance(Duration.ofSeconds(30));
    Directory second = store.current().orElseThrow();
    assertNotSame(first, second);
    assertFalse(first.version().equals(second.version()));
    assertTrue(
        logs.stream()
            .anyMatch(
                l -> l.contains("bundle loaded") && l.contains(second.bundle().shortVersion())));
  }

  @Test
  void reloadsFailuresAndTheBundlesAgeAreCountedForTheMetrics() {
    MemorySource src = new MemorySource();
    src.text = S3SourceTest.bundle("orders:GetOrder");
    BundleStore<Directory> store = store(src, Duration.ofSeconds(30));
    assertEquals(-1, store.ageSeconds(), "no bundle yet");
    store.current().orElseThrow();
    assertEquals(1, store.takeReloads(), "the first load counts");
    assertEquals(0, store.takeReloads(), "taking resets");
    ticker.advance(Duration.ofSeconds(45));
    src.failure = "the bucket is gone";
    store.current().orElseThrow();
    assertEquals(1, store.takeReloadFailures());
    assertEquals(0, store.takeReloadFailures());
    assertEquals(45, store.ageSeconds(), "a failed reload keeps the old bundle, and its age");
    src.failure = null;
    src.text = S3SourceTest.bundle("orders:ListOrders");
    ticker.advance(Duration.ofSeconds(30));
    store.current().orElseThrow();
    assertEquals(1, store.takeReloads());
    assertEquals(0, store.ageSeconds());
  }

  @Test
  void reformattingTheSameBundleKeepsItsVersion() {
    MemorySource src = new MemorySource();
    src.text = S3SourceTest.bundle("orders:GetOrder");
    BundleStore<Directory> store = store(src, Duration.ofSeconds(1));
    Directory first = store.current().orElseThrow();
    src.text = src.text.replace(",", ",\n  ");
    ticker.advance(Duration.ofSeconds(1));
    assertSame(first, store.current().orElseThrow());
  }

  @Test
  void aCompilerThatThrowsRejectsTheUpdateAndKeepsTheLastGoodBundle() {
    MemorySource src = new MemorySource();
    src.text = S3SourceTest.bundle("orders:GetOrder");
    java.util.concurrent.atomic.AtomicBoolean broken =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.function.Function<io.iamgate.bundle.Bundle, String> compiler =
        b -> {
          if (broken.get()) {
            throw new IllegalStateException("a reader or compiler bug");
          }
          return b.version();
        };
    BundleStore<String> store =
        new BundleStore<>(
            src,
            compiler,
            ticker,
            Duration.ofSeconds(1),
            new JsonLines(Clock.systemUTC(), logs::add));
    String good = store.current().orElseThrow();
    broken.set(true);
    src.text = S3SourceTest.bundle("orders:ListOrders");
    ticker.advance(Duration.ofSeconds(1));
    assertEquals(good, store.current().orElseThrow());
    assertTrue(
        store.lastProblem() != null && store.lastProblem().contains("cannot be compiled"),
        String.valueOf(store.lastProblem()));
    assertTrue(logs.get(logs.size() - 1).contains("keeping the last good bundle"), logs.toString());
  }

  @Test
  void failuresKeepTheLastGoodBundleAndSayWhy() {
    MemorySource src = new MemorySource();
    src.text = S3SourceTest.bundle("orders:GetOrder");
    BundleStore<Directory> store = store(src, Duration.ofSeconds(1));
    Directory good = store.current().orElseThrow();
    src.failure = "connection refused";
    ticker.advance(Duration.ofSeconds(1));
    assertSame(good, store.current().orElseThrow());
    assertEquals("connection refused", store.lastProblem());
    src.failure = null;
    src.text = "{\"users\": {\"alice\": {\"groups\": [\"Nope\"]}}}";
    ticker.advance(Duration.ofSeconds(1));
    assertSame(good, store.current().orElseThrow());
    assertTrue(
        logs.get(logs.size() - 1).contains("unknown group `Nope`"), logs.get(logs.size() - 1));
  }

  @Test
  void principalsAreCachedPerVersionAndExpireWhenIdle() {
    MemorySource src = new MemorySource();
    src.text = S3SourceTest.bundle("orders:GetOrder");
    BundleStore<Directory> store = store(src, Duration.ofDays(1));
    Directory b = store.current().orElseThrow();
    CompiledPolicySet a1 = b.policySet(Principal.user("alice")).orElseThrow();
    assertSame(a1, b.policySet(Principal.user("alice")).orElseThrow());
    assertEquals(1, caches.principalStats().hitCount());
    assertTrue(b.policySet(Principal.user("nobody")).isEmpty());
    ticker.advance(Duration.ofMinutes(11));
    assertEquals(0, caches.principalCount(), "idle entries expire on the injected clock");
    assertNotSame(a1, b.policySet(Principal.user("alice")).orElseThrow());
  }

  @Test
  void compiledDocumentsAreSharedAcrossVersions() {
    MemorySource src = new MemorySource();
    src.text = S3SourceTest.bundle("orders:GetOrder");
    BundleStore<Directory> store = store(src, Duration.ofSeconds(1));
    Directory v1 = store.current().orElseThrow();
    var doc1 = v1.policySet(Principal.user("alice")).orElseThrow().identity().documents().get(0);
    src.text =
        src.text.replace(
            "\"users\":{\"alice\":{\"policies\":[\"Orders\"]}}",
            "\"users\":{\"alice\":{\"policies\":[\"Orders\"]},\"bob\":{}}");
    ticker.advance(Duration.ofSeconds(1));
    Directory v2 = store.current().orElseThrow();
    assertNotSame(v1, v2);
    assertSame(
        doc1, v2.policySet(Principal.user("alice")).orElseThrow().identity().documents().get(0));
  }

  @Test
  void theEmbeddedSampleBundleLoads() {
    BundleStore<Directory> store =
        new BundleStore<>(
            new EmbeddedSource(),
            Directory.compiler(
                caches = new PolicyCaches<>(100, 100, Duration.ofMinutes(1), ticker)),
            ticker,
            Duration.ofMinutes(1),
            new JsonLines(Clock.systemUTC(), logs::add));
    Directory b = store.current().orElseThrow(() -> new AssertionError(logs.toString()));
    assertTrue(b.bundle().users().containsKey("alice"));
    assertEquals(9, b.bundle().routes().size());
  }

  @Test
  void settingsChooseSources() {
    assertTrue(BundleSources.fromSetting("", Duration.ofSeconds(1)) instanceof EmbeddedSource);
    assertTrue(
        BundleSources.fromSetting("file:/tmp/x", Duration.ofSeconds(1)) instanceof FileSource);
    assertTrue(
        BundleSources.fromSetting("appconfig://app/prod/bundle", Duration.ofSeconds(1))
            instanceof AppConfigSource);
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> BundleSources.fromSetting("s3://bucket-only", Duration.ofSeconds(1)));
    assertTrue(e.getMessage().contains("s3://BUCKET/KEY"));
    e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> BundleSources.fromSetting("ftp://x/y", Duration.ofSeconds(1)));
    assertTrue(e.getMessage().contains("unknown scheme"));
  }
}
