package dev.inkwell.app.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.inkwell.app.compat.Outcome.Status;

/**
 * Every check of the compatibility suite as a JUnit test, against the local PostgreSQL (or whatever
 * SPRING_DATASOURCE_* names), in the suite's own schema: each must pass (a note is a pass).
 */
class CompatSuiteTest {

  static CompatSession session;

  @BeforeAll
  static void open() throws Exception {
    session = CompatSession.open();
  }

  @AfterAll
  static void close() {
    session.close();
  }

  @Test
  void theSuiteIsLargerThanTheGuidesAndCoversItsSevenCategories() {
    List<Check> checks = CompatSuite.checks();

    assertThat(checks.size()).isGreaterThanOrEqualTo(100);
    assertThat(checks).extracting(Check::category).containsOnlyElementsOf(CompatSuite.CATEGORIES).containsAll(CompatSuite.CATEGORIES);
    assertThat(checks).extracting(Check::id).doesNotHaveDuplicates();
  }

  @TestFactory
  Stream<DynamicTest> everyCheckPasses() {
    return CompatSuite.checks().stream().map(check -> DynamicTest.dynamicTest(check.id(), () -> {
      CompatResult result = CompatRunner.run(session.context(), check, null);

      assertThat(result.outcome().status()).as(check.id() + ": " + result.outcome().detail()).isIn(Status.PASS, Status.NOTE);
    }));
  }
}
