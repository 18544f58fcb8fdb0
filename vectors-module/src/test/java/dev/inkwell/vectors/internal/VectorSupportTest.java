package dev.inkwell.vectors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Iterative index scans are used only from pgvector 0.8.0 on; anything else (or no answer) falls back. */
class VectorSupportTest {

  @Test
  void iterativeScansNeedPgvector08() {
    assertThat(VectorSupport.atLeast("0.8.0", 0, 8)).isTrue();
    assertThat(VectorSupport.atLeast("0.8.1", 0, 8)).isTrue();
    assertThat(VectorSupport.atLeast("1.0", 0, 8)).isTrue();
    assertThat(VectorSupport.atLeast("0.7.4", 0, 8)).isFalse();
    assertThat(VectorSupport.atLeast("0.5.1", 0, 8)).isFalse();
    assertThat(VectorSupport.atLeast(null, 0, 8)).isFalse();
    assertThat(VectorSupport.atLeast("db9-vector", 0, 8)).isFalse();
  }
}
