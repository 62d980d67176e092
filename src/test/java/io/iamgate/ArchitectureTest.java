package io.iamgate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of craft.md: the engine core ({@code policy}, {@code policy.parse}, {@code compile},
 * {@code eval}) uses only the JDK and Jackson, and each layer only the layers below it.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.iamgate");
  }

  @Test
  void policyModelDependsOnNothingButTheJdk() {
    classes()
        .that()
        .resideInAPackage("io.iamgate.policy")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("io.iamgate.policy", "java..", "org.jspecify..")
        .check(classes);
  }

  @Test
  void parserUsesOnlyTheModelAndJacksonCore() {
    classes()
        .that()
        .resideInAPackage("io.iamgate.policy.parse")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.iamgate.policy..", "java..", "org.jspecify..", "com.fasterxml.jackson.core..")
        .check(classes);
  }

  @Test
  void compilerUsesOnlyTheModel() {
    classes()
        .that()
        .resideInAPackage("io.iamgate.compile")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("io.iamgate.policy", "io.iamgate.compile", "java..", "org.jspecify..")
        .check(classes);
  }

  @Test
  void evaluatorUsesOnlyCompiledPoliciesAndTheModel() {
    classes()
        .that()
        .resideInAPackage("io.iamgate.eval")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.iamgate.policy",
            "io.iamgate.compile",
            "io.iamgate.eval",
            "java..",
            "org.jspecify..")
        .check(classes);
  }

  @Test
  void engineCoreNeverSeesAwsCaffeineOrPicocli() {
    noClasses()
        .that()
        .resideInAnyPackage("io.iamgate.policy..", "io.iamgate.compile..", "io.iamgate.eval..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "com.amazonaws..", "software.amazon..", "com.github.benmanes..", "picocli..")
        .check(classes);
  }

  @Test
  void bundlesUseOnlyThePolicyLayersAndJackson() {
    classes()
        .that()
        .resideInAPackage("io.iamgate.bundle")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.iamgate.bundle",
            "io.iamgate.policy..",
            "java..",
            "org.jspecify..",
            "com.fasterxml.jackson..")
        .check(classes);
  }

  @Test
  void identityNeverSeesAwsOrTheStore() {
    classes()
        .that()
        .resideInAPackage("io.iamgate.identity")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.iamgate.identity",
            "io.iamgate.bundle",
            "io.iamgate.compile",
            "io.iamgate.eval",
            "io.iamgate.policy..",
            "java..",
            "org.jspecify..")
        .check(classes);
  }

  @Test
  void theFacadeExposesNoAwsTypes() {
    noClasses()
        .that()
        .resideInAPackage("io.iamgate.authz")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("software.amazon..", "com.amazonaws..")
        .check(classes);
  }

  @Test
  void theGatewayEdgeOnlyReadsAndWritesJson() {
    classes()
        .that()
        .resideInAPackage("io.iamgate.gateway")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.iamgate.gateway",
            "io.iamgate.policy.parse",
            "java..",
            "org.jspecify..",
            "com.fasterxml.jackson.core..")
        .check(classes);
  }

  @Test
  void authenticationSeesNeitherTheGatewayNorTheStore() {
    noClasses()
        .that()
        .resideInAPackage("io.iamgate.auth")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.iamgate.gateway..", "io.iamgate.store..", "software.amazon..")
        .check(classes);
  }

  @Test
  void nothingDependsOnTheCli() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.iamgate.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.iamgate.cli..")
        .check(classes);
  }
}
