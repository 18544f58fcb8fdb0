package dev.inkwell.app.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;

import dev.inkwell.app.Http;
import dev.inkwell.app.Http.Response;
import dev.inkwell.migrations.testing.TestDatabaseSettings;

/**
 * Reads on the project's hot standby, writes on the primary, read-your-writes through the WAL
 * position headers: against the real primary and standby (scripts/db.sh replica start). The replica
 * is checked only when a test asks (a check is itself a transaction on the standby, which would blur
 * its counts), and may lag without limit here, so that only the requested position decides.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"inkwell.security.token=replica-token",
    "inkwell.datasource.replica.check-interval=1h", "inkwell.datasource.replica.max-lag=1h"})
@WithLocalReplica
class ReadReplicaRoutingTest {

  /** Several hosts, as for a set of replicas: pgjdbc picks the standby (preferSecondary). */
  @DynamicPropertySource
  static void replicaAmongSeveralHosts(DynamicPropertyRegistry registry) {
    registry.add("inkwell.datasource.replica.url", () -> "jdbc:postgresql://" + hostAndPort(TestDatabaseSettings.replicaUrl()) + ","
        + hostAndPort(TestDatabaseSettings.url()) + "/" + database(TestDatabaseSettings.replicaUrl())
        + "?targetServerType=preferSecondary&loadBalanceHosts=true");
  }

  private static String hostAndPort(String url) {
    String rest = url.substring("jdbc:postgresql://".length());
    return rest.substring(0, rest.indexOf('/'));
  }

  private static String database(String url) {
    String rest = url.substring(url.indexOf('/', "jdbc:postgresql://".length()) + 1);
    return rest.contains("?") ? rest.substring(0, rest.indexOf('?')) : rest;
  }


  @LocalServerPort
  int port;
  @Autowired
  ReadReplica replica;
  @Autowired
  MeterRegistry meters;
  @Autowired
  DataSource dataSource;
  @Autowired
  PlatformTransactionManager transactions;
  Http http;

  @BeforeEach
  void fixture() throws SQLException {
    http = new Http(port).withToken("replica-token");
    try (Connection primary = LocalReplica.primary()) {
      primary.createStatement().execute("DELETE FROM users WHERE email LIKE '%@replica.test'");
    }
  }

  @AfterEach
  void replayResumed() throws SQLException {
    try (Connection standby = LocalReplica.replica()) {
      standby.createStatement().execute("SELECT pg_wal_replay_resume()");
    }
  }

  private int createUser(String name) {
    Response created = http.post("/api/users", "{\"email\": \"" + name + "@replica.test\", \"name\": \"" + name + "\", \"age\": 40}");
    assertThat(created.status()).isEqualTo(201);
    return created.body().get("id").asInt();
  }

  /**
   * Until the standby has replayed the primary's current insert position (the test database commits
   * without waiting for the WAL flush, so the write position can still be before the last commit).
   */
  private void standbyCaughtUp() throws Exception {
    String target;
    try (Connection primary = LocalReplica.primary()) {
      target = LocalReplica.scalar(primary, "SELECT pg_current_wal_insert_lsn()");
    }
    try (Connection standby = LocalReplica.replica()) {
      assertThat(LocalReplica.eventually(Duration.ofSeconds(10), () -> {
        try {
          return "true".equals(LocalReplica.scalar(standby, "SELECT (pg_last_wal_replay_lsn() >= '" + target + "'::pg_lsn)::text"));
        } catch (SQLException e) {
          return false;
        }
      })).isTrue();
    }
    replica.check();
  }

  private double reads(String node) {
    return meters.get("inkwell.datasource.reads").tag("node", node).counter().count();
  }

  @Test
  void readsAreServedByTheStandby() throws Exception {
    int alice = createUser("alice");
    http.post("/api/posts", "{\"title\": \"On replicas\", \"content\": \"C\", \"authorId\": " + alice + "}");
    standbyCaughtUp();
    List<String> reads = List.of("/api/users/" + alice, "/api/users?age[$gte]=40&order=-age", "/api/users/" + alice + "?include=posts.tags",
        "/api/posts?authorId=" + alice);
    int requests = 40;
    try (Connection standby = LocalReplica.replica(); Connection primary = LocalReplica.primary()) {
      long standbyBefore = LocalReplica.databaseStat(standby, "xact_commit");
      double servedBefore = reads("replica");
      for (int i = 0; i < requests; i++) {
        Response r = http.get(reads.get(i % reads.size()));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
      }
      assertThat(reads("replica") - servedBefore).isGreaterThanOrEqualTo(requests);
      // The standby's own count of transactions in the test database (statistics reach it within ~10 s).
      assertThat(LocalReplica.eventually(Duration.ofSeconds(20), () -> {
        try {
          return LocalReplica.databaseStat(standby, "xact_commit") - standbyBefore >= requests;
        } catch (SQLException e) {
          return false;
        }
      })).as("the standby counted the reads").isTrue();
      assertThat(replica.lastReadsFrom()).isEqualTo("replica");
    }
  }

  /** A write routed to the standby would fail there with 25006 (read-only transaction): a rolled-back transaction on it. */
  @Test
  void writesGoToThePrimaryAndNameTheirCommitPosition() throws Exception {
    try (Connection standby = LocalReplica.replica()) {
      long rollbacksBefore = LocalReplica.databaseStat(standby, "xact_rollback");
      List<Response> writes = new ArrayList<>();
      int bob = createUser("bob");
      writes.add(http.patch("/api/users/" + bob, "{\"age\": 41}"));
      writes.add(http.post("/api/users/with-post", """
          {"user": {"email": "carol@replica.test", "name": "Carol"}, "post": {"title": "T", "content": "C"}}"""));
      writes.add(http.delete("/api/users/" + bob));
      for (Response w : writes) {
        assertThat(w.status()).as(w.raw()).isLessThan(300);
        assertThat(w.header("Inkwell-Commit-LSN")).matches("[0-9A-F]+/[0-9A-F]+");
      }
      try (Connection primary = LocalReplica.primary()) {
        assertThat(LocalReplica.scalar(primary, "SELECT count(*) FROM users WHERE email = 'carol@replica.test'")).isEqualTo("1");
        assertThat(LocalReplica.scalar(primary, "SELECT count(*) FROM users WHERE id = " + bob)).isEqualTo("0");
      }
      Thread.sleep(1_500); // past the statistics' flush interval
      assertThat(LocalReplica.databaseStat(standby, "xact_rollback")).isEqualTo(rollbacksBefore);
    }
    assertThat(http.get("/api/users/1").header("Inkwell-Commit-LSN")).as("reads name no position").isNull();
  }

  @Test
  void aReadWithTheCommitPositionSeesTheWriteWhileTheStandbyIsBehind() throws Exception {
    standbyCaughtUp();
    try (Connection standby = LocalReplica.replica()) {
      standby.createStatement().execute("SELECT pg_wal_replay_pause()");
      assertThat(LocalReplica.eventually(Duration.ofSeconds(10), () -> {
        try {
          return "paused".equals(LocalReplica.scalar(standby, "SELECT pg_get_wal_replay_pause_state()"));
        } catch (SQLException e) {
          return false;
        }
      })).isTrue();
    }
    Response created = http.post("/api/users", "{\"email\": \"dave@replica.test\", \"name\": \"Dave\", \"age\": 40}");
    assertThat(created.status()).isEqualTo(201);
    String lsn = created.header("Inkwell-Commit-LSN");
    int dave = created.body().get("id").asInt();
    replica.check(); // the standby is reachable, and has not replayed the write
    double lsnFallbacks = meters.get("inkwell.datasource.replica.fallbacks").tag("reason", "lsn").counter().count();

    Response mine = http.send("GET", "/api/users/" + dave, null, Map.of("Inkwell-Min-LSN", lsn));
    assertThat(mine.status()).as("commit %s, replica %s", lsn, replica.state()).isEqualTo(200);
    assertThat(mine.body().get("name").asString()).isEqualTo("Dave");
    assertThat(meters.get("inkwell.datasource.replica.fallbacks").tag("reason", "lsn").counter().count()).isEqualTo(lsnFallbacks + 1);
    assertThat(replica.lastReadsFrom()).isEqualTo("primary");

    // Without the position: the standby answers from where it is, which here is before the write.
    Response stale = http.get("/api/users/" + dave);
    assertThat(stale.status()).isEqualTo(404);
    assertThat(stale.contentType()).startsWith("application/problem+json");
    assertThat(replica.lastReadsFrom()).isEqualTo("replica");

    // An older position the standby has replayed: served by it.
    Response old = http.send("GET", "/api/users?age[$gte]=40", null, Map.of("Inkwell-Min-LSN", "0/1"));
    assertThat(old.status()).isEqualTo(200);
    assertThat(replica.lastReadsFrom()).isEqualTo("replica");
  }

  /**
   * A write after a quiet spell, received and not yet replayed, is behind by about the time since the
   * last check that saw the standby caught up, not by the spell (the age of the last replayed
   * transaction, which the lag was before).
   */
  @Test
  void aWriteAfterAQuietSpellIsNotReadAsTheSpellsLag() throws Exception {
    standbyCaughtUp();
    Thread.sleep(2_500); // no commit on the primary
    replica.check(); // the standby has replayed all it received
    try (Connection standby = LocalReplica.replica(); Connection primary = LocalReplica.primary()) {
      standby.createStatement().execute("SELECT pg_wal_replay_pause()");
      assertThat(LocalReplica.eventually(Duration.ofSeconds(10),
          () -> "paused".equals(scalarOrNull(standby, "SELECT pg_get_wal_replay_pause_state()")))).isTrue();
      createUser("erin");
      String written = LocalReplica.scalar(primary, "SELECT pg_current_wal_insert_lsn()");
      assertThat(LocalReplica.eventually(Duration.ofSeconds(10), () -> "true".equals(
          scalarOrNull(standby, "SELECT (pg_last_wal_receive_lsn() >= '" + written + "'::pg_lsn)::text")))).isTrue();
      double lastReplayedCommitAge = Double.parseDouble(LocalReplica.scalar(standby,
          "SELECT EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp())"));
      replica.check();
      assumeTrue(lastReplayedCommitAge > 2.0, "a commit on the primary during the quiet spell (autovacuum)");
      assertThat(replica.state().lagSeconds()).as("%s", replica.state()).isPositive().isLessThan(1.0);
    }
  }

  private static String scalarOrNull(Connection c, String sql) {
    try {
      return LocalReplica.scalar(c, sql);
    } catch (SQLException e) {
      return null;
    }
  }

  /** User code's own transactions: read-only ones on the standby, the rest (and SERIALIZABLE, which a standby refuses) on the primary. */
  @Test
  void readOnlyTransactionsGoToTheStandby() throws Exception {
    standbyCaughtUp();
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    TransactionCallback<Boolean> standby = status -> jdbc.queryForObject("SELECT pg_is_in_recovery()", Boolean.class);
    TransactionTemplate readOnly = new TransactionTemplate(transactions);
    readOnly.setReadOnly(true);
    Boolean onStandby = readOnly.execute(standby);
    assertThat(onStandby).isTrue();
    Boolean readWrite = new TransactionTemplate(transactions).execute(standby);
    assertThat(readWrite).isFalse();
    assertThat(jdbc.queryForObject("SELECT pg_is_in_recovery()", Boolean.class)).as("outside any transaction").isFalse();
    readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_SERIALIZABLE);
    Boolean serializable = readOnly.execute(standby);
    assertThat(serializable).isFalse();
  }

  @Test
  void aMalformedPositionIsTheClientsError() throws SQLException {
    for (String bad : List.of("zz", "1/2/3", "0/", "/0", "123456789/0", "0/1; DROP TABLE users")) {
      Response r = http.send("GET", "/api/users/1", null, Map.of("Inkwell-Min-LSN", bad));
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.body().get("detail").asString()).contains("Inkwell-Min-LSN");
    }
    Response write = http.send("POST", "/api/users", "{\"email\": \"erin@replica.test\", \"name\": \"Erin\"}", Map.of("Inkwell-Min-LSN", "zz"));
    assertThat(write.status()).isEqualTo(400);
    try (Connection primary = LocalReplica.primary()) {
      assertThat(LocalReplica.scalar(primary, "SELECT count(*) FROM users WHERE email = 'erin@replica.test'")).isEqualTo("0");
    }
  }
}
