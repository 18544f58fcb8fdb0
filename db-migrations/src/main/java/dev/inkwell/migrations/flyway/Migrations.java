package dev.inkwell.migrations.flyway;

import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Flyway's migrate, tried again when another instance is migrating the same new database at that
 * very moment. An instance that finds no history table, and then finds the schema not empty (the
 * other instance's history table has just appeared), takes baseline-on-migrate's path, finds that
 * table still without rows and stops with "Unable to baseline ... already exists, and is empty". Tried
 * again, it sees the history table and migrates under its lock like any second instance. Seen in
 * MigrationWithoutAdvisoryLocksTest's two migrators starting together.
 */
public final class Migrations {

  static final int ATTEMPTS = 5;

  /**
   * The scripts' placeholders with their defaults, for a Flyway configured by hand (the service and
   * the modules' tests set them through spring.flyway.placeholders, config/persistence-defaults.yml).
   */
  public static final Map<String, String> DEFAULT_PLACEHOLDERS = Map.of("search_language", "english");

  private Migrations() {
  }

  public static MigrateResult migrate(Flyway flyway) {
    for (int attempt = 1; ; attempt++) {
      try {
        return flyway.migrate();
      } catch (FlywayException e) {
        if (attempt >= ATTEMPTS || !isConcurrentBaseline(e)) {
          throw e;
        }
        pause(200L * attempt);
      }
    }
  }

  static boolean isConcurrentBaseline(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && message.contains("Unable to baseline schema history table")
          && message.contains("already exists, and is empty")) {
        return true;
      }
    }
    return false;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
