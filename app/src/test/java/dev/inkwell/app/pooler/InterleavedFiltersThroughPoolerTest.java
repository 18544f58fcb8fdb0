package dev.inkwell.app.pooler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.zaxxer.hikari.HikariDataSource;

import dev.inkwell.app.Http;
import dev.inkwell.app.database.PoolerProbe;
import dev.inkwell.migrations.testing.TestDatabaseSettings;

/**
 * What went wrong behind PgBouncer in transaction mode: two clients interleave different filters
 * with the same number of parameters, so a named server-side statement of one could run with the
 * other's parameters on a shared server connection. Thousands of interleaved requests through the
 * pooler; every answer matches the rows the database holds, read directly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ThroughTransactionPooler
class InterleavedFiltersThroughPoolerTest {

  static final int ROUNDS = 1_000;

  @LocalServerPort
  int port;
  @Autowired
  HikariDataSource pool;
  @Autowired
  PoolerProbe probe;

  final JdbcTemplate direct = new JdbcTemplate(new DriverManagerDataSource(TestDatabaseSettings.url(),
      TestDatabaseSettings.username(), TestDatabaseSettings.password()));

  @BeforeEach
  void guideUsers() {
    direct.update("DELETE FROM users");
    direct.update("INSERT INTO users (email, name, age) VALUES ('a@p.test', 'Alice', 30), ('b@p.test', 'Bob', 25), "
        + "('c@p.test', 'Carol', 35), ('d@p.test', 'Dave', 40)");
  }

  private List<String> names(String where) {
    return direct.queryForList("SELECT name FROM users WHERE " + where + " ORDER BY id", String.class);
  }

  @Test
  void theServiceIsReallyBehindATransactionPooler() {
    assertThat(pool.getJdbcUrl()).isEqualTo(TestDatabaseSettings.poolerUrl());
    assertThat(probe.transactionPooling()).isTrue();
  }

  @Test
  void interleavedFiltersAlwaysGetTheirOwnRows() {
    Http http = new Http(port);
    // Each: one bound value, a different statement.
    List<String[]> filters = List.of(
        new String[] {"/api/users?name[$ne]=Alice&order=id", String.join(",", names("name <> 'Alice'"))},
        new String[] {"/api/users?age[$gte]=35&order=id", String.join(",", names("age >= 35"))},
        new String[] {"/api/users?name[$startsWith]=B&order=id", String.join(",", names("name LIKE 'B%'"))},
        new String[] {"/api/users?age[$between]=26,36&order=id", String.join(",", names("age BETWEEN 26 AND 36"))});
    List<String> wrong = Collections.synchronizedList(new ArrayList<>());

    List<CompletableFuture<Void>> clients = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(2); // truly concurrent, whatever the core count
    for (int client = 0; client < 2; client++) {
      int offset = client;
      clients.add(CompletableFuture.runAsync(() -> {
        for (int i = 0; i < ROUNDS; i++) {
          String[] filter = filters.get((i + offset) % filters.size());
          Http.Response r = http.get(filter[0]);
          String got = r.status() != 200 ? "HTTP " + r.status() : String.join(",", r.body().findValuesAsString("name"));
          if (!got.equals(filter[1])) {
            wrong.add(filter[0] + " -> " + got + " (database: " + filter[1] + ")");
          }
        }
      }, threads));
    }
    clients.forEach(CompletableFuture::join);
    threads.shutdown();

    assertThat(filters).allMatch(f -> !f[1].isEmpty());
    assertThat(wrong).isEmpty();
  }
}
