package io.iamgate.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iamgate.json.Diagnostic;
import io.iamgate.json.ParseResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundle's {@code analyzer} member. */
class AnalyzerSettingsTest {
  private static ParseResult<Bundle> yaml(String text) {
    return BundleReader.read(BundleFiles.single("b.yaml", "b.yaml", text));
  }

  private static final String BASE =
      """
      groups:
        Admins: {}
      users:
        alice: {groups: [Admins]}
      """;

  @Test
  void adminsAndSuppressionsAreRead() {
    ParseResult<Bundle> r =
        yaml(
            BASE
                + """
                analyzer:
                  admins: [group/Admins, user/alice]
                  suppress:
                    - {code: ADMINISTRATOR_GRANT, path: /policies/All, reason: break-glass}
                    - {code: SENSITIVE_ACTION_WITHOUT_MFA, reason: no MFA here}
                """);
    assertTrue(r.ok(), r.diagnostics().toString());
    Bundle.AnalyzerSettings a = r.value().analyzer();
    assertEquals(List.of("group/Admins", "user/alice"), a.admins());
    assertEquals(
        List.of(
            new Bundle.Suppression("ADMINISTRATOR_GRANT", "/policies/All", "break-glass"),
            new Bundle.Suppression("SENSITIVE_ACTION_WITHOUT_MFA", null, "no MFA here")),
        a.suppressions());
    assertEquals(Bundle.AnalyzerSettings.NONE, yaml(BASE).value().analyzer());
  }

  @Test
  void unknownAdminsAndSuppressionsWithoutAReasonAreErrors() {
    ParseResult<Bundle> r =
        yaml(
            BASE
                + """
                analyzer:
                  admins: [group/Admin, alice]
                  suppress:
                    - {code: ADMINISTRATOR_GRANT}
                    - {code: admin-grant, path: policies, reason: " "}
                  supress: []
                """);
    List<String> errors =
        r.errors().stream().map(d -> d.path() + " " + d.code() + " " + d.message()).toList();
    assertEquals(
        List.of(
            "/analyzer/admins/0 unknown-principal `group/Admin` names no group of this bundle",
            "/analyzer/admins/1 unknown-principal expected `user/<name>`, `group/<name>` or"
                + " `role/<name>`, found `alice`",
            "/analyzer/suppress/0 missing-member `reason` is required here",
            "/analyzer/suppress/1/code analyzer-code expected a finding code in UPPER_SNAKE_CASE,"
                + " found `admin-grant`",
            "/analyzer/suppress/1/path analyzer-path expected a JSON Pointer starting with `/`,"
                + " found `policies`",
            "/analyzer/suppress/1/reason analyzer-reason a suppression needs a reason",
            "/analyzer/supress unknown-member unknown member `supress` in `analyzer`"),
        errors);
    assertTrue(r.errors().stream().allMatch(Diagnostic::isError));
  }
}
