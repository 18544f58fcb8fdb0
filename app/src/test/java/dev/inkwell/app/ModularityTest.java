package dev.inkwell.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The module rules of STYLE.md: no cycles between modules, no module (or app) reaching into another
 * module's internal package, and module APIs that do not expose MyBatis or PageHelper.
 */
class ModularityTest {

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.inkwell");

  @Test
  void modulesHaveNoCycles() {
    slices().matching("dev.inkwell.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void noModuleUsesAnotherModulesInternals() {
    for (String module : new String[] {"users", "tags", "posts", "vectors"}) {
      noClasses().that().resideOutsideOfPackage("dev.inkwell." + module + "..")
          .should().dependOnClassesThat().resideInAPackage("dev.inkwell." + module + ".internal..")
          .because("only " + module + "-module may use its internal package")
          .allowEmptyShould(true)
          .check(CLASSES);
    }
  }

  @Test
  void lowerModulesDoNotDependOnHigherOnes() {
    noClasses().that().resideInAnyPackage("dev.inkwell.users..", "dev.inkwell.tags..", "dev.inkwell.vectors..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.inkwell.posts..", "dev.inkwell.app..")
        .check(CLASSES);
    noClasses().that().resideInAnyPackage("dev.inkwell.users..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.inkwell.tags..", "dev.inkwell.vectors..")
        .check(CLASSES);
    noClasses().that().resideInAnyPackage("dev.inkwell.query..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.inkwell.users..", "dev.inkwell.tags..",
            "dev.inkwell.posts..", "dev.inkwell.vectors..", "dev.inkwell.app..")
        .check(CLASSES);
  }

  @Test
  void moduleApisDoNotMentionMyBatisOrPageHelper() {
    noClasses().that().resideInAnyPackage("dev.inkwell.users", "dev.inkwell.tags", "dev.inkwell.posts",
            "dev.inkwell.vectors", "dev.inkwell.query")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.ibatis..", "com.github.pagehelper..")
        .check(CLASSES);
  }
}
