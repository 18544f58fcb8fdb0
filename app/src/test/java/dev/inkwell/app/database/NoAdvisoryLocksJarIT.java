package dev.inkwell.app.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import dev.inkwell.app.RunningJar;
import dev.inkwell.migrations.testing.ScratchDatabase;

/**
 * DB9 without advisory locks, emulated (lock functions revoked from PUBLIC, a non-superuser): the
 * packaged jar migrates an empty database, starts again with nothing to migrate, and {@code compat}
 * prints its whole table, reporting the missing locks as a note.
 */
class NoAdvisoryLocksJarIT {

  static final String ROLE = "inkwell_jar_no_advisory";
  static final String PASSWORD = "no-locks-here";

  @Test
  void theJarMigratesTwiceAndCompatReports() throws Exception {
    try (ScratchDatabase db = ScratchDatabase.withoutAdvisoryLocks(ROLE, PASSWORD)) {
      String first;
      try (RunningJar jar = RunningJar.startOn("no-advisory-first", db.url(), ROLE, PASSWORD)) {
        first = Files.readString(jar.log());
      }
      String second;
      try (RunningJar jar = RunningJar.startOn("no-advisory-second", db.url(), ROLE, PASSWORD)) {
        second = Files.readString(jar.log());
      }
      RunningJar.Command compat = RunningJar.command("compat", "--spring.datasource.url=" + db.url(),
          "--spring.datasource.username=" + ROLE, "--spring.datasource.password=" + PASSWORD);

      assertThat(first).contains("migrations lock the schema history with a row lock").contains("Successfully applied 7 migrations");
      assertThat(second).contains("is up to date. No migration necessary");
      assertThat(compat.out()).contains("Category").contains("Server limits").containsPattern("\\d+/\\d+ passed")
          .contains("NOTE    Server limits / advisory locks: taken in one session, they exclude another: "
              + "advisory locks are not available").doesNotContain(PASSWORD);
      assertThat(compat.exit()).as(compat.out()).isZero();
    }
  }
}
