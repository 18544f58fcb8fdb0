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

/** Times a run of operations: ops/s, total ms, p50 and p99 of the per-operation latencies. */
final class Measure {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @FunctionalInterface
  interface Op {
    void run(int i) throws Exception;
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
   * Both paths over the same {@code count} operations, after an untimed warm-up of both, in
   * alternating rounds (A, B, A, B, ...): [A, B]. Operations that write must make their own unique
   * keys: warm-up calls repeat indexes.
   */
  static List<Map<String, Object>> alternating(int count, Op a, Op b, String rateName) throws Exception {
    int warmup = count >= 1_000 ? WARMUP_CALLS : Math.max(1, count / 4);
    long deadline = System.nanoTime() + WARMUP_NANOS;
    for (int i = 0; i < warmup && System.nanoTime() < deadline; i++) {
      a.run(i % count);
      b.run(i % count);
    }
    long[] nanosA = new long[count];
    long[] nanosB = new long[count];
    long[] totals = new long[4];
    int rounds = Math.min(ROUNDS, count);
    long[] roundsA = new long[rounds];
    long[] roundsB = new long[rounds];
    for (int round = 0; round < rounds; round++) {
      int from = count * round / rounds;
      int to = count * (round + 1) / rounds;
      roundsA[round] = timeInline(a, from, to, nanosA, totals, 0);
      roundsB[round] = timeInline(b, from, to, nanosB, totals, 2);
    }
    Map<String, Object> figuresA = figures(count, totals[0], nanosA, rateName);
    Map<String, Object> figuresB = figures(count, totals[2], nanosB, rateName);
    figuresA.put("roundsMs", millis(roundsA));
    figuresB.put("roundsMs", millis(roundsB));
    // The caller's own CPU per operation: what each path costs the service, apart from the
    // database's time and the machine's noise, which move the rates between runs.
    figuresA.put("clientCpuUsPerOp", round(totals[1] / 1e3 / count, 1));
    figuresB.put("clientCpuUsPerOp", round(totals[3] / 1e3 / count, 1));
    return List.of(figuresA, figuresB);
  }

  /** Operations {@code from} to {@code to} on this thread; wall and CPU nanoseconds added to totals[at], totals[at + 1]; the wall time returned. */
  private static long timeInline(Op op, int from, int to, long[] nanos, long[] totals, int at) throws Exception {
    long cpu = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    for (int i = from; i < to; i++) {
      long one = System.nanoTime();
      op.run(i);
      nanos[i] = System.nanoTime() - one;
    }
    long wall = System.nanoTime() - start;
    totals[at] += wall;
    totals[at + 1] += THREADS.getCurrentThreadCpuTime() - cpu;
    return wall;
  }

  /**
   * As {@link #alternating}, with {@code inFlight} operations at once from as many threads (the
   * warm-up also fills the pool to its size). Latencies are each operation's own, from its start on a
   * thread to its end (waits for a connection included).
   */
  static List<Map<String, Object>> alternatingConcurrently(int count, int inFlight, Op a, Op b, String rateName)
      throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(inFlight);
    try {
      int warmup = Math.min(count, WARMUP_CALLS);
      run(threads, 0, warmup, a, new long[count], new long[count]);
      run(threads, 0, warmup, b, new long[count], new long[count]);
      long[] nanosA = new long[count];
      long[] nanosB = new long[count];
      long[] cpuA = new long[count];
      long[] cpuB = new long[count];
      int rounds = Math.min(ROUNDS, count);
      long[] roundsA = new long[rounds];
      long[] roundsB = new long[rounds];
      for (int round = 0; round < rounds; round++) {
        int from = count * round / rounds;
        int to = count * (round + 1) / rounds;
        roundsA[round] = run(threads, from, to, a, nanosA, cpuA);
        roundsB[round] = run(threads, from, to, b, nanosB, cpuB);
      }
      Map<String, Object> figuresA = figures(count, Arrays.stream(roundsA).sum(), nanosA, rateName);
      Map<String, Object> figuresB = figures(count, Arrays.stream(roundsB).sum(), nanosB, rateName);
      figuresA.put("roundsMs", millis(roundsA));
      figuresB.put("roundsMs", millis(roundsB));
      // CPU of the calling threads, waits for a connection included where HikariCP spins for one.
      figuresA.put("clientCpuUsPerOp", round(Arrays.stream(cpuA).sum() / 1e3 / count, 1));
      figuresB.put("clientCpuUsPerOp", round(Arrays.stream(cpuB).sum() / 1e3 / count, 1));
      return List.of(figuresA, figuresB);
    } finally {
      threads.shutdownNow();
    }
  }

  /** Operations {@code from} to {@code to} on the threads; their wall time in nanoseconds. */
  private static long run(ExecutorService threads, int from, int to, Op op, long[] nanos, long[] cpu) throws Exception {
    List<Future<?>> futures = new ArrayList<>(to - from);
    long start = System.nanoTime();
    for (int i = from; i < to; i++) {
      int index = i;
      futures.add(threads.submit(() -> {
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        long one = System.nanoTime();
        op.run(index);
        nanos[index] = System.nanoTime() - one;
        cpu[index] = THREADS.getCurrentThreadCpuTime() - cpuBefore;
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
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

  private static List<Double> millis(long[] nanos) {
    return Arrays.stream(nanos).mapToObj(n -> round(n / 1e6, 2)).toList();
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
    }
    return figures;
  }

  static double round(double value, int places) {
    double scale = Math.pow(10, places);
    return Math.round(value * scale) / scale;
  }
}
