package dev.inkwell.query.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Runs many tasks at once, each in its own committed transaction, released together by a latch. */
public final class Concurrently {

  private Concurrently() {
  }

  /** {@code count} calls of {@code task} on {@code threads} threads; their results in call order. */
  public static <T> List<T> inTransactions(PlatformTransactionManager transactions, int count, int threads,
      IntFunction<T> task) throws Exception {
    TransactionTemplate tx = new TransactionTemplate(transactions);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        futures.add(pool.submit(() -> {
          start.await();
          return tx.execute(status -> task.apply(n));
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
