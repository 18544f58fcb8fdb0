package dev.inkwell.app.transactions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.apache.ibatis.session.TransactionIsolationLevel;
import org.apache.ibatis.transaction.Transaction;
import org.mybatis.spring.transaction.SpringManagedTransaction;
import org.mybatis.spring.transaction.SpringManagedTransactionFactory;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Behind a transaction pooler no session setting is safe, so the statement timeout is set inside each
 * transaction (ObservingTransactionManager). Mapper calls outside a Spring transaction (reads and
 * one-statement writes run without one) get a transaction of their own here: MyBatis's connection
 * for the call opens one and sets the timeout in it, and MyBatis's commit at the end of the call
 * commits it. Directly connected this factory is not used: the timeout is a setting of the connection.
 */
final class TimedStatementTransactionFactory extends SpringManagedTransactionFactory {

  private final String statementTimeout;

  TimedStatementTransactionFactory(String statementTimeout) {
    this.statementTimeout = statementTimeout;
  }

  @Override
  public Transaction newTransaction(DataSource dataSource, TransactionIsolationLevel level, boolean autoCommit) {
    return new TimedTransaction(dataSource, statementTimeout);
  }

  private static final class TimedTransaction extends SpringManagedTransaction {

    private final String statementTimeout;
    /** The connection this call opened a transaction on; null inside a Spring transaction. */
    private Connection own;

    TimedTransaction(DataSource dataSource, String statementTimeout) {
      super(dataSource);
      this.statementTimeout = statementTimeout;
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection connection = super.getConnection();
      // Outside a real transaction: also in a read-only scope without one (@ReadOnly), whose connection
      // Spring holds for the scope in autocommit.
      if (own == null && connection.getAutoCommit() && !TransactionSynchronizationManager.isActualTransactionActive()) {
        connection.setAutoCommit(false);
        own = connection;
        try (PreparedStatement s = connection.prepareStatement("SELECT set_config('statement_timeout', ?, true)")) {
          s.setString(1, statementTimeout);
          s.execute();
        }
      }
      return connection;
    }

    @Override
    public void commit() throws SQLException {
      if (own != null) {
        own.commit();
      } else {
        super.commit();
      }
    }

    @Override
    public void rollback() throws SQLException {
      if (own != null) {
        own.rollback();
      } else {
        super.rollback();
      }
    }

    /** Rolls back whatever was not committed (a failed call), then hands the connection back in autocommit. */
    @Override
    public void close() throws SQLException {
      if (own != null) {
        try {
          own.rollback();
          own.setAutoCommit(true);
        } finally {
          own = null;
          super.close();
        }
      } else {
        super.close();
      }
    }
  }
}
