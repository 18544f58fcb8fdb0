package dev.inkwell.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace.NONE;

import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.migrations.testing.PostgresTestDatabase;

/** The outbox trigger of V202612032201: what a post write leaves for the embedding worker. */
@JdbcTest
@AutoConfigureTestDatabase(replace = NONE)
@Import(PostgresTestDatabase.class)
class PostSearchOutboxTest {

  @Autowired
  JdbcClient jdbc;

  private int author;

  @BeforeEach
  void author() {
    author = jdbc.sql("INSERT INTO users (email, name) VALUES ('outbox@example.com', 'O') RETURNING id").query(Integer.class).single();
  }

  private int post(String title) {
    return jdbc.sql("INSERT INTO posts (title, content, \"authorId\") VALUES (:t, 'body', :a) RETURNING id")
        .param("t", title).param("a", author).query(Integer.class).single();
  }

  private Optional<Long> revision(int post) {
    return jdbc.sql("SELECT revision FROM post_search_outbox WHERE post_id = :id").param("id", post).query(Long.class).optional();
  }

  @Test
  void anInsertEnqueuesThePostAndATextChangeEnqueuesItAgain() {
    int post = post("first");
    long inserted = revision(post).orElseThrow();

    jdbc.sql("UPDATE posts SET published = true, \"updatedAt\" = now() WHERE id = :id").param("id", post).update();
    assertThat(revision(post)).contains(inserted);

    jdbc.sql("UPDATE posts SET title = title WHERE id = :id").param("id", post).update();
    assertThat(revision(post)).contains(inserted);

    jdbc.sql("UPDATE posts SET content = 'changed' WHERE id = :id").param("id", post).update();
    assertThat(revision(post).orElseThrow()).isGreaterThan(inserted);
  }

  @Test
  void aReEnqueuedRowIsFreeToClaimAgain() {
    int post = post("claimed");
    jdbc.sql("UPDATE post_search_outbox SET claimed_until = now() + interval '1 hour', attempts = 3, last_error = 'x' WHERE post_id = :id")
        .param("id", post).update();

    jdbc.sql("UPDATE posts SET title = 'edited' WHERE id = :id").param("id", post).update();

    assertThat(jdbc.sql("SELECT claimed_until IS NULL AND attempts = 0 AND last_error IS NULL FROM post_search_outbox WHERE post_id = :id")
        .param("id", post).query(Boolean.class).single()).isTrue();
  }

  @Test
  void aDeletedPostLeavesNothingBehind() {
    int post = post("gone");
    jdbc.sql("INSERT INTO post_vectors_minilm (post_id, revision, embedding) SELECT :id, 1, array_fill(0.1, ARRAY[384])::vector")
        .param("id", post).update();

    jdbc.sql("DELETE FROM posts WHERE id = :id").param("id", post).update();

    assertThat(revision(post)).isEmpty();
    assertThat(jdbc.sql("SELECT count(*) FROM post_vectors_minilm WHERE post_id = :id").param("id", post).query(Long.class).single())
        .isZero();
  }
}
