package dev.inkwell.app.transactions;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.Retryable;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Units of work on Spring's transaction manager, for code that needs more than
 * {@code @Transactional}: per-unit isolation, retry of serialization failures and deadlocks,
 * savepoints, and explicit begin/commit/rollback (the guide's unmanaged transaction).
 */
@Component
public class UnitOfWork {

  private static final Logger log = LoggerFactory.getLogger(UnitOfWork.class);

  private final PlatformTransactionManager transactions;
  private final AtomicLong retries = new AtomicLong();

  public UnitOfWork(PlatformTransactionManager transactions) {
    this.transactions = transactions;
  }

  /** How many times a unit was rerun after a conflict, since start-up. */
  public long retries() {
    return retries.get();
  }

  /**
   * Runs {@code work} in a transaction that commits when it returns and rolls back when it throws
   * (any exception). A retryable unit that fails with 40001/40P01, at any statement or at COMMIT, runs
   * again in a fresh transaction after a jittered backoff; any other failure, or the last attempt's,
   * is thrown as it is. A failed COMMIT is a failure: nothing is reported as committed that was not.
   */
  public <T> T run(Unit unit, Supplier<T> work) {
    TransactionTemplate template = new TransactionTemplate(transactions, unit.definition());
    if (unit.maxAttempts() > 1 && TransactionSynchronizationManager.isActualTransactionActive()) {
      // Joining the caller's transaction, a retry would re-run in a transaction the failure aborted.
      throw new IllegalStateException("a retryable unit must start its own transaction, not join one");
    }
    if (unit.maxAttempts() == 1) {
      return template.execute(status -> work.get());
    }
    RetryPolicy policy = RetryPolicy.builder()
        .maxRetries(unit.maxAttempts() - 1)
        .delay(Duration.ofMillis(20))
        .multiplier(2)
        .jitter(Duration.ofMillis(10))
        .maxDelay(Duration.ofMillis(500))
        .predicate(TransactionConflicts::isConflict)
        .build();
    RetryTemplate retry = new RetryTemplate(policy);
    retry.setRetryListener(new RetryListener() {
      @Override
      public void beforeRetry(RetryPolicy p, Retryable<?> r, RetryState state) {
        retries.incrementAndGet();
        log.info("unit of work conflicted (SQLSTATE {}); running it again",
            TransactionConflicts.sqlState(state.getLastException()));
      }
    });
    return retry.invoke(() -> template.execute(status -> work.get()));
  }

  public void run(Unit unit, Runnable work) {
    run(unit, () -> {
      work.run();
      return null;
    });
  }

  /**
   * Starts a transaction to be ended explicitly: {@code commit()} or {@code rollback()}; closing it
   * without either rolls back. Use it in a try-with-resources block.
   */
  public Tx begin(Unit unit) {
    return new Tx(transactions, transactions.getTransaction(unit.definition()));
  }

  /** An explicitly ended transaction (the guide's {@code const t = await sequelize.transaction()}). */
  public static final class Tx implements AutoCloseable {
    private final PlatformTransactionManager transactions;
    private final TransactionStatus status;

    Tx(PlatformTransactionManager transactions, TransactionStatus status) {
      this.transactions = transactions;
      this.status = status;
    }

    public void commit() {
      transactions.commit(status);
    }

    public void rollback() {
      if (!status.isCompleted()) {
        transactions.rollback(status);
      }
    }

    public boolean isCompleted() {
      return status.isCompleted();
    }

    @Override
    public void close() {
      rollback();
    }
  }
}
