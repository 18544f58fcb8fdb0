package dev.inkwell.app.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

import dev.inkwell.app.Http;
import dev.inkwell.app.Http.Response;

/**
 * The standby stopped (scripts/db.sh replica stop) under a running service, or further behind than
 * max-lag (1 s here): reads carry on from the primary, the service stays UP with the replica reported
 * apart; back, reads return to it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"inkwell.security.token=outage-token",
    "inkwell.datasource.replica.check-interval=100ms", "inkwell.datasource.replica.max-lag=1s",
    // The outage is the test's own doing: its warnings (broken connections, fallbacks) are expected.
    "logging.level.com.zaxxer.hikari=ERROR", "logging.level.dev.inkwell.app.replicas=ERROR"})
@WithLocalReplica
class ReplicaOutageTest {


  @AfterAll
  static void standbyRunningAgain() {
    LocalReplica.script("start");
  }

  @LocalServerPort
  int port;
  @Autowired
  MeterRegistry meters;

  private double count(String name, String tag, String value) {
    return meters.get(name).tag(tag, value).counter().count();
  }

  /** Health and info as an operator sees them: the details need the write token. */
  private Http operator() {
    return new Http(port).withToken("outage-token");
  }

  private JsonNode health() {
    return operator().get("/actuator/health").body();
  }

  private boolean replicaStatus(String status) {
    return status.equals(health().get("components").get("replica").get("status").asString());
  }

  private void readsSucceed(int n) {
    Http http = new Http(port);
    for (int i = 0; i < n; i++) {
      Response r = http.get(i % 2 == 0 ? "/api/users?age[$gte]=0&size=5" : "/api/users/1");
      assertThat(r.status()).as(r.raw()).isIn(200, 404);
    }
  }

  @Test
  void readsFallBackToThePrimaryWhileTheReplicaIsDownAndReturnAfter() throws Exception {
    assertThat(LocalReplica.eventually(Duration.ofSeconds(10), () -> replicaStatus("UP"))).isTrue();
    double onReplica = count("inkwell.datasource.reads", "node", "replica");
    readsSucceed(10);
    assertThat(count("inkwell.datasource.reads", "node", "replica")).isGreaterThanOrEqualTo(onReplica + 10);

    LocalReplica.script("stop");
    assertThat(LocalReplica.eventually(Duration.ofSeconds(10), () -> replicaStatus("FALLBACK"))).isTrue();
    JsonNode down = health();
    assertThat(down.get("status").asString()).isEqualTo("UP");
    assertThat(down.get("components").get("db").get("status").asString()).isEqualTo("UP");
    assertThat(down.get("components").get("replica").get("details").get("reachable").asBoolean()).isFalse();
    double downFallbacks = count("inkwell.datasource.replica.fallbacks", "reason", "down");
    double onPrimary = count("inkwell.datasource.reads", "node", "primary");
    readsSucceed(20);
    assertThat(count("inkwell.datasource.reads", "node", "primary")).isGreaterThanOrEqualTo(onPrimary + 20);
    assertThat(count("inkwell.datasource.replica.fallbacks", "reason", "down")).isGreaterThanOrEqualTo(downFallbacks + 20);
    assertThat(operator().get("/actuator/info").body().get("replica").get("lastReadsFrom").asString()).isEqualTo("primary");

    LocalReplica.script("start");
    assertThat(LocalReplica.eventually(Duration.ofSeconds(20), () -> replicaStatus("UP"))).isTrue();
    onReplica = count("inkwell.datasource.reads", "node", "replica");
    readsSucceed(10);
    assertThat(count("inkwell.datasource.reads", "node", "replica")).isGreaterThanOrEqualTo(onReplica + 10);
    assertThat(operator().get("/actuator/info").body().get("replica").get("lastReadsFrom").asString()).isEqualTo("replica");
  }

  /** Replay paused while the primary writes on: the standby falls behind, and past max-lag it is skipped. */
  @Test
  void aStandbyFurtherBehindThanMaxLagIsSkipped() throws Exception {
    assertThat(LocalReplica.eventually(Duration.ofSeconds(10), () -> replicaStatus("UP"))).isTrue();
    try (Connection standby = LocalReplica.replica(); Connection primary = LocalReplica.primary()) {
      standby.createStatement().execute("SELECT pg_wal_replay_pause()");
      try {
        double lagFallbacks = count("inkwell.datasource.replica.fallbacks", "reason", "lag");
        // Something to replay: the standby receives it and does not apply it.
        primary.createStatement().execute("INSERT INTO tags (name) VALUES ('lag-" + System.nanoTime() + "')");
        assertThat(LocalReplica.eventually(Duration.ofSeconds(15), () -> replicaStatus("FALLBACK"))).isTrue();
        JsonNode lagging = health().get("components").get("replica");
        assertThat(lagging.get("description").asString()).endsWith("replica lag");
        assertThat(lagging.get("details").get("replayLagSeconds").asDouble()).isGreaterThan(1.0);
        readsSucceed(10);
        assertThat(count("inkwell.datasource.replica.fallbacks", "reason", "lag")).isGreaterThanOrEqualTo(lagFallbacks + 10);
      } finally {
        standby.createStatement().execute("SELECT pg_wal_replay_resume()");
        primary.createStatement().execute("DELETE FROM tags WHERE name LIKE 'lag-%'");
      }
    }
    assertThat(LocalReplica.eventually(Duration.ofSeconds(15), () -> replicaStatus("UP"))).isTrue();
    double onReplica = count("inkwell.datasource.reads", "node", "replica");
    readsSucceed(10);
    assertThat(count("inkwell.datasource.reads", "node", "replica")).isGreaterThanOrEqualTo(onReplica + 10);
  }

  /**
   * Restarted with its replay held back an hour, the standby has replayed no transaction since it
   * started: PostgreSQL gives no replay time, and a write it received and has not replayed leaves its
   * lag unknown, at least the time since a check before the restart. Past max-lag, reads go to the
   * primary (taken as no lag, they were served without that write for as long as replay stayed held).
   */
  @Test
  void aStandbyThatHasReplayedNothingSinceItStartedIsNotTakenAsCaughtUp() throws Exception {
    assertThat(LocalReplica.eventually(Duration.ofSeconds(10), () -> replicaStatus("UP"))).isTrue();
    try (Connection primary = LocalReplica.primary()) {
      try {
        assertThat(restartReplayingNothing(primary)).as("a restart with no transaction replayed").isTrue();
        double lagFallbacks = count("inkwell.datasource.replica.fallbacks", "reason", "lag");
        primary.createStatement().execute("INSERT INTO tags (name) VALUES ('delayed-" + System.nanoTime() + "')");
        // Not "replica down", which the service may see for a moment after the restart.
        // A reading without a description (between two checks of the standby) is read again, not a failure.
        assertThat(LocalReplica.eventually(Duration.ofSeconds(15), () -> replicaStatus("FALLBACK")
            && health().get("components").get("replica").path("description").asString("").endsWith("replica lag"))).isTrue();
        readsSucceed(10);
        assertThat(count("inkwell.datasource.replica.fallbacks", "reason", "lag")).isGreaterThanOrEqualTo(lagFallbacks + 10);
      } finally {
        applyDelay(null);
        primary.createStatement().execute("DELETE FROM tags WHERE name LIKE 'delayed-%'");
      }
    }
    assertThat(LocalReplica.eventually(Duration.ofSeconds(15), () -> replicaStatus("UP"))).isTrue();
  }

  /**
   * A checkpoint on the primary, replayed by the standby, becomes its restart point when it stops; with
   * its replay delayed (which PostgreSQL applies only once a restarted standby is consistent, so to
   * nothing before its stop), it starts having replayed no transaction, unless one (autovacuum's, say)
   * fell between the checkpoint and the stop: then again.
   */
  private static boolean restartReplayingNothing(Connection primary) throws Exception {
    for (int attempt = 0; attempt < 3; attempt++) {
      applyDelay(null);
      primary.createStatement().execute("CHECKPOINT");
      String position = LocalReplica.scalar(primary, "SELECT pg_current_wal_lsn()");
      assertThat(LocalReplica.eventually(Duration.ofSeconds(10), () -> replayedPast(position))).isTrue();
      applyDelay("1h");
      LocalReplica.script("stop");
      LocalReplica.script("start");
      try (Connection standby = LocalReplica.replica()) {
        if (LocalReplica.scalar(standby, "SELECT pg_last_xact_replay_timestamp()") == null) {
          return true;
        }
      }
    }
    return false;
  }

  /** The standby's recovery_min_apply_delay, set (or reset, null) and reloaded. */
  private static void applyDelay(String delay) throws SQLException {
    try (Connection standby = LocalReplica.replica(); Statement s = standby.createStatement()) {
      s.execute(delay == null ? "ALTER SYSTEM RESET recovery_min_apply_delay"
          : "ALTER SYSTEM SET recovery_min_apply_delay = '" + delay + "'");
      s.execute("SELECT pg_reload_conf()");
    }
  }

  private static boolean replayedPast(String position) {
    try (Connection standby = LocalReplica.replica()) {
      return "t".equals(LocalReplica.scalar(standby, "SELECT pg_last_wal_replay_lsn() >= '" + position + "'::pg_lsn"));
    } catch (SQLException e) {
      return false;
    }
  }
}
