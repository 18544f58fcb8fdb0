package dev.inkwell.app.pooler;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.inkwell.app.Http;
import dev.inkwell.app.Http.Response;
import dev.inkwell.migrations.testing.TestDatabaseSettings;

/**
 * Behind a transaction pooler a read runs in no transaction of the service's, yet the statement
 * timeout still cancels it: a user by id waiting on a locked table answers 504 after the timeout
 * (1 s here), not when the lock goes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "inkwell.statement-timeout=1s")
@ThroughTransactionPooler
class StatementTimeoutThroughPoolerTest {

  @LocalServerPort
  int port;

  final JdbcTemplate direct = new JdbcTemplate(new DriverManagerDataSource(TestDatabaseSettings.url(),
      TestDatabaseSettings.username(), TestDatabaseSettings.password()));

  @AfterEach
  void removeUser() {
    direct.update("DELETE FROM users WHERE email = 'slow@pooler-timeout.test'");
  }

  @Test
  void aReadOutsideATransactionIsCancelledByTheTimeout() throws Exception {
    int id = direct.queryForObject("INSERT INTO users (email, name) VALUES ('slow@pooler-timeout.test', 'Slow') RETURNING id", Integer.class);
    Response response;
    try (Connection lock = DriverManager.getConnection(TestDatabaseSettings.url(), TestDatabaseSettings.username(),
        TestDatabaseSettings.password())) {
      lock.setAutoCommit(false);
      try (Statement s = lock.createStatement()) {
        s.execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
      }
      CompletableFuture<Response> read = CompletableFuture.supplyAsync(() -> new Http(port).get("/api/users/" + id));
      try {
        response = read.get(10, TimeUnit.SECONDS); // without the timeout it waits for the lock
      } finally {
        lock.rollback();
      }
    }

    assertThat(response.status()).isEqualTo(504);
    assertThat(new Http(port).get("/api/users/" + id).status()).isEqualTo(200);
  }
}
