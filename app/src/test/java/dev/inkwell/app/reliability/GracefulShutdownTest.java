package dev.inkwell.app.reliability;

import dev.inkwell.migrations.testing.TestDatabaseSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.zaxxer.hikari.HikariDataSource;

import dev.inkwell.Application;

/**
 * Shutting down while a request is in flight: that request completes, new ones are refused, and the
 * pool is closed at the end.
 */
class GracefulShutdownTest {

  private static final String URL = TestDatabaseSettings.url();
  private static final String USER = TestDatabaseSettings.username();
  private static final String PASSWORD = TestDatabaseSettings.password();

  @Test
  void inFlightRequestsFinishNewOnesAreRefusedAndThePoolCloses() throws Exception {
    ConfigurableApplicationContext app = new SpringApplicationBuilder(Application.class).run("--server.port=0");
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    HikariDataSource pool = app.getBean(HikariDataSource.class);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest stats = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/users/stats")).build();
    assertThat(client.send(stats, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

    CompletableFuture<HttpResponse<String>> inFlight;
    CompletableFuture<Void> shutdown;
    Throwable refused;
    try (Connection lock = DriverManager.getConnection(URL, USER, PASSWORD)) {
      lock.setAutoCommit(false);
      try (Statement s = lock.createStatement()) {
        s.execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE"); // the request below waits on it
      }
      inFlight = client.sendAsync(stats, HttpResponse.BodyHandlers.ofString());
      waitForLockWaiter();
      shutdown = CompletableFuture.runAsync(app::close);
      Thread.sleep(500); // shutdown under way: the connector no longer accepts
      refused = catchThrowable(() -> client.send(stats, HttpResponse.BodyHandlers.ofString()));
      lock.rollback();
    }
    HttpResponse<String> finished = inFlight.get(20, TimeUnit.SECONDS);
    shutdown.get(30, TimeUnit.SECONDS);

    assertThat(finished.statusCode()).isEqualTo(200);
    assertThat(finished.body()).contains("\"count\"");
    assertThat(refused).isInstanceOf(java.io.IOException.class);
    assertThat(pool.isClosed()).isTrue();
  }

  private static void waitForLockWaiter() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
      while (System.nanoTime() < deadline) {
        try (var rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")) {
          rs.next();
          if (rs.getInt(1) > 0) {
            return;
          }
        }
        Thread.onSpinWait();
      }
    }
    throw new IllegalStateException("the request never reached the database");
  }
}
