package io.iamgate.bundle;

import io.iamgate.json.Diagnostic;
import io.iamgate.json.Json;
import io.iamgate.json.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Role trust policies: IAM documents whose statements name a {@code Principal} (or {@code
 * NotPrincipal}) and no {@code Resource}. They are evaluated by the same engine: each statement is
 * rewritten, before validation, into an identity-policy statement with {@code Resource: "*"} and
 * the principal as a condition on the multi-valued context key {@value #PRINCIPALS_KEY}, which
 * holds every name of the caller: {@code user/alice}, {@code group/Admins}, {@code role/...}, the
 * user's ARN, and {@code federated/<issuer>} for a token caller. So
 *
 * <pre>"Principal": {"AWS": ["user/alice", "group/Admins"]}</pre>
 *
 * becomes {@code "ForAnyValue:StringLike": {"iamgate:principals": ["user/alice", "group/Admins"]}},
 * {@code "Principal": {"Federated": "https://issuer"}} matches {@code federated/https://issuer},
 * {@code "Principal": "*"} anyone, and {@code NotPrincipal} becomes {@code
 * ForAllValues:StringNotLike}. The action is {@code sts:AssumeRole} when the caller is a bundle
 * user (however it authenticated) and {@code sts:AssumeRoleWithWebIdentity} for a token caller that
 * is not.
 */
public final class TrustPolicies {
  /** The context key that holds the caller's names during trust evaluation. */
  public static final String PRINCIPALS_KEY = "iamgate:principals";

  private TrustPolicies() {}

  /**
   * Rewrites a trust policy into an identity-style document, reporting principal problems. The
   * result still goes through the policy parser, which reports everything else.
   */
  static Json rewrite(Json doc, @Nullable String file, String path, List<Diagnostic> diagnostics) {
    if (!(doc instanceof Json.JObject obj)) {
      return doc;
    }
    Json st = obj.get("Statement");
    if (st == null) {
      return doc;
    }
    List<Json.Member> members = new ArrayList<>();
    for (Json.Member m : obj.members()) {
      if (!m.name().equals("Statement")) {
        members.add(m);
        continue;
      }
      Json rewritten;
      if (st instanceof Json.JArray arr) {
        List<Json> items = new ArrayList<>();
        for (int i = 0; i < arr.items().size(); i++) {
          items.add(statement(arr.items().get(i), file, path + "/Statement/" + i, diagnostics));
        }
        rewritten = new Json.JArray(arr.line(), arr.column(), items);
      } else {
        rewritten = statement(st, file, path + "/Statement", diagnostics);
      }
      members.add(new Json.Member(m.name(), m.line(), m.column(), rewritten));
    }
    return new Json.JObject(obj.line(), obj.column(), members);
  }

  private static Json statement(
      Json s, @Nullable String file, String path, List<Diagnostic> diagnostics) {
    if (!(s instanceof Json.JObject obj)) {
      return s;
    }
    Json.Member principal = obj.member("Principal");
    Json.Member notPrincipal = obj.member("NotPrincipal");
    for (Json.Member m : obj.members()) {
      if (m.name().equals("Resource") || m.name().equals("NotResource")) {
        diagnostics.add(
            new Diagnostic(
                "trust-resource",
                Severity.ERROR,
                file,
                path + "/" + m.name(),
                m.line(),
                m.column(),
                "a trust policy statement has no `"
                    + m.name()
                    + "`: the resource is the role itself",
                "remove it"));
      }
    }
    if (principal != null && notPrincipal != null) {
      diagnostics.add(
          new Diagnostic(
              "trust-principal",
              Severity.ERROR,
              file,
              path + "/NotPrincipal",
              notPrincipal.line(),
              notPrincipal.column(),
              "a statement cannot have both `Principal` and `NotPrincipal`",
              null));
      return s;
    }
    Json.Member p = principal != null ? principal : notPrincipal;
    if (p == null) {
      diagnostics.add(
          new Diagnostic(
              "trust-principal",
              Severity.ERROR,
              file,
              path,
              obj.line(),
              obj.column(),
              "a trust policy statement needs `Principal` or `NotPrincipal`",
              "e.g. \"Principal\": {\"AWS\": \"group/Admins\"}"));
      return s;
    }
    List<Json> names = principalNames(p.value(), file, path + "/" + p.name(), diagnostics);
    List<Json.Member> members = new ArrayList<>();
    Json.Member condition = null;
    for (Json.Member m : obj.members()) {
      if (m == p) {
        continue;
      }
      if (m.name().equals("Resource") || m.name().equals("NotResource")) {
        continue; // reported above
      }
      if (m.name().equals("Condition")) {
        condition = m;
        continue;
      }
      members.add(m);
    }
    members.add(
        new Json.Member(
            "Resource", p.line(), p.column(), new Json.JString(p.line(), p.column(), "*")));
    // with no usable name the statement is already an error: no synthetic condition to report on
    if (names != null && !names.isEmpty()) {
      String operator = principal != null ? "ForAnyValue:StringLike" : "ForAllValues:StringNotLike";
      Json.JArray values = new Json.JArray(p.line(), p.column(), names);
      Json.Member key = new Json.Member(PRINCIPALS_KEY, p.line(), p.column(), values);
      condition = withCondition(condition, operator, key, p);
    }
    if (condition != null) {
      members.add(condition);
    }
    return new Json.JObject(obj.line(), obj.column(), members);
  }

  /** Adds {@code key} under {@code operator} to a statement's condition block (creating either). */
  private static Json.Member withCondition(
      Json.@Nullable Member condition, String operator, Json.Member key, Json.Member at) {
    if (condition == null || !(condition.value() instanceof Json.JObject block)) {
      Json.JObject op = new Json.JObject(at.line(), at.column(), List.of(key));
      Json.JObject block =
          new Json.JObject(
              at.line(),
              at.column(),
              List.of(new Json.Member(operator, at.line(), at.column(), op)));
      return condition == null
          ? new Json.Member("Condition", at.line(), at.column(), block)
          : condition;
    }
    List<Json.Member> ops = new ArrayList<>();
    boolean merged = false;
    for (Json.Member m : block.members()) {
      if (!merged
          && m.name().equalsIgnoreCase(operator)
          && m.value() instanceof Json.JObject keys) {
        List<Json.Member> ks = new ArrayList<>(keys.members());
        ks.add(key);
        ops.add(
            new Json.Member(
                m.name(), m.line(), m.column(), new Json.JObject(keys.line(), keys.column(), ks)));
        merged = true;
      } else {
        ops.add(m);
      }
    }
    if (!merged) {
      ops.add(
          new Json.Member(
              operator,
              at.line(),
              at.column(),
              new Json.JObject(at.line(), at.column(), List.of(key))));
    }
    return new Json.Member(
        condition.name(),
        condition.line(),
        condition.column(),
        new Json.JObject(block.line(), block.column(), ops));
  }

  /** The patterns a Principal element names, or {@code null} for {@code "*"} (anyone). */
  private static @Nullable List<Json> principalNames(
      Json p, @Nullable String file, String path, List<Diagnostic> diagnostics) {
    if (p instanceof Json.JString s && s.value().equals("*")) {
      return null;
    }
    if (!(p instanceof Json.JObject obj)) {
      diagnostics.add(
          new Diagnostic(
              "trust-principal",
              Severity.ERROR,
              file,
              path,
              p.line(),
              p.column(),
              "expected `*` or an object such as {\"AWS\": [\"user/alice\"]} or {\"Federated\": \"https://issuer\"}, found "
                  + p.typeName(),
              null));
      return List.of();
    }
    List<Json> out = new ArrayList<>();
    int before = diagnostics.size();
    for (Json.Member m : obj.members()) {
      String type = m.name().toLowerCase(Locale.ROOT);
      if (!type.equals("aws") && !type.equals("federated")) {
        diagnostics.add(
            new Diagnostic(
                "trust-principal",
                Severity.ERROR,
                file,
                path + "/" + m.name(),
                m.line(),
                m.column(),
                "unknown principal type `" + m.name() + "`, expected `AWS` or `Federated`",
                null));
        continue;
      }
      List<Json> values = m.value() instanceof Json.JArray a ? a.items() : List.of(m.value());
      for (Json v : values) {
        if (!(v instanceof Json.JString s) || s.value().isEmpty()) {
          diagnostics.add(
              new Diagnostic(
                  "trust-principal",
                  Severity.ERROR,
                  file,
                  path + "/" + m.name(),
                  v.line(),
                  v.column(),
                  "expected a principal name string, found " + v.typeName(),
                  null));
          continue;
        }
        String name = type.equals("federated") ? "federated/" + s.value() : s.value();
        if (type.equals("aws")
            && !name.equals("*")
            && !name.startsWith("arn:")
            && !name.startsWith("user/")
            && !name.startsWith("group/")
            && !name.startsWith("role/")) {
          diagnostics.add(
              new Diagnostic(
                  "trust-principal",
                  Severity.ERROR,
                  file,
                  path + "/" + m.name(),
                  v.line(),
                  v.column(),
                  "expected `user/<name>`, `group/<name>`, `role/<name>`, an ARN or `*`, found `"
                      + name
                      + "`",
                  null));
          continue;
        }
        out.add(new Json.JString(v.line(), v.column(), name));
      }
    }
    if (out.isEmpty() && diagnostics.size() == before) {
      diagnostics.add(
          new Diagnostic(
              "trust-principal",
              Severity.ERROR,
              file,
              path,
              p.line(),
              p.column(),
              "names no principal: expected at least one `AWS` or `Federated` name",
              "e.g. {\"AWS\": \"group/Admins\"}"));
    }
    return out;
  }
}
