package dev.inkwell.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.app.Http;

/** The background worker as deployed (on, 100 ms idle delay here): written posts become searchable by themselves. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"inkwell.search.worker.enabled=true", "inkwell.search.worker.idle-delay=100ms"})
class EmbeddingWorkerTest {

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("within 30 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private long revision(int post) {
    return jdbc.sql("SELECT coalesce(max(revision), 0) FROM post_vectors_minilm WHERE post_id = ?").param(post).query(Long.class).single();
  }

  @Test
  void newAndChangedPostsAreEmbeddedInTheBackground() throws Exception {
    jdbc.sql("DELETE FROM users").update();
    Http http = new Http(port);
    int author = http.post("/api/users", "{\"email\": \"w@example.com\", \"name\": \"W\"}").body().get("id").asInt();
    int post = http.post("/api/posts", """
        {"title": "Tuning a violin", "content": "Tune the A string first, then the others against it.", "authorId": %d}"""
        .formatted(author)).body().get("id").asInt();

    await(() -> revision(post) > 0);
    long first = revision(post);
    assertThat(http.post("/api/posts/search/semantic", "{\"query\": \"getting a fiddle in pitch\", \"mode\": \"semantic\", \"k\": 1}")
        .body().get(0).get("post").get("id").asInt()).isEqualTo(post);

    http.patch("/api/posts/" + post, "{\"title\": \"Restringing a guitar\", \"content\": \"Change one string at a time.\"}");
    await(() -> revision(post) > first);
    assertThat(http.get("/api/search/status").body().get("backlog").asLong()).isZero();
    assertThat(http.post("/api/posts/search/semantic", "{\"query\": \"new strings for my six-string\", \"mode\": \"semantic\", \"k\": 1}")
        .body().get(0).get("post").get("id").asInt()).isEqualTo(post);
  }
}
