package dev.inkwell.compat;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * STYLE.md's rules for a tool: compat runs the service through its public APIs only, and nothing of
 * the service reaches back into compat (the service's own ModularityTest also finds no compat class
 * on its classpath).
 */
class CompatRulesTest {

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.inkwell");

  @Test
  void compatUsesNoModulesInternals() {
    noClasses().that().resideInAPackage("dev.inkwell.compat..")
        .should().dependOnClassesThat().resideInAPackage("..internal..")
        .check(CLASSES);
  }

  @Test
  void nothingOfTheServiceUsesCompat() {
    noClasses().that().resideOutsideOfPackage("dev.inkwell.compat..")
        .should().dependOnClassesThat().resideInAPackage("dev.inkwell.compat..")
        .check(CLASSES);
  }
}
