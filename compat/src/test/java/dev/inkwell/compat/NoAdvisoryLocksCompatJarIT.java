package dev.inkwell.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.inkwell.app.RunningJar;
import dev.inkwell.migrations.testing.ScratchDatabase;

/**
 * DB9 without advisory locks, emulated (lock functions revoked from PUBLIC, a non-superuser): the
 * packaged inkwell-compat.jar prints its whole table and reports the missing locks as a note. The
 * service jar's own runs on such a database are app's {@code NoAdvisoryLocksJarIT}.
 */
class NoAdvisoryLocksCompatJarIT {

  static final String ROLE = "inkwell_compat_no_advisory";
  static final String PASSWORD = "no-locks-here";

  @Test
  void theCompatJarReportsTheMissingLocksAsANote() throws Exception {
    try (ScratchDatabase db = ScratchDatabase.withoutAdvisoryLocks(ROLE, PASSWORD)) {
      RunningJar.Command compat = RunningJar.run(Path.of("target", "inkwell-compat.jar"),
          "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + ROLE, "--spring.datasource.password=" + PASSWORD);

      assertThat(compat.out()).contains("Category").contains("Server limits").containsPattern("\\d+/\\d+ passed")
          .contains("NOTE    Server limits / advisory locks: taken in one session, they exclude another: "
              + "advisory locks are not available").doesNotContain(PASSWORD);
      assertThat(compat.exit()).as(compat.out()).isZero();
    }
  }
}
