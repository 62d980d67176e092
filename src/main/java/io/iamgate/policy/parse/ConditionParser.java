package io.iamgate.policy.parse;

import io.iamgate.json.Json;
import io.iamgate.json.JsonPointer;
import io.iamgate.policy.Arn;
import io.iamgate.policy.BaseOperator;
import io.iamgate.policy.Condition;
import io.iamgate.policy.ConditionOperator;
import io.iamgate.policy.IpAddresses;
import io.iamgate.policy.OperatorFamily;
import io.iamgate.policy.PolicyBinary;
import io.iamgate.policy.PolicyBooleans;
import io.iamgate.policy.PolicyDates;
import io.iamgate.policy.PolicyNumbers;
import io.iamgate.policy.PolicyVersion;
import io.iamgate.policy.SetQualifier;
import io.iamgate.policy.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Parses and validates a statement's {@code Condition} block (section 1.4 of the specification,
 * docs/policy-language.md): operator names with their {@code IfExists} suffix and set prefixes,
 * context keys, and values checked by the operator's family (section 4.3) at load time — numbers,
 * dates, IP ranges, ARNs, base64 and {@code true}/{@code false}. Reports through the parse's {@link
 * ParseDiagnostics}; never throws on bad input.
 */
final class ConditionParser {
  /** Every valid operator name, for "did you mean" hints. */
  private static final List<String> OPERATOR_NAMES = operatorNames();

  private final ParseDiagnostics d;

  ConditionParser(ParseDiagnostics d) {
    this.d = d;
  }

  private static List<String> operatorNames() {
    List<String> names = new ArrayList<>();
    for (BaseOperator op : BaseOperator.values()) {
      names.add(op.text());
      if (op != BaseOperator.NULL) {
        names.add(op.text() + "IfExists");
        for (SetQualifier q : List.of(SetQualifier.FOR_ALL_VALUES, SetQualifier.FOR_ANY_VALUE)) {
          names.add(q.prefix() + op.text());
          names.add(q.prefix() + op.text() + "IfExists");
        }
      }
    }
    return List.copyOf(names);
  }

  /**
   * Reads a statement's {@code Condition} block at {@code path} into {@code out}: each operator
   * must be known (section 1.4), map context keys to a value or a non-empty array of values, and
   * each value must suit the operator's family (section 4.3); {@code null} adds nothing, since it
   * is reported once for the whole document. Only conditions without errors are added.
   */
  void read(Json j, String path, PolicyVersion version, List<Condition> out) {
    if (j instanceof Json.JNull) {
      return;
    }
    if (!(j instanceof Json.JObject block)) {
      d.error("type", path, j, "expected `Condition` to be an object, found " + j.typeName(), null);
      return;
    }
    for (Json.Member om : block.members()) {
      String op = JsonPointer.child(path, om.name());
      ConditionOperator.Parsed parsed = ConditionOperator.parse(om.name());
      ConditionOperator operator = parsed.operator();
      if (operator == null) {
        d.error(
            "unknown-operator",
            op,
            om,
            Objects.requireNonNull(parsed.error(), "a Parsed without an operator has an error"),
            Hints.didYouMean(om.name(), OPERATOR_NAMES));
        continue;
      }
      if (!(om.value() instanceof Json.JObject keys)) {
        if (!(om.value() instanceof Json.JNull)) {
          d.error(
              "type",
              op,
              om.value(),
              "expected the operator `"
                  + om.name()
                  + "` to map context keys to values, found "
                  + om.value().typeName(),
              "write {\"key\": \"value\"}");
        }
        continue;
      }
      for (Json.Member km : keys.members()) {
        String kp = JsonPointer.child(op, km.name());
        List<String> values = conditionValues(km.value(), kp);
        if (values == null) {
          continue;
        }
        boolean ok = true;
        for (int i = 0; i < values.size(); i++) {
          Json at = km.value() instanceof Json.JArray a ? a.items().get(i) : km.value();
          String vp = km.value() instanceof Json.JArray ? JsonPointer.child(kp, i) : kp;
          ok &= checkConditionValue(operator, values.get(i), version, vp, at);
        }
        if (km.name().isEmpty()) {
          d.error("condition-key", kp, km, "a condition key name must not be empty", null);
          ok = false;
        }
        if (ok) {
          out.add(new Condition(operator, km.name(), values));
        }
      }
    }
  }

  private @Nullable List<String> conditionValues(Json j, String path) {
    String scalar = Json.scalarText(j);
    if (scalar != null) {
      return List.of(scalar);
    }
    if (j instanceof Json.JArray arr) {
      if (arr.items().isEmpty()) {
        d.error(
            "empty",
            path,
            arr,
            "expected at least one condition value, found an empty array",
            null);
        return null;
      }
      List<String> out = new ArrayList<>();
      boolean ok = true;
      for (int i = 0; i < arr.items().size(); i++) {
        Json item = arr.items().get(i);
        String s = Json.scalarText(item);
        if (s == null) {
          ok = false;
          if (!(item instanceof Json.JNull)) {
            d.error(
                "type",
                JsonPointer.child(path, i),
                item,
                "expected a string, number or boolean condition value, found " + item.typeName(),
                null);
          }
        } else {
          out.add(s);
        }
      }
      return ok ? out : null;
    }
    if (!(j instanceof Json.JNull)) {
      d.error(
          "type",
          path,
          j,
          "expected a condition value (string, number, boolean or an array of them), found "
              + j.typeName(),
          null);
    }
    return null;
  }

  private boolean checkConditionValue(
      ConditionOperator operator, String v, PolicyVersion version, String path, Json at) {
    OperatorFamily family = operator.base().family();
    String name = operator.base().text();
    switch (family) {
      case STRING -> {
        return true;
      }
      case NUMERIC -> {
        if (PolicyNumbers.parse(v) == null) {
          d.error(
              "condition-value",
              path,
              at,
              "`" + name + "` expects a number such as `10` or `-1.5`, found `" + v + "`",
              v.contains("${") ? "policy variables are not substituted in numeric values" : null);
          return false;
        }
        return true;
      }
      case DATE -> {
        if (PolicyDates.parse(v) == null) {
          d.error(
              "condition-value",
              path,
              at,
              "`"
                  + name
                  + "` expects a date such as `2026-01-31T12:00:00Z` or epoch seconds, found `"
                  + v
                  + "`",
              v.contains("${") ? "policy variables are not substituted in date values" : null);
          return false;
        }
        return true;
      }
      case BOOL -> {
        if (PolicyBooleans.parse(v) == null
            && !Template.parse(v, version.supportsVariables()).hasVariables()) {
          d.error(
              "condition-value",
              path,
              at,
              "`Bool` expects `true` or `false`, found `" + v + "`",
              null);
          return false;
        }
        return true;
      }
      case BINARY -> {
        if (PolicyBinary.decode(v) == null) {
          d.error(
              "condition-value",
              path,
              at,
              "`BinaryEquals` expects base64 text, found `" + v + "`",
              null);
          return false;
        }
        return true;
      }
      case IP -> {
        if (IpAddresses.parseRange(v) == null) {
          d.error(
              "condition-value",
              path,
              at,
              "`"
                  + name
                  + "` expects an IPv4 or IPv6 address or CIDR block such as `203.0.113.0/24`, found `"
                  + v
                  + "`",
              null);
          return false;
        }
        return true;
      }
      case ARN -> {
        if (Arn.split(v) == null) {
          d.error(
              "condition-value",
              path,
              at,
              "`"
                  + name
                  + "` expects an ARN with six parts (`arn:partition:service:region:account:resource`), found `"
                  + v
                  + "`",
              "use `*` inside a part, e.g. `arn:aws:iam::*:role/*`");
          return false;
        }
        return true;
      }
      case NULL -> {
        if (PolicyBooleans.parse(v) == null) {
          d.error(
              "condition-value",
              path,
              at,
              "`Null` expects `true` or `false`, found `" + v + "`",
              null);
          return false;
        }
        return true;
      }
      default -> throw new IllegalStateException();
    }
  }
}
