package io.iamgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iamgate.bundle.BundleFiles;
import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.identity.Principal;
import io.iamgate.testing.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Refresh timing, atomic swaps, last-good and the caches, on a fake clock and an in-memory source.
 */
class BundleStoreTest {
  private final FakeTicker ticker = new FakeTicker();
  private final List<String> logs = new ArrayList<>();

  /** A source whose content a test sets; counts fetches. */
  static final class MemorySource implements PolicySource {
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

  private BundleStore store(MemorySource source, Duration interval) {
    return new BundleStore(
        source,
        new PolicyCaches(100, 100, Duration.ofMinutes(10), ticker),
        ticker,
        interval,
        logs::add);
  }

  @Test
  void fetchesOncePerIntervalAndOnlyParsesChanges() {
    MemorySource src = new MemorySource();
    src.text = S3SourceTest.bundle("orders:GetOrder");
    BundleStore store = store(src, Duration.ofSeconds(30));
    CompiledBundle first = store.current().orElseThrow();
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
    CompiledBundle second = store.current().orElseThrow();
    assertNotSame(first, second);
    assertFalse(first.version().equals(second.version()));
    assertTrue(
        logs.stream()
            .anyMatch(
                l -> l.contains("bundle loaded") && l.contains(second.bundle().shortVersion())));
  }

  @Test
  void reformattingTheSameBundleKeepsItsVersion() {
    MemorySource src = new MemorySource();
    src.text = S3SourceTest.bundle("orders:GetOrder");
    BundleStore store = store(src, Duration.ofSeconds(1));
    CompiledBundle first = store.current().orElseThrow();
    src.text = src.text.replace(",", ",\n  ");
    ticker.advance(Duration.ofSeconds(1));
    assertSame(first, store.current().orElseThrow());
  }

  @Test
  void failuresKeepTheLastGoodBundleAndSayWhy() {
    MemorySource src = new MemorySource();
    src.text = S3SourceTest.bundle("orders:GetOrder");
    BundleStore store = store(src, Duration.ofSeconds(1));
    CompiledBundle good = store.current().orElseThrow();
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
    BundleStore store = store(src, Duration.ofDays(1));
    CompiledBundle b = store.current().orElseThrow();
    CompiledPolicySet a1 = b.policySet(Principal.user("alice")).orElseThrow();
    assertSame(a1, b.policySet(Principal.user("alice")).orElseThrow());
    assertEquals(1, store.caches().principalStats().hitCount());
    assertTrue(b.policySet(Principal.user("nobody")).isEmpty());
    ticker.advance(Duration.ofMinutes(11));
    assertEquals(0, store.caches().principalCount(), "idle entries expire on the injected clock");
    assertNotSame(a1, b.policySet(Principal.user("alice")).orElseThrow());
  }

  @Test
  void compiledDocumentsAreSharedAcrossVersions() {
    MemorySource src = new MemorySource();
    src.text = S3SourceTest.bundle("orders:GetOrder");
    BundleStore store = store(src, Duration.ofSeconds(1));
    CompiledBundle v1 = store.current().orElseThrow();
    var doc1 = v1.policySet(Principal.user("alice")).orElseThrow().identity().documents().get(0);
    src.text =
        src.text.replace(
            "\"users\":{\"alice\":{\"policies\":[\"Orders\"]}}",
            "\"users\":{\"alice\":{\"policies\":[\"Orders\"]},\"bob\":{}}");
    ticker.advance(Duration.ofSeconds(1));
    CompiledBundle v2 = store.current().orElseThrow();
    assertNotSame(v1, v2);
    assertSame(
        doc1, v2.policySet(Principal.user("alice")).orElseThrow().identity().documents().get(0));
  }

  @Test
  void theEmbeddedSampleBundleLoads() {
    BundleStore store =
        new BundleStore(
            new EmbeddedSource(),
            new PolicyCaches(100, 100, Duration.ofMinutes(1), ticker),
            ticker,
            Duration.ofMinutes(1),
            logs::add);
    CompiledBundle b = store.current().orElseThrow(() -> new AssertionError(logs.toString()));
    assertTrue(b.bundle().users().containsKey("alice"));
    assertEquals(9, b.bundle().routes().size());
  }

  @Test
  void settingsChooseSources() {
    assertTrue(PolicySources.fromSetting("", Duration.ofSeconds(1)) instanceof EmbeddedSource);
    assertTrue(
        PolicySources.fromSetting("file:/tmp/x", Duration.ofSeconds(1)) instanceof FileSource);
    assertTrue(
        PolicySources.fromSetting("appconfig://app/prod/bundle", Duration.ofSeconds(1))
            instanceof AppConfigSource);
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> PolicySources.fromSetting("s3://bucket-only", Duration.ofSeconds(1)));
    assertTrue(e.getMessage().contains("s3://BUCKET/KEY"));
    e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> PolicySources.fromSetting("ftp://x/y", Duration.ofSeconds(1)));
    assertTrue(e.getMessage().contains("unknown scheme"));
  }
}
