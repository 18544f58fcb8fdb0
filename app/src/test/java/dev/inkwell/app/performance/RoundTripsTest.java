package dev.inkwell.app.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.inkwell.app.Http;
import dev.inkwell.app.Http.Response;
import dev.inkwell.migrations.testing.TestDatabaseSettings;

/**
 * Round trips to the database per REST call, counted on the wire as the protocol messages a client
 * waits after (RoundTripCounter), on a pool of two kept connections: each call runs until it is
 * warm, then once more, counted. These are today's counts, so that nothing adds one unnoticed; the
 * performance issue's targets (one for a user by id, a KNN search and a create) are not reached yet.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"inkwell.security.token=rt-token",
    "spring.datasource.hikari.maximum-pool-size=2", "spring.datasource.hikari.minimum-idle=2"})
class RoundTripsTest {

  static final RoundTripCounter COUNTER;

  static {
    try {
      java.net.URI db = java.net.URI.create(TestDatabaseSettings.url().substring("jdbc:".length()));
      COUNTER = new RoundTripCounter(db.getHost(), db.getPort());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void throughTheCounter(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> TestDatabaseSettings.url().replaceFirst(":\\d+/", ":" + COUNTER.port() + "/"));
  }

  @AfterAll
  static void stop() {
    COUNTER.close();
  }

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  Http http;
  int alice;

  @BeforeEach
  void fixture() {
    http = new Http(port).withToken("rt-token");
    jdbc.sql("DELETE FROM users WHERE email LIKE '%@rt.test'").update();
    alice = http.post("/api/users", "{\"email\": \"alice@rt.test\", \"name\": \"Alice\", \"age\": 30}").body().get("id").asInt();
    http.post("/api/posts", "{\"title\": \"T\", \"content\": \"C\", \"authorId\": " + alice + "}");
  }

  /**
   * Warm first: both pooled connections past pgjdbc's prepareThreshold (5), after which a statement
   * runs as a named server-side statement, so the count is the steady state.
   */
  private int roundTrips(Supplier<Response> call) {
    for (int i = 0; i < 12; i++) {
      assertThat(call.get().status()).isLessThan(300);
    }
    COUNTER.take();
    assertThat(call.get().status()).isLessThan(300);
    return COUNTER.take();
  }

  private int n = 0;

  private String newUser() {
    return "{\"email\": \"u" + (++n) + "-" + System.nanoTime() + "@rt.test\", \"name\": \"U\"}";
  }

  /** The SELECT, then COMMIT (the read-only BEGIN travels with the SELECT). */
  @Test
  void aUserByIdTakesTwo() {
    assertThat(roundTrips(() -> http.get("/api/users/" + alice))).isEqualTo(2);
  }

  /** One joined SELECT for the user, its posts and their tags, then COMMIT. */
  @Test
  void aUserWithPostsAndTagsTakesTwo() {
    assertThat(roundTrips(() -> http.get("/api/users/" + alice + "?include=posts.tags"))).isEqualTo(2);
  }

  /** PageHelper's count, the page, COMMIT. */
  @Test
  void aFilteredPageTakesThree() {
    assertThat(roundTrips(() -> http.get("/api/users?age[$gte]=18&size=20"))).isEqualTo(3);
  }

  /** A Sync pgjdbc sends right after the read-write BEGIN, the INSERT ... RETURNING, COMMIT. */
  @Test
  void creatingAUserTakesThree() {
    assertThat(roundTrips(() -> http.post("/api/users", newUser()))).isEqualTo(3);
  }

  /** set_config of the search's settings, the KNN SELECT, COMMIT. */
  @Test
  void aKnnSearchTakesThree() {
    assertThat(roundTrips(() -> http.post("/api/embeddings/search", "{\"vector\": [1, 2, 3], \"k\": 5}"))).isEqualTo(3);
  }

  /** A Sync right after BEGIN, the user's INSERT, the post's author check and INSERT, COMMIT. */
  @Test
  void aUserWithItsFirstPostTakesFive() {
    assertThat(roundTrips(() -> http.post("/api/users/with-post",
        "{\"user\": " + newUser() + ", \"post\": {\"title\": \"T\", \"content\": \"C\"}}"))).isEqualTo(5);
  }
}
