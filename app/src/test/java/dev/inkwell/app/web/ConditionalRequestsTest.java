package dev.inkwell.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.app.Http.Response;
import dev.inkwell.app.Http;

/**
 * Strong ETags on single-entity GETs, 304 for If-None-Match, and If-Match on PATCH, PUT and DELETE:
 * a stale tag is a 412 problem and the row is exactly as it was.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConditionalRequestsTest {

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  Http http;
  int user;

  @BeforeEach
  void fixture() {
    http = new Http(port);
    jdbc.sql("DELETE FROM users").update();
    jdbc.sql("DELETE FROM tags").update();
    user = http.post("/api/users", """
        {"email": "etag@example.com", "name": "Etta", "age": 30}""").body().get("id").asInt();
  }

  private Response send(String method, String path, String json, String header, String value) {
    return http.send(method, path, json, Map.of(header, value));
  }

  private String row(String table, int id) {
    return jdbc.sql("SELECT t::text FROM " + table + " t WHERE id = ?").param(id).query(String.class).optional().orElse(null);
  }

  private static void assertPreconditionFailed(Response r) {
    assertThat(r.status()).as(r.raw()).isEqualTo(412);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.body().get("field").asString()).isEqualTo("If-Match");
  }

  @Test
  void getHasAStrongETagAndIfNoneMatchIs304() {
    Response first = http.get("/api/users/" + user);
    String etag = first.header("ETag");

    assertThat(etag).matches("\"[0-9a-z]+\"");
    Response again = send("GET", "/api/users/" + user, null, "If-None-Match", etag);
    assertThat(again.status()).isEqualTo(304);
    assertThat(again.raw()).isEmpty();
    assertThat(again.header("ETag")).isEqualTo(etag);

    http.patch("/api/users/" + user, "{\"age\": 31}");
    Response changed = send("GET", "/api/users/" + user, null, "If-None-Match", etag);
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.header("ETag")).isNotEqualTo(etag);
  }

  @Test
  void everySingleEntityGetIsTagged() {
    int post = http.post("/api/posts", "{\"title\": \"T\", \"content\": \"C\", \"authorId\": " + user + "}").body().get("id").asInt();
    int tag = http.post("/api/tags", "{\"name\": \"etags\"}").body().get("id").asInt();
    http.post("/api/posts/" + post + "/tags", "{\"tagIds\": [" + tag + "]}");

    for (String path : List.of("/api/users/" + user, "/api/users/" + user + "?include=posts.tags", "/api/posts/" + post,
        "/api/posts/" + post + "?include=author,tags", "/api/tags/" + tag, "/api/tags/" + tag + "/posts")) {
      String etag = http.get(path).header("ETag");
      assertThat(etag).as(path).matches("\"[0-9a-z]+\"");
      assertThat(send("GET", path, null, "If-None-Match", etag).status()).as(path).isEqualTo(304);
    }
    // A representation with posts changes its tag when a post changes.
    String withPosts = http.get("/api/users/" + user + "?include=posts").header("ETag");
    http.patch("/api/posts/" + post, "{\"title\": \"T2\"}");
    assertThat(http.get("/api/users/" + user + "?include=posts").header("ETag")).isNotEqualTo(withPosts);
  }

  @Test
  void userWritesWithAStaleTagAre412AndChangeNothing() {
    String etag = http.get("/api/users/" + user).header("ETag");
    Response patched = send("PATCH", "/api/users/" + user, "{\"age\": 31}", "If-Match", etag);
    assertThat(patched.status()).isEqualTo(200);
    String current = patched.header("ETag");
    assertThat(current).isNotEqualTo(etag).isEqualTo(http.get("/api/users/" + user).header("ETag"));
    String stored = row("users", user);

    assertPreconditionFailed(send("PATCH", "/api/users/" + user, "{\"age\": 99}", "If-Match", etag));
    assertPreconditionFailed(send("DELETE", "/api/users/" + user, null, "If-Match", etag));
    assertPreconditionFailed(send("PUT", "/api/users/by-email/etag@example.com", "{\"name\": \"X\"}", "If-Match", etag));
    assertPreconditionFailed(send("PATCH", "/api/users/" + user, "{\"age\": 99}", "If-Match", "\"not-ours\""));
    assertPreconditionFailed(send("PATCH", "/api/users/" + user, "{\"age\": 99}", "If-Match", "W/" + current));
    for (String malformed : List.of("\"unterminated", ",,,", "no-quotes", "\"" + "z".repeat(5000) + "\"", "\"-1\"")) {
      Response r = send("PATCH", "/api/users/" + user, "{\"age\": 99}", "If-Match", malformed);
      assertThat(r.status()).as(malformed).isIn(400, 412);
    }
    assertThat(row("users", user)).isEqualTo(stored);

    Response put = send("PUT", "/api/users/by-email/etag@example.com", "{\"name\": \"Put\"}", "If-Match", etag + ", " + current);
    assertThat(put.status()).as(put.raw()).isEqualTo(200);
    assertThat(put.body().get("user").get("name").asString()).isEqualTo("Put");
    assertThat(put.body().get("user").get("age").asInt()).isEqualTo(31);
    assertPreconditionFailed(send("PUT", "/api/users/by-email/nobody@example.com", "{\"name\": \"N\"}", "If-Match", "*"));
    assertThat(jdbc.sql("SELECT count(*) FROM users").query(Integer.class).single()).isEqualTo(1);

    assertThat(send("DELETE", "/api/users/" + user, null, "If-Match", put.header("ETag")).status()).isEqualTo(204);
    assertThat(send("DELETE", "/api/users/" + user, null, "If-Match", "*").status()).isEqualTo(404);
  }

  @Test
  void postAndTagWritesWithAStaleTagAre412() {
    int post = http.post("/api/posts", "{\"title\": \"T\", \"content\": \"C\", \"authorId\": " + user + "}").body().get("id").asInt();
    int tag = http.post("/api/tags", "{\"name\": \"before\"}").body().get("id").asInt();
    String postTag = http.get("/api/posts/" + post).header("ETag");
    String tagTag = http.get("/api/tags/" + tag).header("ETag");

    Response renamed = send("PATCH", "/api/tags/" + tag, "{\"name\": \"after\"}", "If-Match", tagTag);
    assertThat(renamed.status()).isEqualTo(200);
    assertThat(renamed.header("ETag")).isNotEqualTo(tagTag).isEqualTo(http.get("/api/tags/" + tag).header("ETag"));
    assertPreconditionFailed(send("PATCH", "/api/tags/" + tag, "{\"name\": \"again\"}", "If-Match", tagTag));
    assertPreconditionFailed(send("DELETE", "/api/tags/" + tag, null, "If-Match", tagTag));
    assertThat(row("tags", tag)).contains("after");

    assertThat(send("PATCH", "/api/posts/" + post, "{\"title\": \"T2\"}", "If-Match", postTag).status()).isEqualTo(200);
    String stored = row("posts", post);
    assertPreconditionFailed(send("PATCH", "/api/posts/" + post, "{\"title\": \"T3\"}", "If-Match", postTag));
    assertPreconditionFailed(send("DELETE", "/api/posts/" + post, null, "If-Match", postTag));
    assertThat(row("posts", post)).isEqualTo(stored);
    assertThat(send("DELETE", "/api/tags/" + tag, null, "If-Match", renamed.header("ETag")).status()).isEqualTo(204);
  }

  @Test
  void embeddingWritesWithAStaleTagAre412() {
    jdbc.sql("DELETE FROM embeddings").update();
    int id = http.post("/api/embeddings", "{\"name\": \"e\", \"embedding\": [1, 2, 3]}").body().get("id").asInt();
    String etag = http.get("/api/embeddings/" + id).header("ETag");
    assertThat(etag).matches("\"[0-9a-f]{32}\"");
    assertThat(send("GET", "/api/embeddings/" + id, null, "If-None-Match", etag).status()).isEqualTo(304);

    Response replaced = send("PUT", "/api/embeddings/" + id, "{\"name\": \"e\", \"embedding\": [1, 2, 4]}", "If-Match", etag);
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.body().has("version")).isFalse();
    assertThat(replaced.header("ETag")).isNotEqualTo(etag).isEqualTo(http.get("/api/embeddings/" + id).header("ETag"));
    String stored = row("embeddings", id);
    assertPreconditionFailed(send("PUT", "/api/embeddings/" + id, "{\"name\": \"x\", \"embedding\": [0, 0, 1]}", "If-Match", etag));
    assertPreconditionFailed(send("DELETE", "/api/embeddings/" + id, null, "If-Match", etag));
    assertThat(row("embeddings", id)).isEqualTo(stored);
    assertThat(send("DELETE", "/api/embeddings/" + id, null, "If-Match", replaced.header("ETag")).status()).isEqualTo(204);
  }

  /** Two clients read the same user and both PATCH with its ETag: one wins, the other gets 412 — 50 times over. */
  @Test
  void ofTwoConcurrentWritersWithTheSameTagExactlyOneWins() throws Exception {
    List<Integer> outcomes = new ArrayList<>();
    for (int round = 0; round < 50; round++) {
      String etag = http.get("/api/users/" + user).header("ETag");
      CyclicBarrier start = new CyclicBarrier(2);
      List<CompletableFuture<Integer>> writers = new ArrayList<>();
      for (int client = 0; client < 2; client++) {
        int age = 40 + client;
        writers.add(CompletableFuture.supplyAsync(() -> {
          try {
            start.await();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          return send("PATCH", "/api/users/" + user, "{\"age\": " + age + "}", "If-Match", etag).status();
        }));
      }
      List<Integer> statuses = writers.stream().map(CompletableFuture::join).sorted().toList();
      assertThat(statuses).as("round " + round).containsExactly(200, 412);
      outcomes.addAll(statuses);
    }
    assertThat(outcomes).hasSize(100);
  }
}
