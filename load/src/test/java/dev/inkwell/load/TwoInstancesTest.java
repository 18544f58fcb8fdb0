package dev.inkwell.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

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

  private static double replicaReads(MeterRegistry registry) {
    return registry.get("inkwell.datasource.reads").tag("node", "replica").counter().count();
  }

  @Test
  void mixedLoadOverTwoInstancesLeavesNo5xxAndExactlyTheClaimedRows() throws Exception {
    int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
    assertThat(secondPort).isNotEqualTo(port);
    Map<String, Object> report = LoadGenerator.run(Map.of("url", "http://127.0.0.1:" + port + ",http://127.0.0.1:" + secondPort,
        "token", "load-token", "clients", "8", "seconds", "8"));

    assertThat(report.get("fiveXX")).as(report.toString()).isEqualTo(0L);
    assertThat((Integer) report.get("requests")).isGreaterThan(200);
    assertThat(report.get("storedUsers")).isEqualTo((long) (Integer) report.get("claimedUsers"));
    assertThat(report.get("mismatches")).asList().isEmpty();
    assertThat(report.get("ok")).isEqualTo(true);
    assertThat(replicaReads(meters)).as("the first instance read from the standby").isPositive();
    assertThat(replicaReads(second.getBean(MeterRegistry.class))).as("the second instance read from the standby").isPositive();
  }
}
