package dev.inkwell.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Times a run of operations: ops/s, total ms, p50 and p99 of the per-operation latencies. */
final class Measure {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @FunctionalInterface
  interface Op {
    void run(int i) throws Exception;
  }

  /**
   * A part of a workload run outside this JVM (pgbench as the database's floor): its wall time for
   * {@code operations} of it, in nanoseconds.
   */
  @FunctionalInterface
  interface Floor {
    long time(int operations) throws Exception;
  }

  private Measure() {
  }

  /**
   * Untimed calls of each path before it is measured, so that the JIT has compiled the deep stack of
   * the service's path as it has in a running service: with the earlier 1,000, the first workload (W1)
   * measured a service still partly interpreted (client CPU per create 85-113 µs; 43-48 when warm, in
   * docs/benchmarks.md's table). Heavy calls stop sooner ({@link #WARMUP_NANOS}): their inner code runs
   * many times per call.
   */
  static final int WARMUP_CALLS = Integer.getInteger("bench.warmup", 10_000);
  static final long WARMUP_NANOS = 6_000_000_000L;

  /**
   * Rounds each path's operations are split into, run A, B, A, B, ...: a slower spell of the machine
   * (autovacuum, a checkpoint, a busy neighbour) falls on both paths, not on one.
   */
  static final int ROUNDS = 10;

  /**
   * After a floor's run, untimed calls of both paths go on at least this long (-Dbench.settleMs): on
   * the 2-core VM of docs/benchmarks.md the path timed first after pgbench ran up to four times faster
   * than the one after it for some 50 ms (W3's rounds 31-39 ms against 145-177), so a fifth of the
   * round's calls (some 15 ms there) left one path timed in that spell and the other not.
   */
  static final long SETTLE_NANOS = Long.getLong("bench.settleMs", 300) * 1_000_000L;

  /**
   * Both paths over the same {@code count} operations, after an untimed warm-up of both, in
   * alternating rounds (A, B, A, B, ...): [A, B], then each floor's figures, each round's share of the
   * operations run by every floor after both paths ({@link #inRounds}). Operations that write must make
   * their own unique keys: warm-up calls and the untimed calls after a floor repeat indexes.
   */
  static List<Map<String, Object>> alternating(int count, Op a, Op b, String rateName, Floor... floors) throws Exception {
    warmUp(count >= 1_000 ? WARMUP_CALLS : Math.max(1, count / 4), count, a, b);
    long[] nanosA = new long[count];
    long[] nanosB = new long[count];
    long[] cpu = new long[2];
    long[][] rounds = inRounds(count, floors, (from, to, timed) -> timed ? timeInline(a, from, to, nanosA, cpu, 0) : untimed(a, from, to),
        (from, to, timed) -> timed ? timeInline(b, from, to, nanosB, cpu, 1) : untimed(b, from, to));
    Map<String, Object> figuresA = figures(count, rounds[0], nanosA, rateName);
    Map<String, Object> figuresB = figures(count, rounds[1], nanosB, rateName);
    // The caller's own CPU per operation: what each path costs the service, apart from the
    // database's time and the machine's noise, which move the rates between runs.
    figuresA.put("clientCpuUsPerOp", round(cpu[0] / 1e3 / count, 1));
    figuresB.put("clientCpuUsPerOp", round(cpu[1] / 1e3 / count, 1));
    return withFloors(count, rounds, rateName, figuresA, figuresB);
  }

  /** Up to {@code calls} untimed calls of each path in turn ({@link #WARMUP_NANOS} at most), indexes modulo {@code count}. */
  static void warmUp(int calls, int count, Op a, Op b) throws Exception {
    long deadline = System.nanoTime() + WARMUP_NANOS;
    for (int i = 0; i < calls && System.nanoTime() < deadline; i++) {
      a.run(i % count);
      b.run(i % count);
    }
  }

  /** [A, B] and the floors' figures, from their times per round (rows 2 and on). */
  private static List<Map<String, Object>> withFloors(int count, long[][] rounds, String rateName, Map<String, Object> a,
      Map<String, Object> b) {
    List<Map<String, Object>> all = new ArrayList<>(List.of(a, b));
    for (int floor = 2; floor < rounds.length; floor++) {
      all.add(figures(count, rounds[floor], null, rateName));
    }
    return all;
  }

  /** One path over operations {@code from} to {@code to}: its wall time; untimed, nothing of it is recorded. */
  @FunctionalInterface
  private interface Segment {
    long run(int from, int to, boolean timed) throws Exception;
  }

  /**
   * Both paths over {@code count} operations in alternating rounds, each round's operations run by the
   * floors after them: each one's wall time per round, [A, B, floors...]. After the floors a fifth of
   * the round's operations of each path run untimed, again and again for {@link #SETTLE_NANOS}, and the paths take turns at coming first (A, B,
   * floors, B, A, floors, ...): the path timed right after a floor's run was slower in its round than
   * the other (W8's search 55 and 50 ms against 46 and 39, W9 with 5 connections 380 and 394 against
   * 323 and 301: rounds' means, `-Dbench.only=W8,W9`), after a 500 ms pause as well (59 against 48 ms),
   * and much less after those operations (39 and 40 against 39 and 35).
   */
  private static long[][] inRounds(int count, Floor[] floors, Segment a, Segment b) throws Exception {
    int rounds = Math.min(ROUNDS, count);
    long[][] times = new long[2 + floors.length][rounds];
    for (int round = 0; round < rounds; round++) {
      int from = count * round / rounds;
      int to = count * (round + 1) / rounds;
      if (floors.length > 0 && round % 2 == 1) {
        times[1][round] = b.run(from, to, true);
        times[0][round] = a.run(from, to, true);
      } else {
        times[0][round] = a.run(from, to, true);
        times[1][round] = b.run(from, to, true);
      }
      for (int floor = 0; floor < floors.length; floor++) {
        times[2 + floor][round] = floors[floor].time(to - from);
      }
      if (floors.length > 0) {
        int settle = from + Math.max(1, (to - from) / 5);
        long until = System.nanoTime() + SETTLE_NANOS;
        do {
          a.run(from, settle, false);
          b.run(from, settle, false);
        } while (System.nanoTime() < until);
      }
    }
    return times;
  }

  private static long untimed(Op op, int from, int to) throws Exception {
    for (int i = from; i < to; i++) {
      op.run(i);
    }
    return 0;
  }

  /** Operations {@code from} to {@code to} on this thread: their wall time, their CPU time added to cpu[at]. */
  private static long timeInline(Op op, int from, int to, long[] nanos, long[] cpu, int at) throws Exception {
    long cpuBefore = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    for (int i = from; i < to; i++) {
      long one = System.nanoTime();
      op.run(i);
      nanos[i] = System.nanoTime() - one;
    }
    long wall = System.nanoTime() - start;
    cpu[at] += THREADS.getCurrentThreadCpuTime() - cpuBefore;
    return wall;
  }

  /**
   * As {@link #alternating}, each round's operations taken in order by {@code threadCount} threads,
   * each taking the next as soon as it is free, as a server's request threads work through its
   * queue or pgbench's clients through their transactions (the warm-up also fills the pool to its
   * size). Latencies are each operation's own, from its start on a thread to its end (waits for a
   * connection included). The next operation is a counter, not a queued task, and each thread's CPU
   * is read once per round, not per operation: a task and its queue's lock per operation, and two
   * reads of the thread's CPU clock (system calls), cost both paths CPU the floor does not spend.
   */
  static List<Map<String, Object>> alternatingConcurrently(int count, int threadCount, Op a, Op b, String rateName,
      Floor... floors) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(threadCount);
    try {
      int warmup = Math.min(count, WARMUP_CALLS);
      long[] untimedNanos = new long[count];
      AtomicLong untimedCpu = new AtomicLong();
      run(threads, threadCount, 0, warmup, a, untimedNanos, untimedCpu);
      run(threads, threadCount, 0, warmup, b, untimedNanos, untimedCpu);
      long[] nanosA = new long[count];
      long[] nanosB = new long[count];
      AtomicLong cpuA = new AtomicLong();
      AtomicLong cpuB = new AtomicLong();
      long[][] rounds = inRounds(count, floors,
          (from, to, timed) -> timed ? run(threads, threadCount, from, to, a, nanosA, cpuA)
              : run(threads, threadCount, from, to, a, untimedNanos, untimedCpu),
          (from, to, timed) -> timed ? run(threads, threadCount, from, to, b, nanosB, cpuB)
              : run(threads, threadCount, from, to, b, untimedNanos, untimedCpu));
      Map<String, Object> figuresA = figures(count, rounds[0], nanosA, rateName);
      Map<String, Object> figuresB = figures(count, rounds[1], nanosB, rateName);
      // CPU of the calling threads, waits for a connection included where HikariCP spins for one.
      figuresA.put("clientCpuUsPerOp", round(cpuA.get() / 1e3 / count, 1));
      figuresB.put("clientCpuUsPerOp", round(cpuB.get() / 1e3 / count, 1));
      return withFloors(count, rounds, rateName, figuresA, figuresB);
    } finally {
      threads.shutdownNow();
    }
  }

  /** Operations {@code from} to {@code to} on the threads: their wall time in nanoseconds; the threads' CPU added to cpu. */
  private static long run(ExecutorService threads, int threadCount, int from, int to, Op op, long[] nanos, AtomicLong cpu)
      throws Exception {
    AtomicInteger next = new AtomicInteger(from);
    List<Future<?>> workers = new ArrayList<>(threadCount);
    long start = System.nanoTime();
    for (int t = 0; t < threadCount; t++) {
      workers.add(threads.submit(() -> {
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
          long one = System.nanoTime();
          op.run(i);
          nanos[i] = System.nanoTime() - one;
        }
        cpu.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuBefore);
        return null;
      }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    return System.nanoTime() - start;
  }

  /** Batch figures as rows per second: {@code rows} rows written in all. */
  static Map<String, Object> perRow(Map<String, Object> figures, int rows) {
    double totalMs = (Double) figures.get("totalMs");
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("rowsPerSecond", round(rows / (totalMs / 1000), 1));
    result.put("totalMs", totalMs);
    result.put("p50Ms", figures.get("p50Ms"));
    result.put("p99Ms", figures.get("p99Ms"));
    result.put("maxMs", figures.get("maxMs"));
    if (figures.containsKey("clientCpuUsPerOp")) {
      result.put("clientCpuUsPerBatch", figures.get("clientCpuUsPerOp"));
    }
    if (figures.containsKey("roundsMs")) {
      result.put("roundsMs", figures.get("roundsMs"));
    }
    return result;
  }

  /**
   * The median over rounds of A's time over B's in the same round: the ratio with the rounds a busy
   * spell of this shared machine fell on (on either path) counted once, not by their weight in the
   * total; null without rounds.
   */
  @SuppressWarnings("unchecked")
  static Double medianRoundRatio(Map<String, Object> a, Map<String, Object> b) {
    List<Double> roundsA = (List<Double>) a.get("roundsMs");
    List<Double> roundsB = (List<Double>) b.get("roundsMs");
    if (roundsA == null || roundsB == null || roundsA.size() != roundsB.size() || roundsA.isEmpty()) {
      return null;
    }
    double[] ratios = new double[roundsA.size()];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = roundsA.get(i) / roundsB.get(i);
    }
    Arrays.sort(ratios);
    int mid = ratios.length / 2;
    return round(ratios.length % 2 == 1 ? ratios[mid] : (ratios[mid - 1] + ratios[mid]) / 2, 3);
  }

  /** As below, over rounds: their total, and each round's time ({@code roundsMs}). */
  private static Map<String, Object> figures(int count, long[] rounds, long[] nanos, String rateName) {
    Map<String, Object> figures = figures(count, Arrays.stream(rounds).sum(), nanos, rateName);
    figures.put("roundsMs", Arrays.stream(rounds).mapToObj(n -> round(n / 1e6, 2)).toList());
    return figures;
  }

  static Map<String, Object> figures(int count, long totalNanos, long[] nanos, String rateName) {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put(rateName, round(count / (totalNanos / 1e9), 1));
    figures.put("totalMs", round(totalNanos / 1e6, 1));
    if (nanos != null && nanos.length > 0) {
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      figures.put("p50Ms", round(sorted[sorted.length / 2] / 1e6, 3));
      figures.put("p99Ms", round(sorted[Math.max(0, (int) Math.ceil(sorted.length * 0.99) - 1)] / 1e6, 3));
      // The slowest operation: a single stall (hundreds of ms in some runs) moves the total, not the p99.
      figures.put("maxMs", round(sorted[sorted.length - 1] / 1e6, 3));
    }
    return figures;
  }

  static double round(double value, int places) {
    double scale = Math.pow(10, places);
    return Math.round(value * scale) / scale;
  }
}
