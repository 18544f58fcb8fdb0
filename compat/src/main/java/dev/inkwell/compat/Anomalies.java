package dev.inkwell.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

import org.springframework.transaction.annotation.Isolation;

import dev.inkwell.app.transactions.Unit;
import dev.inkwell.app.transactions.UnitOfWork;

/**
 * Two concurrent transactions arranged so that an isolation anomaly shows if the level allows it,
 * coordinated with latches (no sleeps, every wait bounded at 30 s). The compatibility checks and
 * this module's tests both run them.
 */
public final class Anomalies {

  /** Concurrent transactions need threads of their own: the common pool has one on 2 cores. */
  private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "anomaly");
    t.setDaemon(true);
    return t;
  });

  private Anomalies() {
  }

  /** T1 reads, T2 runs {@code change} and commits, T1 reads again: [first read, second read]. */
  public static List<Integer> readTwiceAroundACommit(UnitOfWork uow, Isolation level, IntSupplier read, Runnable change)
      throws Exception {
    CountDownLatch firstRead = new CountDownLatch(1);
    CountDownLatch otherCommitted = new CountDownLatch(1);
    CompletableFuture<List<Integer>> reader = CompletableFuture.supplyAsync(() -> uow.run(
        Unit.readOnlyUnit().withIsolation(level), () -> {
          int first = read.getAsInt();
          firstRead.countDown();
          await(otherCommitted);
          return List.of(first, read.getAsInt());
        }), THREADS);
    await(firstRead);
    uow.run(Unit.readWrite(), change);
    otherCommitted.countDown();
    return reader.get(30, TimeUnit.SECONDS);
  }

  /**
   * The classic write skew: two on-call doctors ({@code doctors}), each transaction counts those on
   * call and, seeing two, takes itself off. Both read before either writes (first attempts only, so a
   * retry runs free). Returns each unit's result (the count it saw) or its failure.
   */
  public static List<Object> writeSkew(UnitOfWork uow, Unit unit, AtomicInteger attempts, List<Integer> doctors,
      IntSupplier onCall, IntConsumer takeOff) throws Exception {
    CyclicBarrier bothRead = new CyclicBarrier(doctors.size());
    List<CompletableFuture<Object>> runs = new ArrayList<>();
    for (int me : doctors) {
      runs.add(CompletableFuture.supplyAsync(() -> {
        try {
          return uow.run(unit, () -> {
            int attempt = attempts.incrementAndGet();
            int seen = onCall.getAsInt();
            if (attempt <= doctors.size()) {
              await(bothRead);
            }
            if (seen >= 2) {
              takeOff.accept(me);
            }
            return seen;
          });
        } catch (RuntimeException e) {
          return e;
        }
      }, THREADS));
    }
    List<Object> results = new ArrayList<>();
    for (CompletableFuture<Object> run : runs) {
      results.add(run.get(30, TimeUnit.SECONDS));
    }
    return results;
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the other transaction never arrived");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
