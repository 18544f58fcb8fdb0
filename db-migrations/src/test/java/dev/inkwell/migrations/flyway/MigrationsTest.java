package dev.inkwell.migrations.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

/**
 * Which failures Migrations.migrate tries again: only the concurrent-baseline one, wherever it is
 * wrapped. (The race itself: MigrationWithoutAdvisoryLocksTest's two migrators starting together.)
 */
class MigrationsTest {

  private static final String RACE = "Unable to baseline schema history table \"public\".\"flyway_schema_history\" "
      + "as it already exists, and is empty.\nDelete the schema history table, and run baseline again.";

  @Test
  void theConcurrentBaselineIsTriedAgain() {
    assertThat(Migrations.isConcurrentBaseline(new FlywayException("Unable to baseline", new FlywayException(RACE)))).isTrue();
  }

  @Test
  void otherFailuresAreNot() {
    assertThat(Migrations.isConcurrentBaseline(new FlywayException("Validate failed: Migrations have failed validation"))).isFalse();
    assertThat(Migrations.isConcurrentBaseline(new FlywayException(
        "Unable to baseline schema history table \"public\".\"flyway_schema_history\" as it already contains migrations"))).isFalse();
  }
}
