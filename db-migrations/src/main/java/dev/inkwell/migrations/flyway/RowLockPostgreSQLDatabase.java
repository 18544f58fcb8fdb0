package dev.inkwell.migrations.flyway;

import java.util.concurrent.Callable;

import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.database.InsertRowLock;
import org.flywaydb.core.internal.database.base.Schema;
import org.flywaydb.core.internal.database.base.Table;
import org.flywaydb.core.internal.jdbc.ExecutionTemplateFactory;
import org.flywaydb.core.internal.jdbc.JdbcConnectionFactory;
import org.flywaydb.core.internal.jdbc.JdbcTemplate;
import org.flywaydb.core.internal.jdbc.StatementInterceptor;
import org.flywaydb.database.postgresql.PostgreSQLConnection;
import org.flywaydb.database.postgresql.PostgreSQLDatabase;
import org.flywaydb.database.postgresql.PostgreSQLSchema;
import org.flywaydb.database.postgresql.PostgreSQLTable;

/** Flyway's PostgreSQL database, with the schema history locked by a row instead of an advisory lock. */
class RowLockPostgreSQLDatabase extends PostgreSQLDatabase {

  RowLockPostgreSQLDatabase(Configuration configuration, JdbcConnectionFactory connections,
      StatementInterceptor interceptor) {
    super(configuration, connections, interceptor);
  }

  @Override
  protected PostgreSQLConnection doGetConnection(java.sql.Connection connection) {
    return new RowLockConnection(this, connection);
  }

  /** Locks as Flyway's base connection does: the table's own lock, in the migration's transaction. */
  static final class RowLockConnection extends PostgreSQLConnection {

    RowLockConnection(PostgreSQLDatabase database, java.sql.Connection connection) {
      super(database, connection);
    }

    @Override
    public <T> T lock(Table table, Callable<T> callable) {
      return ExecutionTemplateFactory.createTableExclusiveExecutionTemplate(jdbcTemplate.getConnection(), table, database)
          .execute(callable);
    }

    @Override
    public Schema getSchema(String name) {
      return new RowLockSchema(jdbcTemplate, database, name);
    }
  }

  static final class RowLockSchema extends PostgreSQLSchema {

    RowLockSchema(JdbcTemplate jdbcTemplate, PostgreSQLDatabase database, String name) {
      super(jdbcTemplate, database, name);
    }

    @Override
    public PostgreSQLTable getTable(String tableName) {
      return new RowLockTable(jdbcTemplate, database, this, tableName);
    }
  }

  /**
   * The history table's lock as Flyway's CockroachDB support takes it: {@link InsertRowLock} inserts
   * a row with a fixed installed_rank (the primary key), so a second migrator waits on that key.
   */
  static final class RowLockTable extends PostgreSQLTable {

    private final InsertRowLock rowLock;

    RowLockTable(JdbcTemplate jdbcTemplate, PostgreSQLDatabase database, PostgreSQLSchema schema, String name) {
      super(jdbcTemplate, database, schema, name);
      this.rowLock = new InsertRowLock(jdbcTemplate);
    }

    @Override
    protected void doLock() throws java.sql.SQLException {
      if (lockDepth == 0) {
        rowLock.doLock(database.getInsertStatement(this),
            "UPDATE " + this + " SET installed_on = now() WHERE version = '?' AND description = 'flyway-lock'",
            "DELETE FROM " + this + " WHERE description = 'flyway-lock' AND installed_on < TIMESTAMP '?'",
            database.getBooleanTrue());
      }
    }

    @Override
    protected void doUnlock() throws java.sql.SQLException {
      if (lockDepth == 1) {
        rowLock.doUnlock("DELETE FROM " + this + " WHERE version = '?' AND description = 'flyway-lock'");
      }
    }
  }
}
