package dev.inkwell.migrations.flyway;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogFactory;
import org.flywaydb.core.internal.database.base.Database;
import org.flywaydb.core.internal.jdbc.JdbcConnectionFactory;
import org.flywaydb.core.internal.jdbc.StatementInterceptor;
import org.flywaydb.database.postgresql.PostgreSQLDatabaseType;

/**
 * PostgreSQL, checked before Flyway's own type: it claims a server only when a transaction-scoped
 * advisory lock cannot be taken there (function missing, not supported, or not permitted), and says
 * in one log line which way the migrations will lock.
 */
public class RowLockPostgreSQLDatabaseType extends PostgreSQLDatabaseType {

  private static final Log LOG = LogFactory.getLog(RowLockPostgreSQLDatabaseType.class);

  @Override
  public String getName() {
    return "PostgreSQL";
  }

  @Override
  public int getPriority() {
    return super.getPriority() + 1;
  }

  @Override
  public boolean handlesDatabaseProductNameAndVersion(String productName, String version, Connection connection) {
    if (!super.handlesDatabaseProductNameAndVersion(productName, version, connection)) {
      return false;
    }
    return !PROBED.computeIfAbsent(server(connection), key -> {
      String failure = advisoryLockFailure(connection);
      if (failure == null) {
        LOG.info("Migrations lock the schema history with a PostgreSQL advisory lock");
      } else {
        LOG.info("Advisory locks are not available (" + failure + "): migrations lock the schema history with a row lock");
      }
      return failure == null;
    });
  }

  /** Whether advisory locks work, per server URL and user: Flyway asks for every connection it opens. */
  private static final Map<String, Boolean> PROBED = new ConcurrentHashMap<>();

  private static String server(Connection connection) {
    try {
      return connection.getMetaData().getUserName() + "@" + connection.getMetaData().getURL();
    } catch (SQLException e) {
      return "unknown@" + System.identityHashCode(connection);
    }
  }

  /** Null when {@code pg_try_advisory_xact_lock} works in a transaction; else why not. */
  static String advisoryLockFailure(Connection connection) {
    try {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try (Statement s = connection.createStatement()) {
        s.execute("SELECT pg_try_advisory_xact_lock(77431708279161)");
        return null;
      } catch (SQLException e) {
        return e.getSQLState() + " " + firstLine(e.getMessage());
      } finally {
        connection.rollback();
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      return e.getSQLState() + " " + firstLine(e.getMessage());
    }
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  @Override
  public Database createDatabase(Configuration configuration, JdbcConnectionFactory connections,
      StatementInterceptor interceptor) {
    return new RowLockPostgreSQLDatabase(configuration, connections, interceptor);
  }
}
