package dev.inkwell.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
   * Both paths over the same {@code count} operations, after an untimed warm-up of both, in
   * alternating halves (A, B, A, B), so that neither is measured only while the server is busier
   * (autovacuum, checkpoints) or the tables are larger: [A, B]. Operations that write must make their
   * own unique keys: warm-up calls repeat indexes.
   */
  static List<Map<String, Object>> alternating(int count, Op a, Op b, String rateName) throws Exception {
    // Warm-up, untimed: the JIT compiles each path's code before it is measured.
    int warmup = Math.max(1, Math.min(count, count >= 1_000 ? 1_000 : count / 4));
    for (int i = 0; i < warmup; i++) {
      a.run(i);
      b.run(i);
    }
    int half = count / 2;
    long[] nanosA = new long[count];
    long[] nanosB = new long[count];
    long totalA = 0;
    long totalB = 0;
    long cpuA = 0;
    long cpuB = 0;
    for (int round = 0; round < 2; round++) {
      int from = round * half;
      int to = round == 0 ? half : count;
      long cpu = THREADS.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      for (int i = from; i < to; i++) {
        long one = System.nanoTime();
        a.run(i);
        nanosA[i] = System.nanoTime() - one;
      }
      totalA += System.nanoTime() - start;
      cpuA += THREADS.getCurrentThreadCpuTime() - cpu;
      cpu = THREADS.getCurrentThreadCpuTime();
      start = System.nanoTime();
      for (int i = from; i < to; i++) {
        long one = System.nanoTime();
        b.run(i);
        nanosB[i] = System.nanoTime() - one;
      }
      totalB += System.nanoTime() - start;
      cpuB += THREADS.getCurrentThreadCpuTime() - cpu;
    }
    Map<String, Object> figuresA = figures(count, totalA, nanosA, rateName);
    Map<String, Object> figuresB = figures(count, totalB, nanosB, rateName);
    // The caller's own CPU per operation: what each path costs the service, apart from the
    // database's time and the machine's noise, which move the rates between runs.
    figuresA.put("clientCpuUsPerOp", round(cpuA / 1e3 / count, 1));
    figuresB.put("clientCpuUsPerOp", round(cpuB / 1e3 / count, 1));
    return List.of(figuresA, figuresB);
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
    return result;
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
