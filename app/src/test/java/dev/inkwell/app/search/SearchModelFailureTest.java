package dev.inkwell.app.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.app.Http;
import dev.inkwell.app.Http.Response;
import dev.inkwell.embedder.EmbedderException;
import dev.inkwell.embedder.TextEmbedder;

/**
 * The model failing (here: one that throws on any text with "damaged" in it, standing in for a broken
 * model file, an out-of-memory or a text it cannot take): a search is a 503 problem, a post write still
 * succeeds at once, the failure is recorded on the waiting post and in the status, and the posts
 * embedded with it in one batch are not held back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SearchModelFailureTest {

  @TestConfiguration
  static class BrokenModel {
    @Bean
    @Primary
    TextEmbedder brokenModel() {
      return new TextEmbedder() {
        @Override
        public String model() {
          return "broken";
        }

        @Override
        public int dimension() {
          return 384;
        }

        @Override
        public List<float[]> embed(List<String> texts) {
          if (texts.stream().anyMatch(text -> text.contains("damaged"))) {
            throw new EmbedderException("the model file is damaged", null);
          }
          return texts.stream().map(text -> {
            float[] vector = new float[384];
            vector[text.length() % 384] = 1;
            return vector;
          }).toList();
        }
      };
    }
  }

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  SearchIndexer indexer;
  Http http;

  @BeforeEach
  void clean() {
    http = new Http(port);
    jdbc.sql("DELETE FROM users").update();
  }

  @Test
  void searchesAre503WritesSucceedAndTheFailureIsReported() {
    int author = http.post("/api/users", "{\"email\": \"f@example.com\", \"name\": \"F\"}").body().get("id").asInt();
    Response created = http.post("/api/posts", "{\"title\": \"t\", \"content\": \"damaged\", \"authorId\": " + author + "}");
    assertThat(created.status()).isEqualTo(201);

    Response search = http.post("/api/posts/search/semantic", "{\"query\": \"damaged goods\"}");
    assertThat(search.status()).isEqualTo(503);
    assertThat(search.contentType()).startsWith("application/problem+json");
    assertThat(search.header("Retry-After")).isEqualTo("1");
    assertThat(http.post("/api/posts/search/semantic", "{\"query\": \"t\", \"mode\": \"text\"}").status()).isEqualTo(200);

    assertThatThrownBy(indexer::embedNext).isInstanceOf(EmbedderException.class);
    JsonStatus status = new JsonStatus(http.get("/api/search/status"));
    assertThat(status.backlog()).isEqualTo(1);
    assertThat(status.lastError()).contains("the model file is damaged");
    assertThat(jdbc.sql("SELECT attempts || ':' || last_error FROM post_search_outbox").query(String.class).single())
        .isEqualTo("1:the model file is damaged");
  }

  @Test
  void aPostTheModelFailsOnHoldsNoOtherBack() {
    int author = http.post("/api/users", "{\"email\": \"f@example.com\", \"name\": \"F\"}").body().get("id").asInt();
    for (String content : new String[] {"first", "damaged", "third"}) {
      assertThat(http.post("/api/posts", "{\"title\": \"t\", \"content\": \"%s\", \"authorId\": %d}"
          .formatted(content, author)).status()).isEqualTo(201);
    }

    assertThat(indexer.embedNext()).isEqualTo(3);

    assertThat(jdbc.sql("SELECT p.content FROM post_vectors_minilm v JOIN posts p ON p.id = v.post_id ORDER BY p.id")
        .query(String.class).list()).containsExactly("first", "third");
    assertThat(jdbc.sql("SELECT p.content || ':' || attempts || ':' || last_error FROM post_search_outbox o"
        + " JOIN posts p ON p.id = o.post_id").query(String.class).single()).isEqualTo("damaged:1:the model file is damaged");
    JsonStatus status = new JsonStatus(http.get("/api/search/status"));
    assertThat(status.backlog()).isEqualTo(1);
    assertThat(status.lastError()).contains("the model file is damaged");
  }

  record JsonStatus(long backlog, String lastError) {
    JsonStatus(Response r) {
      this(r.body().get("backlog").asLong(), r.body().get("lastError").asString());
    }
  }
}
