package dev.inkwell.app;

import dev.inkwell.migrations.testing.TestDatabaseSettings;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.inkwell.migrations.testing.ScratchDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * /actuator/health follows the database: UP while it accepts connections, DOWN (503) while it
 * refuses them, UP again when it is back, with no restart of the service. The database is a scratch
 * one, so refusing its connections disturbs no other test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.datasource.hikari.connection-timeout=2000")
class HealthEndpointTest {

  static ScratchDatabase db;

  @DynamicPropertySource
  static void scratchDatabase(DynamicPropertyRegistry registry) throws SQLException {
    db = ScratchDatabase.create(
        TestDatabaseSettings.url(),
        TestDatabaseSettings.username(),
        TestDatabaseSettings.password(), "inkwell_health");
    registry.add("spring.datasource.url", db::url);
  }

  @AfterAll
  static void drop() throws SQLException {
    db.close();
  }

  @LocalServerPort
  int port;

  private HttpResponse<String> health() throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** "overall/db", e.g. "UP/UP". */
  private static String statuses(HttpResponse<String> response) {
    JsonNode body = JsonMapper.shared().readTree(response.body());
    return body.path("status").asString() + "/" + body.path("components").path("db").path("status").asString();
  }

  @Test
  void healthFollowsTheDatabase() throws Exception {
    HttpResponse<String> up = health();
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(statuses(up)).isEqualTo("UP/UP");
    // No token configured here (loopback only): nobody holds inkwell.write, so nobody sees details.
    assertThat(up.body()).doesNotContain("details");

    db.admin("ALTER DATABASE " + db.name() + " WITH ALLOW_CONNECTIONS false");
    db.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db.name() + "'");
    HttpResponse<String> down = health();
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(statuses(down)).isEqualTo("DOWN/DOWN");

    db.admin("ALTER DATABASE " + db.name() + " WITH ALLOW_CONNECTIONS true");
    // Recovers by itself: the pool opens new connections once the database takes them again.
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    String after = statuses(health());
    while (!after.equals("UP/UP") && System.nanoTime() < deadline) {
      Thread.sleep(200);
      after = statuses(health());
    }
    assertThat(after).isEqualTo("UP/UP");
  }

  @Test
  void actuatorShowsNoSettings() throws Exception {
    HttpResponse<String> env = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/env")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(env.statusCode()).isEqualTo(404);
    assertThat(HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).as("prometheus is off by default").isEqualTo(404);
    assertThat(health().body()).doesNotContain("password");
  }
}
