package io.iamgate.lint;

import io.iamgate.policy.OperatorFamily;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The global condition keys ({@code aws:}) the analyzer knows: their operator families and whether
 * they are multi-valued (docs/policy-language.md, section 4.9, and AWS's list of global keys).
 */
final class GlobalKeys {
  private GlobalKeys() {}

  /** A known key: the operator families that fit it, and whether it is multi-valued. */
  record Key(String name, Set<OperatorFamily> families, boolean multi) {}

  private static final Set<OperatorFamily> STRING = EnumSet.of(OperatorFamily.STRING);
  private static final Set<OperatorFamily> ARN =
      EnumSet.of(OperatorFamily.ARN, OperatorFamily.STRING);
  private static final Set<OperatorFamily> IP = EnumSet.of(OperatorFamily.IP);
  private static final Set<OperatorFamily> BOOL = EnumSet.of(OperatorFamily.BOOL);
  private static final Set<OperatorFamily> DATE = EnumSet.of(OperatorFamily.DATE);

  /** Keys by lower-case name; tag keys by their prefix ({@code aws:principaltag/}). */
  private static final Map<String, Key> KEYS = new LinkedHashMap<>();

  private static final List<String> PREFIXES =
      List.of("aws:PrincipalTag/", "aws:RequestTag/", "aws:ResourceTag/");

  static {
    for (String k :
        List.of(
            "aws:username",
            "aws:userid",
            "aws:PrincipalType",
            "aws:PrincipalAccount",
            "aws:PrincipalOrgID",
            "aws:RequestedRegion",
            "aws:Referer",
            "aws:UserAgent",
            "aws:SourceVpc",
            "aws:SourceVpce",
            "aws:SourceAccount",
            "aws:SourceOrgID",
            "aws:ResourceAccount",
            "aws:ResourceOrgID",
            "aws:PrincipalServiceName",
            "aws:FederatedProvider",
            "aws:SourceIdentity",
            "aws:CalledViaFirst",
            "aws:CalledViaLast",
            "aws:Ec2InstanceSourceVpc")) {
      add(k, STRING, false);
    }
    for (String k :
        List.of(
            "aws:TagKeys",
            "aws:PrincipalOrgPaths",
            "aws:SourceOrgPaths",
            "aws:ResourceOrgPaths",
            "aws:CalledVia",
            "aws:PrincipalServiceNamesList")) {
      add(k, STRING, true);
    }
    add("aws:PrincipalArn", ARN, false);
    add("aws:SourceArn", ARN, false);
    add("aws:SourceIp", IP, false);
    add("aws:VpcSourceIp", IP, false);
    add("aws:Ec2InstanceSourcePrivateIPv4", IP, false);
    add("aws:CurrentTime", DATE, false);
    add("aws:TokenIssueTime", DATE, false);
    add("aws:EpochTime", EnumSet.of(OperatorFamily.DATE, OperatorFamily.NUMERIC), false);
    add("aws:MultiFactorAuthAge", EnumSet.of(OperatorFamily.NUMERIC), false);
    for (String k :
        List.of(
            "aws:MultiFactorAuthPresent",
            "aws:SecureTransport",
            "aws:ViaAWSService",
            "aws:PrincipalIsAWSService")) {
      add(k, BOOL, false);
    }
  }

  private static void add(String name, Set<OperatorFamily> families, boolean multi) {
    KEYS.put(name.toLowerCase(Locale.ROOT), new Key(name, families, multi));
  }

  /** Whether {@code key} is a global key ({@code aws:...}), known or not. */
  static boolean isGlobal(String key) {
    return key.regionMatches(true, 0, "aws:", 0, 4);
  }

  /** The known global key, or {@code null}. */
  static @Nullable Key find(String key) {
    Key k = KEYS.get(key.toLowerCase(Locale.ROOT));
    if (k != null) {
      return k;
    }
    for (String p : PREFIXES) {
      if (key.length() > p.length() && key.regionMatches(true, 0, p, 0, p.length())) {
        return new Key(p, STRING, false);
      }
    }
    return null;
  }

  /** Every known name, for "did you mean" hints (tag keys as {@code aws:PrincipalTag/...}). */
  static List<String> names(String key) {
    List<String> names = new ArrayList<>();
    KEYS.values().forEach(k -> names.add(k.name()));
    int slash = key.indexOf('/');
    for (String p : PREFIXES) {
      names.add(slash < 0 ? p.substring(0, p.length() - 1) : p + key.substring(slash + 1));
    }
    return names;
  }
}
