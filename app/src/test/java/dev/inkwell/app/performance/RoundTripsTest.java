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
 * warm, then once more, counted, so that nothing adds one unnoticed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"inkwell.security.token=rt-token",
    "spring.datasource.hikari.maximum-pool-size=2", "spring.datasource.hikari.minimum-idle=2",
    "spring.datasource.hikari.connection-test-query=SELECT '" + RoundTripCounter.ALIVE_CHECK + "'"})
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

  /** One SELECT, outside any transaction: a read of one statement needs none. */
  @Test
  void aUserByIdTakesOne() {
    assertThat(roundTrips(() -> http.get("/api/users/" + alice))).isEqualTo(1);
  }

  /** One joined SELECT for the user, its posts and their tags. */
  @Test
  void aUserWithPostsAndTagsTakesOne() {
    assertThat(roundTrips(() -> http.get("/api/users/" + alice + "?include=posts.tags"))).isEqualTo(1);
  }

  /** PageHelper's count, then the page. */
  @Test
  void aFilteredPageTakesTwo() {
    assertThat(roundTrips(() -> http.get("/api/users?age[$gte]=18&size=20"))).isEqualTo(2);
  }

  /** One INSERT ... RETURNING in autocommit: atomic on its own. */
  @Test
  void creatingAUserTakesOne() {
    assertThat(roundTrips(() -> http.post("/api/users", newUser()))).isEqualTo(1);
  }

  /**
   * One INSERT ... ON CONFLICT DO UPDATE ... RETURNING, the update keeping what was not given: age
   * and isActive are bound again for it, typed, so no NULL makes pgjdbc add a Sync.
   */
  @Test
  void anUpsertTakesOne() {
    assertThat(roundTrips(() -> http.put("/api/users/by-email/bob@rt.test", "{\"name\": \"Bob\"}"))).isEqualTo(1);
  }

  /** The KNN SELECT alone: the iterative scan is a setting of the connection. */
  @Test
  void aKnnSearchTakesOne() {
    assertThat(roundTrips(() -> http.post("/api/embeddings/search", "{\"vector\": [1, 2, 3], \"k\": 5}"))).isEqualTo(1);
  }

  /** efSearch's set_config travels in the same batch as the SELECT, before one Sync. */
  @Test
  void aKnnSearchWithItsOwnEfSearchTakesOne() {
    assertThat(roundTrips(() -> http.post("/api/embeddings/search", "{\"vector\": [1, 2, 3], \"k\": 5, \"efSearch\": 80}")))
        .isEqualTo(1);
  }

  /**
   * BEGIN with the user's INSERT, the post's INSERT (its foreign key checks the author), COMMIT.
   * BEGIN travels in one batch with the INSERT because every parameter is typed: after an untyped
   * NULL pgjdbc would send a Sync of its own before each INSERT ... RETURNING (4 round trips here,
   * 2 for a create).
   */
  @Test
  void aUserWithItsFirstPostTakesThree() {
    assertThat(roundTrips(() -> http.post("/api/users/with-post",
        "{\"user\": " + newUser() + ", \"post\": {\"title\": \"T\", \"content\": \"C\"}}"))).isEqualTo(3);
  }
}
