package dev.inkwell.app.transactions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Spring's JDBC transaction manager (commit failures are translated into DataAccessExceptions, so a
 * COMMIT the server rejects surfaces as the unit's failure) that reads back the isolation level of
 * every transaction that asked for one, before the unit's first statement. A server that refuses
 * SERIALIZABLE with an error (one of DB9's pages says it does) gets REPEATABLE READ instead, with the
 * same warning and the same record as a server that downgrades it silently.
 */
public class ObservingTransactionManager extends JdbcTransactionManager {

  private final transient IsolationObserver observer;
  private String statementTimeoutPerTransaction;
  /** Behind a transaction pooler: the level asked for, set inside the transaction rather than on the session. */
  private final transient ThreadLocal<Integer> isolationInTransaction = new ThreadLocal<>();

  public ObservingTransactionManager(DataSource dataSource, IsolationObserver observer) {
    super(dataSource);
    this.observer = observer;
  }

  /**
   * Behind a transaction-pooling proxy no session setting is safe (the next transaction may run on
   * another server connection, another client's on this one): each transaction sets the statement
   * timeout ({@code set_config(..., true)}) and its isolation level ({@code SET TRANSACTION}) for
   * itself, instead of JDBC's session-wide {@code setTransactionIsolation}.
   */
  public void setTransactionScopedSettings(String statementTimeout) {
    this.statementTimeoutPerTransaction = statementTimeout;
  }

  @Override
  protected void doBegin(Object transaction, TransactionDefinition definition) {
    try {
      begin(transaction, definition);
    } catch (CannotCreateTransactionException e) {
      String refusal = serializableRefusal(definition, e);
      if (refusal == null) {
        throw e;
      }
      DefaultTransactionDefinition weaker = new DefaultTransactionDefinition(definition);
      weaker.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
      begin(transaction, weaker);
      observer.refused("serializable", refusal, "repeatable read");
    }
  }

  private void begin(Object transaction, TransactionDefinition definition) {
    if (statementTimeoutPerTransaction == null || definition.getIsolationLevel() == TransactionDefinition.ISOLATION_DEFAULT) {
      super.doBegin(transaction, definition);
      return;
    }
    DefaultTransactionDefinition sessionUntouched = new DefaultTransactionDefinition(definition);
    sessionUntouched.setIsolationLevel(TransactionDefinition.ISOLATION_DEFAULT);
    isolationInTransaction.set(definition.getIsolationLevel());
    try {
      super.doBegin(transaction, sessionUntouched);
    } finally {
      isolationInTransaction.remove();
    }
  }

  /** The server's words when it refused SERIALIZABLE itself (not a lost connection); else null. */
  static String serializableRefusal(TransactionDefinition definition, Throwable failure) {
    if (definition.getIsolationLevel() != TransactionDefinition.ISOLATION_SERIALIZABLE) {
      return null;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null && !sql.getSQLState().startsWith("08")
          && String.valueOf(sql.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("serializable")) {
        return "[" + sql.getSQLState() + "] " + sql.getMessage();
      }
    }
    return null;
  }

  @Override
  protected void prepareTransactionalConnection(Connection con, TransactionDefinition definition) throws SQLException {
    super.prepareTransactionalConnection(con, definition);
    Integer inTransaction = isolationInTransaction.get();
    int isolation = inTransaction != null ? inTransaction : definition.getIsolationLevel();
    if (inTransaction != null) {
      try (Statement s = con.createStatement()) { // before any query of the transaction; a fixed level name
        s.execute("SET TRANSACTION ISOLATION LEVEL " + IsolationObserver.levelName(inTransaction).toUpperCase(Locale.ROOT));
      }
    }
    if (statementTimeoutPerTransaction != null) {
      try (PreparedStatement s = con.prepareStatement("SELECT set_config('statement_timeout', ?, true)")) {
        s.setString(1, statementTimeoutPerTransaction);
        s.execute();
      }
    }
    if (isolation != TransactionDefinition.ISOLATION_DEFAULT) {
      try (Statement s = con.createStatement(); ResultSet rs = s.executeQuery("SHOW transaction_isolation")) {
        rs.next();
        observer.record(IsolationObserver.levelName(isolation), rs.getString(1));
      }
    }
  }
}
