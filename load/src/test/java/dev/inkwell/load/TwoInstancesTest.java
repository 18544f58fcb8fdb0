package dev.inkwell.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import io.micrometer.core.instrument.MeterRegistry;

import dev.inkwell.app.replicas.WithLocalReplica;
import dev.inkwell.migrations.testing.TestDatabaseSettings;

/**
 * Two instances of the service on different ports, sharing the primary and its hot standby, under the
 * load generator spread over both: no 5xx, every claimed row stored (nothing is kept in an instance
 * that the other would need), and reads really served by the standby.
 */
@SpringBootTest(classes = dev.inkwell.Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "inkwell.security.token=load-token")
@WithLocalReplica
class TwoInstancesTest {

  @LocalServerPort
  int port;
  @Autowired
  Environment env;
  @Autowired
  MeterRegistry meters;
  ConfigurableApplicationContext second;

  @BeforeEach
  void secondInstance() {
    second = new SpringApplicationBuilder(dev.inkwell.Application.class).run("--server.port=0", "--inkwell.security.token=load-token",
        "--inkwell.datasource.replica.url=" + env.getProperty("inkwell.datasource.replica.url"), "--spring.main.banner-mode=off");
  }

  @AfterEach
  void stopSecond() {
    second.close();
  }

  /**
   * Until the standby has replayed everything the primary wrote before this test (earlier suites write
   * a lot): a standby still catching up reports its lag from its last replayed commit, and over the
   * service's max-lag every read of the run would rightly go to the primary.
   */
  private static void standbyCaughtUp() throws SQLException, InterruptedException {
    String target;
    try (Connection primary = connect(TestDatabaseSettings.url()); Statement s = primary.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
      rs.next();
      target = rs.getString(1);
    }
    try (Connection standby = connect(TestDatabaseSettings.replicaUrl()); Statement s = standby.createStatement()) {
      for (long deadline = System.nanoTime() + 60_000_000_000L; System.nanoTime() < deadline; Thread.sleep(100)) {
        try (ResultSet rs = s.executeQuery("SELECT pg_last_wal_replay_lsn() >= '" + target + "'::pg_lsn")) {
          rs.next();
          if (rs.getBoolean(1)) {
            return;
          }
        }
      }
    }
    throw new AssertionError("the standby did not replay " + target + " within 60 s");
  }

  private static Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url, TestDatabaseSettings.username(), TestDatabaseSettings.password());
  }

  private static double replicaReads(MeterRegistry registry) {
    return registry.get("inkwell.datasource.reads").tag("node", "replica").counter().count();
  }

  /** Reads that went to the primary instead, by reason (down, lag, lsn). */
  private static Map<String, Double> fallbacks(MeterRegistry registry) {
    Map<String, Double> counts = new java.util.TreeMap<>();
    registry.find("inkwell.datasource.replica.fallbacks").counters()
        .forEach(c -> counts.put(c.getId().getTag("reason"), c.count()));
    return counts;
  }

  @Test
  void mixedLoadOverTwoInstancesLeavesNo5xxAndExactlyTheClaimedRows() throws Exception {
    standbyCaughtUp();
    int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
    assertThat(secondPort).isNotEqualTo(port);
    Map<String, Object> report = LoadGenerator.run(Map.of("url", "http://127.0.0.1:" + port + ",http://127.0.0.1:" + secondPort,
        "token", "load-token", "clients", "8", "seconds", "8"));

    assertThat(report.get("fiveXX")).as(report.toString()).isEqualTo(0L);
    assertThat((Integer) report.get("requests")).isGreaterThan(200);
    assertThat(report.get("storedUsers")).isEqualTo((long) (Integer) report.get("claimedUsers"));
    assertThat(report.get("mismatches")).asInstanceOf(InstanceOfAssertFactories.LIST).isEmpty();
    assertThat(report.get("ok")).isEqualTo(true);
    assertThat(replicaReads(meters)).as("the first instance read from the standby; fell back %s", fallbacks(meters)).isPositive();
    MeterRegistry secondMeters = second.getBean(MeterRegistry.class);
    assertThat(replicaReads(secondMeters)).as("the second instance read from the standby; fell back %s", fallbacks(secondMeters))
        .isPositive();
  }
}
