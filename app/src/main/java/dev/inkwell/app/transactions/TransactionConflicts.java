package dev.inkwell.app.transactions;

import java.sql.SQLException;

/** Serialization failures (40001) and deadlocks (40P01): the conflicts a transaction may retry. */
public final class TransactionConflicts {

  private TransactionConflicts() {
  }

  /** The SQLSTATE of the first SQLException in the cause chain, or null. */
  public static String sqlState(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
  }

  public static boolean isConflict(Throwable failure) {
    String state = sqlState(failure);
    return "40001".equals(state) || "40P01".equals(state);
  }
}
