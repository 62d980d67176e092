package io.iamgate.store;

import com.github.benmanes.caffeine.cache.Ticker;
import io.iamgate.audit.JsonLines;
import io.iamgate.audit.LogField;
import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleReader;
import io.iamgate.json.Diagnostic;
import io.iamgate.json.ParseResult;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the current bundle, in its compiled form {@code T}, fresh. The store reads and validates
 * bundles; what "compiled" means is the caller's: it hands the store a function from a {@link
 * Bundle} to {@code T} (the identity layer's {@code Directory}, say), so the store depends on
 * nothing above the bundle.
 *
 * <ul>
 *   <li>A reload swaps the whole compiled bundle atomically: a request sees one version, never half
 *       of two.
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
public final class BundleStore<T> {
  /** The logger name of the store's lines. */
  static final String LOGGER = "iamgate.store";

  /** A bundle and its compiled form. */
  private record Loaded<T>(Bundle bundle, T compiled) {}

  private final BundleSource source;
  private final Function<Bundle, T> compiler;
  private final Ticker ticker;
  private final long refreshNanos;
  private final JsonLines log;
  private final AtomicReference<@Nullable Loaded<T>> current = new AtomicReference<>();
  private final ReentrantLock refreshing = new ReentrantLock();
  private volatile long lastCheck;
  private volatile boolean checkedOnce;
  private volatile @Nullable String lastTag;
  private volatile @Nullable String lastProblem;
  private final AtomicLong reloads = new AtomicLong();
  private final AtomicLong reloadFailures = new AtomicLong();
  private volatile long loadedAt;

  /**
   * @param source where bundles are read from
   * @param compiler turns a valid bundle into its compiled form (called once per new version)
   * @param ticker the clock of the refresh interval
   * @param refreshInterval how often the source is checked for a new version
   * @param log receives one JSON line per load and per rejected update
   */
  public BundleStore(
      BundleSource source,
      Function<Bundle, T> compiler,
      Ticker ticker,
      Duration refreshInterval,
      JsonLines log) {
    this.source = source;
    this.compiler = compiler;
    this.ticker = ticker;
    this.refreshNanos = refreshInterval.toNanos();
    this.log = log;
  }

  /** A store on the system clock that logs to standard error. */
  public static <T> BundleStore<T> of(
      BundleSource source, Duration refreshInterval, Function<Bundle, T> compiler) {
    return of(source, refreshInterval, compiler, JsonLines.to(System.err));
  }

  /** A store on the system clock that logs to {@code log}. */
  public static <T> BundleStore<T> of(
      BundleSource source, Duration refreshInterval, Function<Bundle, T> compiler, JsonLines log) {
    return new BundleStore<>(source, compiler, Ticker.systemTicker(), refreshInterval, log);
  }

  /**
   * A store over a bundle that was already read and validated (e.g. by the CLI): it serves that
   * bundle and never refreshes.
   */
  public static <T> BundleStore<T> ofBundle(Bundle bundle, Function<Bundle, T> compiler) {
    BundleSource fixed =
        new BundleSource() {
          @Override
          public String description() {
            return bundle.source();
          }

          @Override
          public @Nullable Fetched fetch(@Nullable String previousTag) {
            return null; // a fixed bundle never changes
          }
        };
    BundleStore<T> store =
        new BundleStore<>(
            fixed,
            compiler,
            Ticker.systemTicker(),
            Duration.ofDays(36500),
            new JsonLines(Clock.systemUTC(), line -> {}));
    store.current.set(new Loaded<>(bundle, compiler.apply(bundle)));
    store.checkedOnce = true;
    store.lastCheck = Ticker.systemTicker().read();
    store.loadedAt = store.lastCheck;
    return store;
  }

  public BundleSource source() {
    return source;
  }

  /** The current bundle, refreshing first when the interval has passed; empty when none is good. */
  public Optional<T> current() {
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
    return compiled();
  }

  /** The current bundle without refreshing. */
  public Optional<T> peek() {
    return compiled();
  }

  /** The current bundle's model (its version, source, ...) without refreshing. */
  public Optional<Bundle> peekBundle() {
    return Optional.ofNullable(current.get()).map(Loaded::bundle);
  }

  private Optional<T> compiled() {
    Loaded<T> loaded = current.get();
    return loaded == null ? Optional.empty() : Optional.of(loaded.compiled());
  }

  /** How many bundles were swapped in (the first load included) since the last call; resets. */
  public long takeReloads() {
    return reloads.getAndSet(0);
  }

  /**
   * How many fetches, validations or compilations of a bundle failed since the last call; resets.
   */
  public long takeReloadFailures() {
    return reloadFailures.getAndSet(0);
  }

  /** Seconds since the bundle in use was loaded, or -1 when none is. */
  public long ageSeconds() {
    return current.get() == null ? -1 : (ticker.read() - loadedAt) / 1_000_000_000L;
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
      BundleSource.Fetched fetched;
      try {
        fetched = source.fetch(current.get() == null ? null : lastTag);
      } catch (BundleSource.SourceException e) {
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
      ParseResult<Bundle> parsed;
      try {
        parsed = BundleReader.read(fetched.files());
      } catch (RuntimeException e) {
        // a reader bug on hostile input must not escape: the update is rejected like any other
        fail(
            "the bundle from "
                + source.description()
                + " cannot be read (internal error: "
                + e.getClass().getSimpleName()
                + ")",
            List.of());
        return false;
      }
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
      Loaded<T> previous = current.get();
      if (previous != null && previous.bundle().version().equals(bundle.version())) {
        lastTag = fetched.tag();
        lastProblem = null;
        return false;
      }
      T compiled;
      try {
        compiled = compiler.apply(bundle);
      } catch (RuntimeException e) {
        fail(
            "the bundle from "
                + source.description()
                + " cannot be compiled (internal error: "
                + e.getClass().getSimpleName()
                + ")",
            List.of());
        return false;
      }
      loadedAt = ticker.read();
      current.set(new Loaded<>(bundle, compiled));
      reloads.incrementAndGet();
      lastTag = fetched.tag();
      lastProblem = null;
      Map<LogField, @Nullable String> fields = new EnumMap<>(LogField.class);
      fields.put(LogField.SOURCE, source.description());
      fields.put(LogField.VERSION, bundle.shortVersion());
      fields.put(
          LogField.PREVIOUS_VERSION, previous == null ? null : previous.bundle().shortVersion());
      log.record(JsonLines.Level.INFO, LOGGER, "bundle loaded", fields);
      return true;
    } finally {
      refreshing.unlock();
    }
  }

  private void fail(String reason, List<Diagnostic> errors) {
    lastProblem = reason;
    reloadFailures.incrementAndGet();
    Loaded<T> kept = current.get();
    List<String> details = errors.stream().limit(20).map(Diagnostic::format).toList();
    Map<LogField, @Nullable String> fields = new EnumMap<>(LogField.class);
    fields.put(LogField.SOURCE, source.description());
    fields.put(LogField.REASON, reason);
    fields.put(LogField.KEPT_VERSION, kept == null ? null : kept.bundle().shortVersion());
    fields.put(LogField.ERRORS, details.isEmpty() ? null : String.join("\n", details));
    log.record(
        kept == null ? JsonLines.Level.ERROR : JsonLines.Level.WARN,
        LOGGER,
        kept == null
            ? "no policy bundle: every request is denied"
            : "bundle update rejected: keeping the last good bundle",
        fields);
  }
}
