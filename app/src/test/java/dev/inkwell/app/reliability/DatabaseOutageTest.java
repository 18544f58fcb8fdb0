package dev.inkwell.app.reliability;

import dev.inkwell.migrations.testing.TestDatabaseSettings;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.inkwell.app.Http;
import dev.inkwell.app.Http.Response;

/**
 * The database goes away under load and comes back (a TCP proxy between service and database drops
 * every connection and refuses new ones, as a restart looks from the service): requests fail fast
 * with 503 problems, health is DOWN, and the service recovers by itself within 10 s, no restart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.hikari.connection-timeout=1000",
    "inkwell.security.token=outage-token"})
class DatabaseOutageTest {

  static TcpProxy proxy;

  @DynamicPropertySource
  static void throughTheProxy(DynamicPropertyRegistry registry) throws IOException {
    String url = TestDatabaseSettings.url();
    Properties parsed = Driver.parseURL(url, null);
    proxy = new TcpProxy(parsed.getProperty("PGHOST"), Integer.parseInt(parsed.getProperty("PGPORT")));
    registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + parsed.getProperty("PGDBNAME"));
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  @LocalServerPort
  int port;

  private record Sample(long atMillis, int status, long tookMillis, String contentType) {
  }

  @Test
  void outageFailsFastAndTheServiceRecoversByItself() throws Exception {
    Http http = new Http(port).withToken("outage-token");
    int id = http.post("/api/users", "{\"email\": \"outage@example.com\", \"name\": \"Outage\"}").body().get("id").asInt();
    List<Sample> samples = new CopyOnWriteArrayList<>();
    AtomicBoolean running = new AtomicBoolean(true);
    long t0 = System.nanoTime();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    for (int c = 0; c < 4; c++) {
      clients.submit(() -> {
        while (running.get()) {
          long start = System.nanoTime();
          Response r = http.get("/api/users/" + id);
          long now = System.nanoTime();
          samples.add(new Sample((start - t0) / 1_000_000, r.status(), (now - start) / 1_000_000, r.contentType()));
        }
        return null;
      });
    }
    Thread.sleep(1_000); // load before the outage
    long downAt = (System.nanoTime() - t0) / 1_000_000;
    proxy.down();
    Thread.sleep(3_000);
    Response healthDown = http.get("/actuator/health");
    long upAt = (System.nanoTime() - t0) / 1_000_000;
    proxy.up();
    long recoveredAt = -1;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      long now = (System.nanoTime() - t0) / 1_000_000;
      if (samples.stream().anyMatch(s -> s.atMillis() > now - 300 && s.atMillis() > upAt && s.status() == 200)) {
        recoveredAt = now;
        break;
      }
      Thread.sleep(50);
    }
    Thread.sleep(500);
    running.set(false);
    clients.shutdown();
    clients.awaitTermination(10, TimeUnit.SECONDS);

    List<Sample> during = samples.stream().filter(s -> s.atMillis() > downAt + 100 && s.atMillis() + s.tookMillis() < upAt).toList();
    assertThat(samples).extracting(Sample::status).containsOnly(200, 503);
    assertThat(during).isNotEmpty().allSatisfy(s -> {
      assertThat(s.status()).isEqualTo(503);
      assertThat(s.contentType()).startsWith("application/problem+json");
      assertThat(s.tookMillis()).isLessThan(2_500); // the acquire timeout (1 s), never hanging
    });
    assertThat(healthDown.status()).isEqualTo(503);
    assertThat(healthDown.body().get("status").asString()).isEqualTo("DOWN");
    assertThat(recoveredAt).as("recovered after the database came back").isPositive();
    assertThat(recoveredAt - upAt).isLessThan(10_000);
    assertThat(http.get("/actuator/health").body().get("status").asString()).isEqualTo("UP");
  }
}
