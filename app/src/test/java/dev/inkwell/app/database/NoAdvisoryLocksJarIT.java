package dev.inkwell.app.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import dev.inkwell.app.RunningJar;
import dev.inkwell.migrations.testing.ScratchDatabase;

/**
 * DB9 without advisory locks, emulated (lock functions revoked from PUBLIC, a non-superuser): the
 * packaged jar migrates an empty database and starts again with nothing to migrate. The compat jar
 * on such a database is compat's {@code NoAdvisoryLocksCompatJarIT}.
 */
class NoAdvisoryLocksJarIT {

  /** Every script of db-migrations (this module's tests run in app/). */
  static final int MIGRATIONS = new java.io.File("../db-migrations/src/main/resources/db/migration").list().length;

  static final String ROLE = "inkwell_jar_no_advisory";
  static final String PASSWORD = "no-locks-here";

  @Test
  void theJarMigratesAnEmptyDatabaseThenFindsNothingToMigrate() throws Exception {
    try (ScratchDatabase db = ScratchDatabase.withoutAdvisoryLocks(ROLE, PASSWORD)) {
      String first;
      try (RunningJar jar = RunningJar.startOn("no-advisory-first", db.url(), ROLE, PASSWORD)) {
        first = Files.readString(jar.log());
      }
      String second;
      try (RunningJar jar = RunningJar.startOn("no-advisory-second", db.url(), ROLE, PASSWORD)) {
        second = Files.readString(jar.log());
      }

      assertThat(first).contains("migrations lock the schema history with a row lock").contains("Successfully applied " + MIGRATIONS + " migrations");
      assertThat(second).contains("is up to date. No migration necessary");
    }
  }
}
