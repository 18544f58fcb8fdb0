package dev.inkwell.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;



/**
 * The load generator, shortened for CI (8 clients for 8 s; scripts/load.sh runs 32 for 60 s against
 * the jar): no 5xx, and the database holds exactly what the successful responses claimed.
 */
@SpringBootTest(classes = dev.inkwell.Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "inkwell.security.token=load-token")
class LoadTest {

  @LocalServerPort
  int port;

  @Test
  void mixedLoadLeavesNo5xxAndExactlyTheClaimedRows() throws Exception {
    Map<String, Object> report = LoadGenerator.run(Map.of("url", "http://127.0.0.1:" + port, "token", "load-token",
        "clients", "8", "seconds", "8"));

    assertThat(report.get("fiveXX")).isEqualTo(0L);
    assertThat((Integer) report.get("requests")).isGreaterThan(200);
    assertThat(report.get("storedUsers")).isEqualTo((long) (Integer) report.get("claimedUsers"));
    assertThat((Integer) report.get("userWithPostUnits")).isPositive();
    assertThat(report.get("mismatches")).asInstanceOf(InstanceOfAssertFactories.LIST).isEmpty();
    assertThat(report.get("ok")).isEqualTo(true);
  }
}
