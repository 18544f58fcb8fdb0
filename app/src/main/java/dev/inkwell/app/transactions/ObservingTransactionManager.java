package dev.inkwell.app.transactions;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * Spring's JDBC transaction manager (commit failures are translated into DataAccessExceptions, so a
 * COMMIT the server rejects surfaces as the unit's failure) that reads back the isolation level of
 * every transaction that asked for one, before the unit's first statement.
 */
public class ObservingTransactionManager extends JdbcTransactionManager {

  private final transient IsolationObserver observer;

  public ObservingTransactionManager(DataSource dataSource, IsolationObserver observer) {
    super(dataSource);
    this.observer = observer;
  }

  @Override
  protected void prepareTransactionalConnection(Connection con, TransactionDefinition definition) throws SQLException {
    super.prepareTransactionalConnection(con, definition);
    if (definition.getIsolationLevel() != TransactionDefinition.ISOLATION_DEFAULT) {
      try (Statement s = con.createStatement(); ResultSet rs = s.executeQuery("SHOW transaction_isolation")) {
        rs.next();
        observer.record(IsolationObserver.levelName(definition.getIsolationLevel()), rs.getString(1));
      }
    }
  }
}
