package dev.inkwell.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.inkwell.compat.Outcome.Status;
import dev.inkwell.migrations.testing.DmlCap;

/**
 * Every check of the compatibility suite as a JUnit test, against the local PostgreSQL (or whatever
 * SPRING_DATASOURCE_* names), in the suite's own schema: each must pass, and only the checks that
 * describe how this server differs from DB9 may (and must) be notes.
 */
class CompatSuiteTest {

  static final int CHECKS = 145;

  /** On the project-local PostgreSQL: no TLS asked for, a superuser (bypasses RLS), no embedding(). */
  static final Set<String> NOTES_HERE = Set.of(
      "Connection and pooling / TLS when the URL asks for it",
      "Server limits / row-level security",
      "Server limits / DB9's embedding() function",
      "Replication and read replicas / streaming standbys of this server");

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

    assertThat(checks).hasSize(CHECKS);
    assertThat(checks).extracting(Check::id).containsAll(NOTES_HERE);
    assertThat(checks).extracting(Check::category).hasSameElementsAs(CompatSuite.CATEGORIES);
    assertThat(checks).extracting(Check::id).doesNotHaveDuplicates();
  }

  /** DB9's 10,000-row cap emulated by triggers in the run's schema: the probe finds it and says so. */
  @Test
  void theDmlCapProbeFindsAnEmulatedCap() {
    JdbcTemplate jdbc = session.context().jdbc;
    Check probe = CompatSuite.checks().stream().filter(c -> c.name().startsWith("DML cap")).findFirst().orElseThrow();
    DmlCap.installAlwaysOn().forEach(jdbc::execute);
    CompatResult result;
    try {
      result = CompatRunner.run(session.context(), probe, null);
    } finally {
      DmlCap.uninstall().forEach(jdbc::execute);
    }

    assertThat(result.outcome().status()).isEqualTo(Status.NOTE);
    assertThat(result.outcome().detail()).startsWith("a DML statement of more than 10000 rows fails")
        .contains("over the cap of 10000").endsWith("Inkwell writes 5000 rows per statement");
  }

  @TestFactory
  Stream<DynamicTest> everyCheckPasses() {
    return CompatSuite.checks().stream().map(check -> DynamicTest.dynamicTest(check.id(), () -> {
      CompatResult result = CompatRunner.run(session.context(), check, null);

      assertThat(result.outcome().status()).as(check.id() + ": " + result.outcome().detail())
          .isEqualTo(NOTES_HERE.contains(check.id()) ? Status.NOTE : Status.PASS);
    }));
  }
}
