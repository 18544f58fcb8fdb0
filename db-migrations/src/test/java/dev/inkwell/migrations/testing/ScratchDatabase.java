package dev.inkwell.migrations.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database of its own for a test that needs an empty or specially prepared one (migrating a
 * database created by the guide's setup.ts, health going DOWN). Created next to the test database
 * through the same server and role, dropped by {@link #close()} even if sessions are still open.
 */
public final class ScratchDatabase implements AutoCloseable {

  private final String adminUrl;
  private final String username;
  private final String password;
  private final String name;

  private ScratchDatabase(String adminUrl, String username, String password, String name) {
    this.adminUrl = adminUrl;
    this.username = username;
    this.password = password;
    this.name = name;
  }

  /** Creates {@code <prefix>_<random>} on the server that {@code testDatabaseUrl} points at. */
  public static ScratchDatabase create(String testDatabaseUrl, String username, String password, String prefix)
      throws SQLException {
    String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    ScratchDatabase db = new ScratchDatabase(testDatabaseUrl, username, password, name);
    db.admin("CREATE DATABASE " + name);
    try (Connection c = DriverManager.getConnection(db.url(), username, password);
        Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS vector");
    }
    return db;
  }

  /**
   * A scratch database where {@code role} (created if missing, with {@code password}) may create
   * tables but not take an advisory lock: the lock functions are revoked from PUBLIC there, as DB9's
   * migration guide lists them as unsupported.
   */
  public static ScratchDatabase withoutAdvisoryLocks(String role, String password) throws SQLException {
    ScratchDatabase db = create(TestDatabaseSettings.url(), TestDatabaseSettings.username(), TestDatabaseSettings.password(),
        "noadvisory");
    db.admin("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN "
        + "CREATE ROLE " + role + " LOGIN; END IF; END $$");
    db.admin("ALTER ROLE " + role + " PASSWORD '" + password + "'");
    db.admin("GRANT ALL ON DATABASE " + db.name() + " TO " + role);
    try (Connection c = DriverManager.getConnection(db.url(), db.username, db.password); Statement s = c.createStatement()) {
      s.execute("GRANT ALL ON SCHEMA public TO " + role);
      s.execute("REVOKE EXECUTE ON FUNCTION pg_try_advisory_xact_lock(bigint), pg_try_advisory_lock(bigint), "
          + "pg_advisory_lock(bigint), pg_advisory_xact_lock(bigint), pg_advisory_unlock(bigint) FROM PUBLIC");
    }
    return db;
  }

  public String name() {
    return name;
  }

  /** The JDBC URL of the scratch database: the test database's URL with its name swapped. */
  public String url() {
    return adminUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
  }

  public DataSource dataSource() {
    return new DriverManagerDataSource(url(), username, password);
  }

  /** Runs a statement outside the scratch database (CREATE/ALTER/DROP DATABASE). */
  public void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(adminUrl, username, password);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public void close() throws SQLException {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }
}
