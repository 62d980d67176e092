package io.iamgate.trail;

import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.compile.NamedDocument;
import io.iamgate.compile.PolicyCompiler;
import io.iamgate.eval.Request;
import io.iamgate.json.JsonWriter;
import io.iamgate.json.ParseResult;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.parse.PolicyParser;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The smallest identity policy that allows a set of observed calls, in the spirit of IAM Access
 * Analyzer's policy generation from CloudTrail:
 *
 * <ul>
 *   <li>{@code Version} 2012-10-17, one {@code Allow} statement per service (its {@code Sid} the
 *       service in PascalCase, {@code orders} → {@code Orders}), actions and resources sorted;
 *   <li>the actions exactly as observed, never a wildcard (so nothing of another service and no
 *       action that was not called);
 *   <li>the resources as observed, generalised only where the observed set justifies it: when
 *       several ids were seen under the same prefix ({@code .../order/ord-1}, {@code
 *       .../order/ord-2}), a wildcard over the id ({@code .../order/*}); never over the partition,
 *       service, region or account, never {@code *} on its own, and never a resource part that is
 *       {@code *} alone;
 *   <li>a sensitive action (by the analyzer's prefixes) every observed call of which had MFA gets
 *       its own statement ({@code OrdersWithMfa}) with {@code "Bool":
 *       {"aws:MultiFactorAuthPresent": "true"}}; one called without MFA is left without the
 *       condition, with a note saying why;
 *   <li>conditions that held in every observed call of a statement (the source address, MFA) are
 *       {@link Suggestion suggestions}, not part of the policy: a log sample is not a rule.
 * </ul>
 *
 * A call that cannot be written into a policy (an action with a wildcard or not {@code
 * service:Name}, a resource that is {@code *} or not an ARN, or holds a character outside policy
 * text) is left out with a note. Thread-safe (no state).
 */
public final class PolicyGenerator {
  private PolicyGenerator() {}

  /** The condition the MFA statements carry. */
  public static final String MFA_KEY = "aws:MultiFactorAuthPresent";

  /**
   * One observed call.
   *
   * @param action the action decided
   * @param resource the resource decided
   * @param mfa whether the caller had MFA ({@code null}: not known, e.g. an API-key caller)
   * @param sourceIp the caller's address, or {@code null}
   */
  public record Call(
      String action,
      String resource,
      @Nullable Boolean mfa,
      @Nullable String sourceIp,
      boolean requestHeldWildcards) {
    /** A call whose request held no {@code *} or {@code ?}. */
    public Call(String action, String resource, @Nullable Boolean mfa, @Nullable String sourceIp) {
      this(action, resource, mfa, sourceIp, false);
    }

    /** The call of a decision event, or {@code null} when it has no action or resource. */
    public static @Nullable Call of(DecisionRecord r) {
      String a = r.action();
      String res = r.resource();
      String request = r.path() != null ? r.path() : r.methodArn();
      return a == null || res == null
          ? null
          : new Call(a, res, r.mfaPresent(), r.sourceIp(), request == null || wildcards(request));
    }

    /** Whether request text holds {@code *} or {@code ?}, plain or percent-encoded. */
    static boolean wildcards(String request) {
      String lower = request.toLowerCase(Locale.ROOT);
      return lower.indexOf('*') >= 0
          || lower.indexOf('?') >= 0
          || lower.contains("%2a")
          || lower.contains("%3f");
    }
  }

  /**
   * One generated statement.
   *
   * @param sid its {@code Sid}
   * @param actions the actions, sorted
   * @param resources the resources, sorted
   * @param requiresMfa whether it carries the MFA condition
   */
  public record GeneratedStatement(
      String sid, List<String> actions, List<String> resources, boolean requiresMfa) {
    public GeneratedStatement {
      actions = List.copyOf(actions);
      resources = List.copyOf(resources);
    }
  }

  /**
   * A condition that held in every observed call of a statement, offered for a person to decide.
   *
   * @param sid the statement it would go into
   * @param operator the condition operator, {@code IpAddress} or {@code Bool}
   * @param key the condition key
   * @param values its values
   * @param why in words
   */
  public record Suggestion(
      String sid, String operator, String key, List<String> values, String why) {
    public Suggestion {
      values = List.copyOf(values);
    }
  }

  /**
   * The generated policy.
   *
   * @param text the policy document, pretty-printed JSON
   * @param statements its statements
   * @param suggestions conditions to consider
   * @param notes what was left out or not required, and why
   * @param calls the calls the policy was generated from (the ones it allows)
   */
  public record Generated(
      String text,
      List<GeneratedStatement> statements,
      List<Suggestion> suggestions,
      List<String> notes,
      List<Call> calls) {
    public Generated {
      statements = List.copyOf(statements);
      suggestions = List.copyOf(suggestions);
      notes = List.copyOf(notes);
      calls = List.copyOf(calls);
    }

    /** The policy compiled as the one identity policy of a set (no boundary, no guardrails). */
    public CompiledPolicySet compiled() {
      ParseResult<PolicyDocument> parsed = PolicyParser.parse(text, "generated");
      PolicyDocument doc =
          Objects.requireNonNull(parsed.value(), () -> "the generator wrote an invalid policy");
      return PolicyCompiler.compileSet(List.of(new NamedDocument("generated", doc)), null, null);
    }
  }

  /**
   * Generates the policy for {@code calls}.
   *
   * @param sensitivePrefixes action-name prefixes that make an action sensitive (case-insensitive),
   *     as {@code analyze} takes them
   * @return the policy; with no statement when no call can be written into one
   */
  public static Generated generate(Collection<Call> calls, List<String> sensitivePrefixes) {
    List<String> notes = new ArrayList<>();
    Set<String> noted = new java.util.HashSet<>();
    List<Call> usable = new ArrayList<>();
    for (Call c : calls) {
      String why = unusable(c);
      if (why == null) {
        usable.add(c);
      } else if (noted.add(noteKey(c))) {
        notes.add(noteKey(c) + " is left out: " + why);
      }
    }
    // actions by service, one spelling per action (case-insensitive)
    Map<String, String> spelling = new LinkedHashMap<>();
    Map<String, List<Call>> byAction = new TreeMap<>();
    for (Call c : usable) {
      String key = c.action().toLowerCase(Locale.ROOT);
      spelling.putIfAbsent(key, c.action());
      byAction.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
    }
    Map<String, List<String>> services = new TreeMap<>();
    for (String key : byAction.keySet()) {
      services.computeIfAbsent(key.substring(0, key.indexOf(':')), s -> new ArrayList<>()).add(key);
    }
    List<GeneratedStatement> statements = new ArrayList<>();
    List<Suggestion> suggestions = new ArrayList<>();
    for (Map.Entry<String, List<String>> svc : services.entrySet()) {
      List<String> plain = new ArrayList<>();
      List<String> mfa = new ArrayList<>();
      for (String key : svc.getValue()) {
        List<Call> cs = get(byAction, key);
        String action = get(spelling, key);
        boolean allMfa = cs.stream().allMatch(c -> Boolean.TRUE.equals(c.mfa()));
        if (sensitive(action, sensitivePrefixes)) {
          if (allMfa) {
            mfa.add(key);
          } else {
            long without = cs.stream().filter(c -> !Boolean.TRUE.equals(c.mfa())).count();
            notes.add(
                "`"
                    + action
                    + "` is sensitive, but "
                    + without
                    + " of its "
                    + cs.size()
                    + " observed calls had no MFA (API-key callers never have it), so the"
                    + " policy does not require it and `analyze` reports"
                    + " SENSITIVE_ACTION_WITHOUT_MFA; require MFA once every caller has it");
            plain.add(key);
          }
        } else {
          plain.add(key);
        }
      }
      String sid = pascal(svc.getKey());
      if (!plain.isEmpty()) {
        statements.add(statement(sid, plain, byAction, spelling, false, suggestions));
      }
      if (!mfa.isEmpty()) {
        statements.add(
            statement(
                plain.isEmpty() ? sid : sid + "WithMfa",
                mfa,
                byAction,
                spelling,
                true,
                suggestions));
      }
    }
    return new Generated(text(statements), statements, suggestions, notes, usable);
  }

  private static <V> V get(Map<String, V> map, String key) {
    return Objects.requireNonNull(map.get(key), key);
  }

  private static String noteKey(Call c) {
    return "`" + c.action() + "` on `" + c.resource() + "`";
  }

  private static GeneratedStatement statement(
      String sid,
      List<String> keys,
      Map<String, List<Call>> byAction,
      Map<String, String> spelling,
      boolean requiresMfa,
      List<Suggestion> suggestions) {
    List<Call> calls = new ArrayList<>();
    TreeSet<String> actions = new TreeSet<>();
    for (String k : keys) {
      calls.addAll(get(byAction, k));
      actions.add(get(spelling, k));
    }
    List<String> resources = Resources.generalise(calls.stream().map(Call::resource).toList());
    suggest(sid, calls, requiresMfa, suggestions);
    return new GeneratedStatement(sid, List.copyOf(actions), resources, requiresMfa);
  }

  private static void suggest(
      String sid, List<Call> calls, boolean requiresMfa, List<Suggestion> out) {
    String n =
        calls.size() == 1 ? "the one observed call" : "all " + calls.size() + " observed calls";
    List<String> cidrs = Resources.commonNetworks(calls.stream().map(Call::sourceIp).toList());
    if (!cidrs.isEmpty()) {
      out.add(
          new Suggestion(
              sid,
              "IpAddress",
              "aws:SourceIp",
              cidrs,
              n
                  + " came from "
                  + (cidrs.size() > 1
                      ? "these addresses"
                      : cidrs.get(0).endsWith("/32") || cidrs.get(0).endsWith("/128")
                          ? "this address"
                          : "this network")));
    }
    if (!requiresMfa && calls.stream().allMatch(c -> Boolean.TRUE.equals(c.mfa()))) {
      out.add(new Suggestion(sid, "Bool", MFA_KEY, List.of("true"), n + " had MFA"));
    }
  }

  /** Why a call cannot be written into a policy, or {@code null} when it can. */
  static @Nullable String unusable(Call c) {
    String a = c.action();
    if (a.indexOf('*') >= 0 || a.indexOf('?') >= 0) {
      return "the action has a wildcard, and a generated policy names the actions called";
    }
    String problem = Request.actionProblem(a);
    if (problem != null) {
      return problem;
    }
    String r = c.resource();
    if (r.equals("*")) {
      return "the resource is `*`, which a generated policy never grants";
    }
    if (!r.startsWith("arn:") || r.chars().filter(ch -> ch == ':').count() < 5) {
      return "the resource is not an ARN (arn:partition:service:region:account:resource)";
    }
    for (int i = 0; i < r.length(); i++) {
      char ch = r.charAt(i);
      if (ch < 0x20 || ch > 0xFF) {
        return String.format(
            Locale.ROOT, "the resource holds U+%04X, which policy text cannot hold", (int) ch);
      }
    }
    if (Resources.resourcePart(r).equals("*")) {
      return "the resource part is `*`, which a generated policy never grants";
    }
    if (c.requestHeldWildcards() && (r.indexOf('*') >= 0 || r.indexOf('?') >= 0)) {
      // the caller's path put them there (GET /reports/*/*, answered by the route table): such a
      // call is no evidence that every resource the wildcard matches was used
      return "the resource holds `*` or `?` and so did the request, so the caller may have put"
          + " them there: a generated policy grants a wildcard only when the route writes it";
    }
    return null;
  }

  static boolean sensitive(String action, List<String> prefixes) {
    String name = action.substring(action.indexOf(':') + 1).toLowerCase(Locale.ROOT);
    return prefixes.stream().anyMatch(p -> name.startsWith(p.toLowerCase(Locale.ROOT)));
  }

  /** {@code orders} → {@code Orders}, {@code execute-api} → {@code ExecuteApi}. */
  static String pascal(String service) {
    StringBuilder sb = new StringBuilder();
    boolean up = true;
    for (char c : service.toCharArray()) {
      if (Character.isLetterOrDigit(c) && c < 0x80) {
        sb.append(up ? Character.toUpperCase(c) : c);
        up = false;
      } else {
        up = true;
      }
    }
    return sb.length() == 0 ? "Service" : sb.toString();
  }

  private static String text(List<GeneratedStatement> statements) {
    return JsonWriter.toText(
        JsonWriter.Style.PRETTY,
        g -> {
          g.writeStartObject();
          g.writeStringField("Version", "2012-10-17");
          g.writeArrayFieldStart("Statement");
          for (GeneratedStatement s : statements) {
            g.writeStartObject();
            g.writeStringField("Sid", s.sid());
            g.writeStringField("Effect", "Allow");
            g.writeArrayFieldStart("Action");
            for (String a : s.actions()) {
              g.writeString(a);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("Resource");
            for (String r : s.resources()) {
              g.writeString(Resources.escaped(r));
            }
            g.writeEndArray();
            if (s.requiresMfa()) {
              g.writeObjectFieldStart("Condition");
              g.writeObjectFieldStart("Bool");
              g.writeStringField(MFA_KEY, "true");
              g.writeEndObject();
              g.writeEndObject();
            }
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }
}
