package dev.inkwell.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The module rules of STYLE.md: no cycles between modules or between the packages inside one, no
 * module (or app) reaching into another module's internal package, module APIs that do not expose
 * MyBatis or PageHelper, and none of the tools (compat, load, bench) in the service. The compat
 * module's own rules are its {@code CompatRulesTest}.
 */
class ModularityTest {

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.inkwell");

  @Test
  void modulesHaveNoCycles() {
    slices().matching("dev.inkwell.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  /**
   * Every package is a slice here, so a cycle inside one module (query to query.sql and back) fails
   * too. A module's {@code internal} package counts as part of its API package: the facade calls the
   * mappers and the mappers speak the API's records, a pairing STYLE.md lays out on purpose.
   */
  @Test
  void packagesHaveNoCycles() {
    slices().assignedFrom(new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        String pkg = javaClass.getPackageName();
        return pkg.startsWith("dev.inkwell") ? SliceIdentifier.of(pkg.replaceFirst("\\.internal(\\..*)?$", "")) : SliceIdentifier.ignore();
      }

      @Override
      public String getDescription() {
        return "packages of dev.inkwell, internal folded into its API package";
      }
    }).should().beFreeOfCycles().check(CLASSES);
  }

  /** The tools depend on the service, never the reverse: their classes are not even on its classpath. */
  @Test
  void theServiceHoldsNoTool() {
    assertThat(CLASSES.stream().map(c -> c.getPackageName())
        .filter(p -> p.matches("dev\\.inkwell\\.(compat|load|bench)(\\..*)?")).distinct().toList()).isEmpty();
    assertThat(CLASSES.stream().filter(c -> c.getPackageName().startsWith("dev.inkwell.app.")).count()).isPositive();
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

  /** Mapper XML keeps the same rule: another module's SQL is included from its published files (UserSql.xml). */
  @Test
  void noMapperXmlUsesAnotherModulesInternals() throws Exception {
    Pattern reference = Pattern.compile("(?:refid|resultMap|extends)=\"dev\\.inkwell\\.(\\w+)\\.internal\\.");
    List<String> violations = new ArrayList<>();
    Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:dev/inkwell/**/*.xml");
    for (Resource file : files) {
      String path = file.getURL().toString();
      String owner = path.replaceFirst(".*/dev/inkwell/(\\w+)/.*", "$1");
      Matcher m = reference.matcher(file.getContentAsString(StandardCharsets.UTF_8));
      while (m.find()) {
        if (!m.group(1).equals(owner)) {
          violations.add(path.replaceFirst(".*/dev/inkwell/", "") + " uses " + m.group(0));
        }
      }
    }
    assertThat(files).hasSizeGreaterThan(8);
    assertThat(violations).isEmpty();
  }

  @Test
  void lowerModulesDoNotDependOnHigherOnes() {
    noClasses().that().resideInAnyPackage("dev.inkwell.users..", "dev.inkwell.tags..", "dev.inkwell.vectors..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.inkwell.posts..", "dev.inkwell.app..")
        .check(CLASSES);
    noClasses().that().resideInAnyPackage("dev.inkwell.users..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.inkwell.tags..", "dev.inkwell.vectors..")
        .check(CLASSES);
    noClasses().that().resideInAnyPackage("dev.inkwell.embedder..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.inkwell.query..", "dev.inkwell.users..",
            "dev.inkwell.tags..", "dev.inkwell.posts..", "dev.inkwell.vectors..", "dev.inkwell.app..")
        .because("the model knows text and vectors, nothing of the tables")
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
