package dev.inkwell.app.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.inkwell.app.Http;
import dev.inkwell.app.Http.Response;
import tools.jackson.databind.JsonNode;

/**
 * Transactions over HTTP: the guide's user-with-post, and what a request sees when another
 * transaction changes its row while it waits for the lock (held here by the test, so the order of
 * events is fixed: the request is seen waiting in pg_stat_activity before the other side commits).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TransactionsApiTest {

  private static final java.util.concurrent.ExecutorService REQUESTS = java.util.concurrent.Executors.newCachedThreadPool();

  @LocalServerPort
  int port;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  UnitOfWork uow;
  Http http;

  @BeforeEach
  void clean() {
    http = new Http(port);
    jdbc.update("DELETE FROM users WHERE email LIKE '%@api.tx.test'");
  }

  @Test
  void userWithPostIsBothOrNeither() {
    Response ok = http.post("/api/users/with-post", """
        {"user": {"email": "txn@api.tx.test", "name": "Txn User", "age": 30},
         "post": {"title": "Transactional Post", "content": "Atomic."}}""");
    // A title PostgreSQL refuses (NUL byte) fails the second insert, after the first succeeded.
    Response failed = http.post("/api/users/with-post", """
        {"user": {"email": "half@api.tx.test", "name": "Half"},
         "post": {"title": "bad\\u0000title", "content": "x"}}""");

    assertThat(ok.status()).isEqualTo(201);
    assertThat(ok.body().get("posts").get(0).get("authorId").asInt()).isEqualTo(ok.body().get("id").asInt());
    assertThat(failed.status()).isEqualTo(400);
    assertThat(failed.contentType()).startsWith("application/problem+json");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM users WHERE email = 'half@api.tx.test'", Integer.class)).isZero();
  }

  /** Inside a transaction PostgreSQL keeps its first view of pg_stat_activity: dropped before each look. */
  private int requestsWaitingForALock() {
    jdbc.queryForObject("SELECT pg_stat_clear_snapshot()", Object.class);
    return jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()",
        Integer.class);
  }

  /** Holds the user's row lock in another transaction, sends {@code request}, commits once the request waits. */
  private Response whileAnotherTransactionUpdates(int id, java.util.function.Supplier<Response> request) throws Exception {
    UnitOfWork.Tx other = uow.begin(Unit.readWrite());
    CompletableFuture<Response> response;
    try {
      jdbc.update("UPDATE users SET age = age + 10 WHERE id = ?", id);
      response = CompletableFuture.supplyAsync(request, REQUESTS); // not the common pool: one thread on 2 cores
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (requestsWaitingForALock() == 0) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the request never waited for the lock");
        }
        Thread.onSpinWait();
      }
      other.commit();
    } finally {
      other.close();
    }
    return response.get(30, TimeUnit.SECONDS);
  }

  @Test
  void aNonRetryableUnitSurfacesTheConflictAs409() throws Exception {
    int id = http.post("/api/users", "{\"email\": \"patch@api.tx.test\", \"name\": \"Patch\", \"age\": 1}").body().get("id").asInt();

    Response r = whileAnotherTransactionUpdates(id, () -> http.patch("/api/users/" + id, "{\"age\": 5}"));

    assertThat(r.status()).isEqualTo(409);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.body().get("detail").asString()).contains("SQLSTATE 40001");
    assertThat(jdbc.queryForObject("SELECT age FROM users WHERE id = ?", Integer.class, id)).isEqualTo(11);
  }

  @Test
  void aRetryableUnitIsRetriedAndSucceeds() throws Exception {
    int id = http.post("/api/users", "{\"email\": \"bday@api.tx.test\", \"name\": \"Bday\", \"age\": 1}").body().get("id").asInt();
    long retriesBefore = uow.retries();

    Response r = whileAnotherTransactionUpdates(id, () -> http.post("/api/users/" + id + "/birthday", null));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("age").asInt()).isEqualTo(12);
    assertThat(uow.retries() - retriesBefore).isEqualTo(1); // the first attempt failed with 40001
  }

  @Test
  void infoShowsTheObservedIsolation() {
    int id = http.post("/api/users", "{\"email\": \"info@api.tx.test\", \"name\": \"Info\", \"age\": 1}").body().get("id").asInt();
    http.post("/api/users/" + id + "/birthday", null);

    JsonNode info = http.get("/actuator/info").body();

    assertThat(info.get("transactions").get("isolation").get("serializable").asString()).isEqualTo("serializable");
  }
}
