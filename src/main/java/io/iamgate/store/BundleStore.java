package io.iamgate.store;

import com.github.benmanes.caffeine.cache.Ticker;
import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleReader;
import io.iamgate.policy.parse.Diagnostic;
import io.iamgate.policy.parse.ParseResult;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the current compiled bundle fresh.
 *
 * <ul>
 *   <li>A reload swaps the whole {@link CompiledBundle} atomically: a request sees one version,
 *       never half of two.
 *   <li>An update that cannot be fetched or does not validate is logged (as one JSON line with the
 *       reason) and the last good bundle keeps serving.
 *   <li>With no good bundle at all, {@link #current()} is empty and callers must deny.
 *   <li>Refresh is checked on the request path: the first caller after the refresh interval fetches
 *       (a conditional GET for S3), one caller at a time, while others keep using the current
 *       bundle. No background thread is needed, which suits a frozen Lambda container. A policy
 *       change therefore takes effect for every request that starts later than <em>refresh interval
 *       + fetch timeout</em> after the change is published.
 * </ul>
 */
public final class BundleStore {
  private final PolicySource source;
  private final PolicyCaches caches;
  private final Ticker ticker;
  private final long refreshNanos;
  private final Consumer<String> log;
  private final AtomicReference<CompiledBundle> current = new AtomicReference<>();
  private final ReentrantLock refreshing = new ReentrantLock();
  private volatile long lastCheck;
  private volatile boolean checkedOnce;
  private volatile @Nullable String lastTag;
  private volatile @Nullable String lastProblem;

  public BundleStore(
      PolicySource source,
      PolicyCaches caches,
      Ticker ticker,
      Duration refreshInterval,
      Consumer<String> log) {
    this.source = source;
    this.caches = caches;
    this.ticker = ticker;
    this.refreshNanos = refreshInterval.toNanos();
    this.log = log;
  }

  /** A store on the system clock that logs to standard error. */
  public static BundleStore of(PolicySource source, Duration refreshInterval) {
    return new BundleStore(
        source,
        PolicyCaches.defaults(),
        Ticker.systemTicker(),
        refreshInterval,
        System.err::println);
  }

  /**
   * A store over a bundle that was already read and validated (e.g. by the CLI): it serves that
   * bundle and never refreshes.
   */
  public static BundleStore ofBundle(Bundle bundle, PolicyCaches caches) {
    PolicySource fixed =
        new PolicySource() {
          @Override
          public String description() {
            return bundle.source();
          }

          @Override
          public @Nullable Fetched fetch(@Nullable String previousTag) {
            return null; // a fixed bundle never changes
          }
        };
    BundleStore store =
        new BundleStore(fixed, caches, Ticker.systemTicker(), Duration.ofDays(36500), line -> {});
    store.current.set(new CompiledBundle(bundle, caches));
    store.checkedOnce = true;
    store.lastCheck = Ticker.systemTicker().read();
    return store;
  }

  public PolicySource source() {
    return source;
  }

  public PolicyCaches caches() {
    return caches;
  }

  /** The current bundle, refreshing first when the interval has passed; empty when none is good. */
  public Optional<CompiledBundle> current() {
    if (!checkedOnce || ticker.read() - lastCheck >= refreshNanos) {
      if (refreshing.tryLock()) {
        try {
          if (!checkedOnce || ticker.read() - lastCheck >= refreshNanos) {
            refresh();
          }
        } finally {
          refreshing.unlock();
        }
      } else if (current.get() == null) {
        // the first load is under way in another thread: wait for it rather than deny
        refreshing.lock();
        refreshing.unlock();
      }
    }
    return Optional.ofNullable(current.get());
  }

  /** The current bundle without refreshing. */
  public Optional<CompiledBundle> peek() {
    return Optional.ofNullable(current.get());
  }

  /** Why the last fetch or validation failed, or {@code null} when it succeeded. */
  public @Nullable String lastProblem() {
    return lastProblem;
  }

  /**
   * Fetches and, when changed and valid, swaps in a new bundle now.
   *
   * @return true when a new version was swapped in
   */
  public boolean refresh() {
    refreshing.lock();
    try {
      lastCheck = ticker.read();
      checkedOnce = true;
      PolicySource.Fetched fetched;
      try {
        fetched = source.fetch(current.get() == null ? null : lastTag);
      } catch (PolicySource.SourceException e) {
        fail(
            Objects.requireNonNullElse(e.getMessage(), "cannot read " + source.description()),
            List.of());
        return false;
      } catch (RuntimeException e) {
        fail("cannot read " + source.description() + ": " + e, List.of());
        return false;
      }
      if (fetched == null) {
        lastProblem = null;
        return false;
      }
      ParseResult<Bundle> parsed = BundleReader.read(fetched.files());
      Bundle bundle = parsed.value();
      if (bundle == null) {
        fail(
            "the bundle from "
                + source.description()
                + " is invalid ("
                + parsed.errors().size()
                + " errors)",
            parsed.errors());
        return false;
      }
      CompiledBundle previous = current.get();
      if (previous != null && previous.version().equals(bundle.version())) {
        lastTag = fetched.tag();
        lastProblem = null;
        return false;
      }
      current.set(new CompiledBundle(bundle, caches));
      lastTag = fetched.tag();
      lastProblem = null;
      log.accept(
          Log.line(
              "INFO",
              "bundle loaded",
              "source",
              source.description(),
              "version",
              bundle.shortVersion(),
              "previousVersion",
              previous == null ? null : previous.bundle().shortVersion()));
      return true;
    } finally {
      refreshing.unlock();
    }
  }

  private void fail(String reason, List<Diagnostic> errors) {
    lastProblem = reason;
    CompiledBundle kept = current.get();
    List<String> details = errors.stream().limit(20).map(Diagnostic::format).toList();
    log.accept(
        Log.line(
            kept == null ? "ERROR" : "WARN",
            kept == null
                ? "no policy bundle: every request is denied"
                : "bundle update rejected: keeping the last good bundle",
            "source",
            source.description(),
            "reason",
            reason,
            "keptVersion",
            kept == null ? null : kept.bundle().shortVersion(),
            "errors",
            details.isEmpty() ? null : String.join("\n", details)));
  }
}
