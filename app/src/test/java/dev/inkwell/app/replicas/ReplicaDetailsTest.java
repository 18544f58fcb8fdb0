package dev.inkwell.app.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The replica's lag as health and info show it: seconds when known, words when not (no JSON number is infinite). */
class ReplicaDetailsTest {

  private final ReadReplica replica = new ReadReplica(new HikariDataSource(), Duration.ofSeconds(5), Duration.ofSeconds(1),
      new SimpleMeterRegistry());

  private Map<String, Object> details(double lagSeconds) {
    return ReplicaConfiguration.describe(replica, new ReadReplica.State(true, true, 0x1_0000_0000L, lagSeconds, Instant.EPOCH, null));
  }

  @Test
  void aKnownLagIsInSeconds() {
    assertThat(details(1.23456)).containsEntry("replayLagSeconds", 1.235).doesNotContainKey("replayLag")
        .containsEntry("replayedLsn", "1/0").containsEntry("maxLagSeconds", 5.0);
  }

  @Test
  void anUnknownLagIsSaidSo() {
    assertThat(details(Double.POSITIVE_INFINITY)).doesNotContainKey("replayLagSeconds")
        .hasEntrySatisfying("replayLag", lag -> assertThat((String) lag).startsWith("unknown"));
  }
}
