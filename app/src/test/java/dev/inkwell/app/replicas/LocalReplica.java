package dev.inkwell.app.replicas;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.inkwell.migrations.testing.TestDatabaseSettings;

/** The project's hot standby (scripts/db.sh replica ...) and what the tests read from both servers. */
final class LocalReplica {

  private LocalReplica() {
  }

  /** {@code scripts/db.sh replica <args>}; fails the test when the script does. */
  static void script(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "replica";
    System.arraycopy(args, 0, command, 1, args.length);
    db(Map.of(), command);
  }

  /** {@code scripts/db.sh <args>} with the given environment (another pair of clusters, say). */
  static void db(Map<String, String> env, String... args) {
    String[] command = new String[args.length + 2];
    command[0] = "bash";
    command[1] = Path.of("..", "scripts", "db.sh").toString();
    System.arraycopy(args, 0, command, 2, args.length);
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("scripts/db.sh " + String.join(" ", args) + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Connection replica() throws SQLException {
    return DriverManager.getConnection(TestDatabaseSettings.replicaUrl(), TestDatabaseSettings.username(), TestDatabaseSettings.password());
  }

  static Connection primary() throws SQLException {
    return DriverManager.getConnection(TestDatabaseSettings.url(), TestDatabaseSettings.username(), TestDatabaseSettings.password());
  }

  /** One number from a fresh statistics snapshot of the test database, as the server at {@code c} counts it. */
  static long databaseStat(Connection c, String column) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_stat_clear_snapshot()");
      try (ResultSet rs = s.executeQuery("SELECT " + column + " FROM pg_stat_database WHERE datname = current_database()")) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static String scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** Polls until the condition holds; false after {@code timeout}. */
  static boolean eventually(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    Instant end = Instant.now().plus(timeout);
    while (Instant.now().isBefore(end)) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(100);
    }
    return condition.getAsBoolean();
  }
}
