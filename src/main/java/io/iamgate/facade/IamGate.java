package io.iamgate.facade;

import io.iamgate.compile.ActionIds;
import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.eval.Evaluator;
import io.iamgate.eval.Request;
import io.iamgate.eval.RequestContext;
import io.iamgate.identity.Directory;
import io.iamgate.identity.Principal;
import io.iamgate.identity.PrincipalEntry;
import io.iamgate.store.BundleSources;
import io.iamgate.store.BundleStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fine-grained authorization for backends, on the same bundle, engine and caches as the authorizer:
 *
 * <pre>{@code
 * IamGate gate = IamGate.open("file:bundle.yaml");
 * Authorization a = gate.authorize(Principal.user("alice"), "orders:UpdateOrder",
 *     "arn:app:orders:eu-west-1:123456789012:order/ord-42", Map.of("aws:SourceIp", "10.1.2.3"));
 * if (a.allowed()) { ... }
 * }</pre>
 *
 * The principal's own keys ({@code aws:username}, {@code aws:PrincipalArn}, {@code
 * aws:PrincipalTag/*}, ...) are added to the context and override caller-supplied keys of the same
 * name, so a caller cannot claim another identity's tags. Thread-safe; every failure is a denial
 * with a {@link Authorization#problem() problem}, never an exception.
 */
public final class IamGate {
  private final BundleStore<Directory> store;

  public IamGate(BundleStore<Directory> store) {
    this.store = store;
  }

  /** Opens a bundle named by an {@code IAMGATE_BUNDLE}-style setting, with the default timings. */
  public static IamGate open(String bundleSetting) {
    return open(bundleSetting, Settings.DEFAULT_REFRESH, Settings.DEFAULT_FETCH_TIMEOUT);
  }

  /**
   * Opens a bundle, checking for a new version every {@code refresh} and giving each fetch at most
   * {@code fetchTimeout}: a published change serves every request that starts later than {@code
   * refresh + fetchTimeout} after it.
   */
  public static IamGate open(String bundleSetting, Duration refresh, Duration fetchTimeout) {
    return new IamGate(
        Directory.store(BundleSources.fromSetting(bundleSetting, fetchTimeout), refresh));
  }

  /**
   * Opens the bundle the environment names: {@code IAMGATE_BUNDLE} (the source), {@code
   * IAMGATE_REFRESH_SECONDS} (default 60) and {@code IAMGATE_FETCH_TIMEOUT_MS} (default 2000). As
   * for the authorizer, the embedded SAMPLE bundle (an empty {@code IAMGATE_BUNDLE}, or {@code
   * embedded:}) is refused unless {@code IAMGATE_ALLOW_SAMPLE_BUNDLE=true}: a backend that forgot
   * the setting must not run on demo users.
   *
   * @throws IllegalArgumentException naming the variable, when a setting is malformed or the sample
   *     bundle is named without being allowed
   */
  public static IamGate fromEnvironment(Map<String, String> env) {
    Settings s = Settings.from(env);
    Settings.refuseSampleUnlessAllowed(
        s.bundle(), Settings.bool(env, Settings.ALLOW_SAMPLE_BUNDLE, false));
    return open(s.bundle(), s.refresh(), s.fetchTimeout());
  }

  /** The settings read from the environment. */
  public record Settings(String bundle, Duration refresh, Duration fetchTimeout) {
    static final Duration DEFAULT_REFRESH = Duration.ofSeconds(60);
    static final Duration DEFAULT_FETCH_TIMEOUT = Duration.ofMillis(2000);

    /** The variable that allows the embedded SAMPLE bundle. */
    public static final String ALLOW_SAMPLE_BUNDLE = "IAMGATE_ALLOW_SAMPLE_BUNDLE";

    /**
     * The one rule for the embedded SAMPLE bundle, which the authorizer and {@link
     * IamGate#fromEnvironment} share: an empty {@code IAMGATE_BUNDLE} or {@code embedded:} names
     * it, and it is refused unless {@code IAMGATE_ALLOW_SAMPLE_BUNDLE=true}, since its issuer's
     * private key is public.
     *
     * @param bundle the {@code IAMGATE_BUNDLE} setting
     * @param allowSample the {@code IAMGATE_ALLOW_SAMPLE_BUNDLE} setting
     * @throws IllegalArgumentException naming both variables, when the sample is named but not
     *     allowed
     */
    public static void refuseSampleUnlessAllowed(String bundle, boolean allowSample) {
      if (allowSample || !BundleSources.namesEmbedded(bundle)) {
        return;
      }
      throw new IllegalArgumentException(
          (bundle.isBlank()
                  ? "IAMGATE_BUNDLE is not set"
                  : "IAMGATE_BUNDLE is `embedded:` but IAMGATE_ALLOW_SAMPLE_BUNDLE is not true")
              + ": refusing to run on the embedded SAMPLE bundle (set IAMGATE_BUNDLE to your"
              + " bundle, or IAMGATE_ALLOW_SAMPLE_BUNDLE=true for a demo)");
    }

    /** Reads and checks the settings. */
    public static Settings from(Map<String, String> env) {
      return new Settings(
          env.getOrDefault("IAMGATE_BUNDLE", ""),
          Duration.ofSeconds(
              number(env, "IAMGATE_REFRESH_SECONDS", DEFAULT_REFRESH.toSeconds(), 1, 86_400)),
          Duration.ofMillis(
              number(
                  env, "IAMGATE_FETCH_TIMEOUT_MS", DEFAULT_FETCH_TIMEOUT.toMillis(), 100, 60_000)));
    }

    /**
     * A whole number from the environment, with a default and bounds; a bad value names the
     * variable.
     */
    public static long number(Map<String, String> env, String name, long dflt, long min, long max) {
      String v = env.get(name);
      if (v == null || v.isBlank()) {
        return dflt;
      }
      try {
        long n = Long.parseLong(v.trim());
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(
          name + " `" + v + "`: expected a whole number from " + min + " to " + max);
    }

    /**
     * {@code true}/{@code false} from the environment, with a default; a bad value names the
     * variable.
     */
    public static boolean bool(Map<String, String> env, String name, boolean dflt) {
      String v = env.get(name);
      if (v == null || v.isBlank()) {
        return dflt;
      }
      if (v.trim().equalsIgnoreCase("true")) {
        return true;
      }
      if (v.trim().equalsIgnoreCase("false")) {
        return false;
      }
      throw new IllegalArgumentException(name + " `" + v + "`: expected true or false");
    }
  }

  public BundleStore<Directory> store() {
    return store;
  }

  /** The version of the bundle in use, if one is loaded. */
  public Optional<String> bundleVersion() {
    return store.current().map(Directory::version);
  }

  /** Decides, reporting the one deciding statement (the fast path). */
  public Authorization authorize(
      Principal principal, String action, String resource, Map<String, ?> context) {
    return evaluate(principal, action, resource, context, false);
  }

  /** Decides and reports every applying statement and the failed gate. */
  public Authorization explain(
      Principal principal, String action, String resource, Map<String, ?> context) {
    return evaluate(principal, action, resource, context, true);
  }

  /** Decides a batch, in order, against one bundle version. */
  public List<Authorization> authorizeAll(List<AuthorizationRequest> requests) {
    List<Authorization> out = new ArrayList<>(requests.size());
    Optional<Directory> b = store.current();
    for (AuthorizationRequest r : requests) {
      out.add(
          b.isEmpty()
              ? Authorization.denied("no policy bundle is loaded", null)
              : decide(b.get(), r.principal(), r.action(), r.resource(), r.context(), false));
    }
    return out;
  }

  private Authorization evaluate(
      Principal p, String action, String resource, Map<String, ?> context, boolean explain) {
    Optional<Directory> b = store.current();
    if (b.isEmpty()) {
      return Authorization.denied(
          "no policy bundle is loaded"
              + (store.lastProblem() == null ? "" : ": " + store.lastProblem()),
          null);
    }
    return decide(b.get(), p, action, resource, context, explain);
  }

  /**
   * The engine entry every decision goes through (these facade methods, the Lambda authorizer and
   * the CLI): decides {@code action} on {@code resource} for principal {@code p} of directory
   * {@code b}, with the caller's context keys under the principal's own ({@link
   * PrincipalEntry#contextFor}). Never throws: an unknown principal, a malformed action, a context
   * value that does not parse or an internal error is a denial with a {@link
   * Authorization#problem() problem}.
   *
   * @param explain whether to report every applying statement ({@code explain}) or stop at the
   *     first deciding one ({@code decide}, the hot path)
   */
  public static Authorization decide(
      Directory b,
      Principal p,
      String action,
      String resource,
      Map<String, ?> context,
      boolean explain) {
    String version = b.version();
    Optional<PrincipalEntry> entry;
    try {
      entry = b.principal(p);
    } catch (RuntimeException e) {
      return Authorization.denied("internal error: " + e.getClass().getSimpleName(), version);
    }
    if (entry.isEmpty()) {
      return Authorization.denied(
          "the bundle has no "
              + (p.kind() == Principal.Kind.USER ? "user" : "role")
              + " `"
              + p.name()
              + "`",
          version);
    }
    return decide(version, entry.get(), action, resource, context, explain);
  }

  /**
   * {@link #decide(Directory, Principal, String, String, Map, boolean)} for a principal whose entry
   * the caller has already looked up in the bundle of {@code bundleVersion} (the authorizer, which
   * needs the entry for its route table too): the same checks and context rule, without a second
   * cache lookup.
   */
  public static Authorization decide(
      String bundleVersion,
      PrincipalEntry pe,
      String action,
      String resource,
      Map<String, ?> context,
      boolean explain) {
    try {
      String actionProblem = ActionIds.known(action) ? null : Request.actionProblem(action);
      if (actionProblem != null) {
        return Authorization.denied(actionProblem, bundleVersion);
      }
      RequestContext.Builder cb = pe.contextFor(context);
      if (!cb.problems().isEmpty()) {
        return Authorization.denied(String.join("; ", cb.problems()), bundleVersion);
      }
      CompiledPolicySet set = pe.policies();
      Request request = Request.of(action, resource, cb.build());
      if (explain) {
        return Authorization.of(Evaluator.explain(set, request), bundleVersion);
      }
      return Authorization.of(Evaluator.decide(set, request), bundleVersion);
    } catch (RuntimeException e) {
      return Authorization.denied("internal error: " + e.getClass().getSimpleName(), bundleVersion);
    }
  }
}
