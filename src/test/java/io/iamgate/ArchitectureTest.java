package io.iamgate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layering, declared once. Each layer names the layers that may use it; a package that
 * is not declared here fails {@link #everyPackageIsALayer()}, so a new package is constrained from
 * its first class. The README's "What is where" table is this declaration in prose.
 *
 * <p>The data path reads from the bottom up: event ({@code gateway}) → credentials ({@code authn})
 * → principal ({@code identity}) → compiled set ({@code compile}, cached by {@code store}) →
 * decision ({@code eval}, reached through {@code facade}) → response ({@code authorizer}) →
 * decision event ({@code audit}).
 */
class ArchitectureTest {
  private static JavaClasses imported;

  @BeforeAll
  static void importClasses() {
    imported =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.iamgate");
  }

  /** The layers, bottom first; each {@code whereLayer} lists who may use it. */
  static LayeredArchitecture layers() {
    return layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("json")
        .definedBy("io.iamgate.json")
        .layer("policy")
        .definedBy("io.iamgate.policy")
        .layer("policy.parse")
        .definedBy("io.iamgate.policy.parse")
        .layer("compile")
        .definedBy("io.iamgate.compile")
        .layer("eval")
        .definedBy("io.iamgate.eval")
        .layer("analyze")
        .definedBy("io.iamgate.analyze")
        .layer("batch")
        .definedBy("io.iamgate.batch")
        .layer("workload")
        .definedBy("io.iamgate.workload")
        .layer("bundle")
        .definedBy("io.iamgate.bundle..")
        .layer("lint")
        .definedBy("io.iamgate.lint")
        .layer("store")
        .definedBy("io.iamgate.store")
        .layer("identity")
        .definedBy("io.iamgate.identity")
        .layer("facade")
        .definedBy("io.iamgate.facade")
        .layer("authn")
        .definedBy("io.iamgate.authn")
        .layer("audit")
        .definedBy("io.iamgate.audit")
        .layer("gateway")
        .definedBy("io.iamgate.gateway")
        .layer("authorizer")
        .definedBy("io.iamgate.authorizer")
        .layer("lambda")
        .definedBy("io.iamgate.lambda")
        .layer("trail")
        .definedBy("io.iamgate.trail")
        .layer("cli")
        .definedBy("io.iamgate.cli")
        // who may use each layer
        .whereLayer("cli")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("lambda")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("trail")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("authorizer")
        .mayOnlyBeAccessedByLayers("lambda", "cli")
        .whereLayer("gateway")
        .mayOnlyBeAccessedByLayers("authorizer", "lambda")
        .whereLayer("audit")
        .mayOnlyBeAccessedByLayers(
            "store", "identity", "authn", "authorizer", "lambda", "trail", "cli")
        .whereLayer("authn")
        .mayOnlyBeAccessedByLayers("gateway", "authorizer", "cli")
        .whereLayer("facade")
        .mayOnlyBeAccessedByLayers("authorizer", "lambda", "trail", "cli")
        .whereLayer("identity")
        .mayOnlyBeAccessedByLayers("facade", "gateway", "authorizer", "trail", "cli")
        .whereLayer("store")
        .mayOnlyBeAccessedByLayers("identity", "facade", "authorizer", "lambda", "trail", "cli")
        .whereLayer("bundle")
        .mayOnlyBeAccessedByLayers(
            "lint",
            "store",
            "identity",
            "facade",
            "authn",
            "gateway",
            "authorizer",
            "lambda",
            "trail",
            "cli")
        .whereLayer("lint")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("workload")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("batch")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("analyze")
        .mayOnlyBeAccessedByLayers("authorizer", "cli")
        .whereLayer("eval")
        .mayOnlyBeAccessedByLayers(
            "analyze",
            "batch",
            "identity",
            "facade",
            "audit",
            "gateway",
            "authorizer",
            "lambda",
            "trail",
            "cli")
        .whereLayer("compile")
        .mayOnlyBeAccessedByLayers(
            "eval",
            "analyze",
            "batch",
            "store",
            "identity",
            "facade",
            "audit",
            "authorizer",
            "trail",
            "cli")
        .whereLayer("policy.parse")
        .mayOnlyBeAccessedByLayers(
            "batch", "bundle", "lint", "store", "identity", "authorizer", "trail", "cli")
        .whereLayer("policy")
        .mayOnlyBeAccessedByLayers(
            "policy.parse",
            "compile",
            "eval",
            "analyze",
            "batch",
            "bundle",
            "lint",
            "store",
            "identity",
            "facade",
            "authn",
            "audit",
            "gateway",
            "authorizer",
            "trail",
            "cli")
        .whereLayer("json")
        .mayOnlyBeAccessedByLayers(
            "policy.parse",
            "batch",
            "bundle",
            "lint",
            "store",
            "audit",
            "gateway",
            "authorizer",
            "lambda",
            "trail",
            "cli");
  }

  @Test
  void eachLayerIsUsedOnlyByTheLayersAboveIt() {
    layers().check(imported);
  }

  @Test
  void noPackagesDependOnEachOtherInACycle() {
    slices().matching("io.iamgate.(*)..").should().beFreeOfCycles().check(imported);
  }

  @Test
  void everyPackageIsALayer() {
    classes()
        .that()
        .resideInAPackage("io.iamgate..")
        .should()
        .resideInAnyPackage(
            "io.iamgate.json",
            "io.iamgate.policy",
            "io.iamgate.policy.parse",
            "io.iamgate.compile",
            "io.iamgate.eval",
            "io.iamgate.analyze",
            "io.iamgate.batch",
            "io.iamgate.workload",
            "io.iamgate.bundle..",
            "io.iamgate.lint",
            "io.iamgate.store",
            "io.iamgate.identity",
            "io.iamgate.facade",
            "io.iamgate.authn",
            "io.iamgate.audit",
            "io.iamgate.gateway",
            "io.iamgate.authorizer",
            "io.iamgate.lambda",
            "io.iamgate.trail",
            "io.iamgate.cli")
        .because("every package must be declared as a layer in layers()")
        .check(imported);
  }

  @Test
  void theEngineCoreUsesOnlyTheJdkAndJacksonCore() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.iamgate.json",
            "io.iamgate.policy..",
            "io.iamgate.compile",
            "io.iamgate.eval",
            "io.iamgate.analyze",
            "io.iamgate.workload")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages(
            "io.iamgate..", "java..", "org.jspecify..", "com.fasterxml.jackson.core..")
        .check(imported);
  }

  @Test
  void theEmbeddableLayersNeverSeeAwsLambdaOrPicocli() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.iamgate.json",
            "io.iamgate.policy..",
            "io.iamgate.compile",
            "io.iamgate.eval",
            "io.iamgate.analyze",
            "io.iamgate.bundle..",
            "io.iamgate.identity",
            "io.iamgate.facade",
            "io.iamgate.audit",
            "io.iamgate.trail")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "com.amazonaws..", "software.amazon..", "picocli..", "com.nimbusds..", "org.crac..")
        .check(imported);
  }

  @Test
  void onlyTheLambdaEntryPointSeesTheLambdaRuntime() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.iamgate.lambda")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.amazonaws.services.lambda..", "org.crac..")
        .check(imported);
  }

  @Test
  void onlyTheStoreSeesTheAwsSdk() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.iamgate.store")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("software.amazon..")
        .check(imported);
  }

  @Test
  void onlyTheCliSeesPicocli() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.iamgate.cli")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("picocli..")
        .check(imported);
  }

  @Test
  void onlyAuthenticationSeesNimbus() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.iamgate.authn")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.nimbusds..")
        .check(imported);
  }
}
