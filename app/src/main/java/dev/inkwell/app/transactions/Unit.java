package dev.inkwell.app.transactions;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * How a unit of work runs: isolation (the server's default unless set), read-only, nested (a
 * savepoint inside the caller's transaction), and how many attempts a serialization failure or
 * deadlock (SQLSTATE 40001, 40P01) may cost: 1 means not retryable.
 */
public record Unit(Isolation isolation, boolean readOnly, boolean nested, int maxAttempts) {

  public Unit {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (nested && maxAttempts > 1) {
      throw new IllegalArgumentException("a nested unit cannot be retried on its own: retry the outer unit");
    }
  }

  public static Unit readWrite() {
    return new Unit(Isolation.DEFAULT, false, false, 1);
  }

  public static Unit readOnlyUnit() {
    return new Unit(Isolation.DEFAULT, true, false, 1);
  }

  /** A savepoint in the current transaction: its failure rolls back to the savepoint only. */
  public static Unit nestedUnit() {
    return new Unit(Isolation.DEFAULT, false, true, 1);
  }

  public Unit withIsolation(Isolation level) {
    return new Unit(level, readOnly, nested, maxAttempts);
  }

  /** Retried on 40001/40P01 up to {@code attempts} times in all, with jittered exponential backoff. */
  public Unit retryable(int attempts) {
    return new Unit(isolation, readOnly, nested, attempts);
  }

  DefaultTransactionDefinition definition() {
    DefaultTransactionDefinition definition = new DefaultTransactionDefinition(
        nested ? TransactionDefinition.PROPAGATION_NESTED : TransactionDefinition.PROPAGATION_REQUIRED);
    definition.setIsolationLevel(isolation.value());
    definition.setReadOnly(readOnly);
    return definition;
  }
}
