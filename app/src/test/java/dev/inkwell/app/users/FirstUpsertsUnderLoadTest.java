package dev.inkwell.app.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.app.Http;
import dev.inkwell.app.Http.Response;

/**
 * A fresh service's first upserts, eight at once on a pool of two: the first one checks once, on a
 * connection of its own, whether the database can report "created". Were the upserts holding pooled
 * connections while they wait for that check, the check would find none, time out, and report the
 * flag as unknown (200, created null) for good.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"inkwell.security.token=up-token",
    "spring.datasource.hikari.maximum-pool-size=2", "spring.datasource.hikari.connection-timeout=1000"})
class FirstUpsertsUnderLoadTest {

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;

  @Test
  void concurrentFirstUpsertsAllReportCreated() throws Exception {
    jdbc.sql("DELETE FROM users WHERE email LIKE '%@first-upsert.test'").update();
    Http http = new Http(port).withToken("up-token");
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<Response>> answers = IntStream.range(0, 8)
          .mapToObj(i -> clients.submit(() -> http.put("/api/users/by-email/u" + i + "@first-upsert.test", "{\"name\": \"U\"}")))
          .toList();
      for (Future<Response> answer : answers) {
        Response response = answer.get();
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body().get("created").asBoolean()).isTrue();
      }
    } finally {
      clients.shutdownNow();
    }
    assertThat(jdbc.sql("SELECT count(*) FROM users WHERE email LIKE '%@first-upsert.test'").query(Integer.class).single()).isEqualTo(8);
  }
}
