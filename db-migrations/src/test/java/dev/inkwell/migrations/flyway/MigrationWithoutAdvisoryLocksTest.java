package dev.inkwell.migrations.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.inkwell.migrations.testing.ScratchDatabase;
import dev.inkwell.migrations.testing.TestDatabaseSettings;

/**
 * DB9 without advisory locks, emulated: in a scratch database the lock functions are revoked from
 * PUBLIC and Flyway connects as a non-superuser. It still migrates an empty database, then finds
 * nothing to do, and two migrators started together apply each script once.
 */
@ExtendWith(OutputCaptureExtension.class)
class MigrationWithoutAdvisoryLocksTest {

  static final String ROLE = "inkwell_no_advisory";
  static final int SCRIPTS = new java.io.File("src/main/resources/db/migration").list().length;

  private static ScratchDatabase withoutAdvisoryLocks() throws Exception {
    return ScratchDatabase.withoutAdvisoryLocks(ROLE, "no-locks");
  }

  private static Flyway flyway(ScratchDatabase db) {
    return Flyway.configure().dataSource(db.url(), ROLE, "no-locks").locations("classpath:db/migration")
        .placeholders(Migrations.DEFAULT_PLACEHOLDERS).baselineOnMigrate(true).load();
  }

  @Test
  void theProbeTellsTheTwoServersApart() throws Exception {
    try (ScratchDatabase db = withoutAdvisoryLocks();
        Connection revoked = DriverManager.getConnection(db.url(), ROLE, "no-locks");
        Connection normal = DriverManager.getConnection(TestDatabaseSettings.url(), TestDatabaseSettings.username(),
            TestDatabaseSettings.password())) {
      assertThat(RowLockPostgreSQLDatabaseType.advisoryLockFailure(revoked)).startsWith("42501");
      assertThat(RowLockPostgreSQLDatabaseType.advisoryLockFailure(normal)).isNull();
      assertThat(revoked.getAutoCommit()).isTrue();
    }
  }

  @Test
  void migratesAnEmptyDatabaseThenHasNothingToDo(CapturedOutput output) throws Exception {
    // The choice is logged at INFO; the tests' logback-test.xml shows WARN and above.
    ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(RowLockPostgreSQLDatabaseType.class);
    log.setLevel(ch.qos.logback.classic.Level.INFO);
    try (ScratchDatabase db = withoutAdvisoryLocks()) {
      MigrateResult first = flyway(db).migrate();
      MigrateResult second = flyway(db).migrate();

      assertThat(first.migrationsExecuted).isEqualTo(SCRIPTS);
      assertThat(second.migrationsExecuted).isZero();
      assertThat(output).contains("Advisory locks are not available (42501")
          .contains("migrations lock the schema history with a row lock");
      JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
      assertThat(jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE description = 'flyway-lock'",
          Integer.class)).isZero();
      assertThat(jdbc.queryForObject("SELECT count(*) FROM users", Integer.class)).isZero();
    } finally {
      log.setLevel(null);
    }
  }

  @Test
  void twoMigratorsStartingTogetherApplyEachScriptOnce() throws Exception {
    try (ScratchDatabase db = withoutAdvisoryLocks()) {
      // As the service starts them (Migrations.migrate: a migrator that looks between the other's
      // history table and its baseline row tries again).
      CompletableFuture<MigrateResult> a = CompletableFuture.supplyAsync(() -> Migrations.migrate(flyway(db)));
      CompletableFuture<MigrateResult> b = CompletableFuture.supplyAsync(() -> Migrations.migrate(flyway(db)));

      List<MigrateResult> results = List.of(a.get(), b.get());

      assertThat(results).allMatch(r -> r.success);
      assertThat(results.get(0).migrationsExecuted + results.get(1).migrationsExecuted).isEqualTo(SCRIPTS);
      JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
      assertThat(jdbc.queryForList("SELECT version FROM flyway_schema_history WHERE type = 'SQL' ORDER BY 1", String.class))
          .hasSize(SCRIPTS).doesNotHaveDuplicates();
    }
  }
}
