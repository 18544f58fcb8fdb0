package dev.inkwell.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

/** The concurrent harness: every operation once per pass, on as many threads at once as asked, no more. */
class MeasureTest {

  @Test
  void concurrentRoundsRunEveryOperationOnceOnTheirThreads() throws Exception {
    int count = 400;
    int threads = 4;
    Counted a = new Counted(count);
    Counted b = new Counted(count);
    List<Map<String, Object>> figures = Measure.alternatingConcurrently(count, threads, a::run, b::run, "opsPerSecond");
    for (Counted path : List.of(a, b)) {
      // the warm-up (all 400 here) and the timed rounds: each index twice, never more
      for (int i = 0; i < count; i++) {
        assertThat(path.runs.get(i)).as("runs of %d", i).isEqualTo(2);
      }
      assertThat(path.mostAtOnce.get()).isEqualTo(threads);
    }
    assertThat(figures).hasSize(2);
    assertThat((Double) figures.get(0).get("clientCpuUsPerOp")).isPositive();
    assertThat((Double) figures.get(1).get("p50Ms")).isGreaterThanOrEqualTo(1.0);
  }

  /** An operation of 1 ms that counts its runs per index and the most of them running at once. */
  private static final class Counted {
    final AtomicIntegerArray runs;
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();

    Counted(int count) {
      runs = new AtomicIntegerArray(count);
    }

    void run(int i) throws InterruptedException {
      int now = running.incrementAndGet();
      mostAtOnce.accumulateAndGet(now, Math::max);
      runs.incrementAndGet(i);
      Thread.sleep(1);
      running.decrementAndGet();
    }
  }
}
