package dev.inkwell.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Several indexers draining the outbox at once (as several instances do), and
 * {@code java -jar inkwell.jar reindex}: every post embedded exactly once, a stopped reindex resumes.
 */
@SpringBootTest
@Import(CountingModel.class)
class SearchIndexerTest {

  @Autowired
  JdbcClient jdbc;
  @Autowired
  SearchIndexer indexer;
  @Autowired
  ApplicationContext context;

  @BeforeEach
  void posts() {
    jdbc.sql("DELETE FROM users").update();
    jdbc.sql("DELETE FROM post_search_reindex").update();
    int author = jdbc.sql("INSERT INTO users (email, name) VALUES ('i@example.com', 'I') RETURNING id").query(Integer.class).single();
    jdbc.sql("""
        INSERT INTO posts (title, content, "authorId")
        SELECT 'post ' || g, 'about topic ' || (g % 17), ? FROM generate_series(1, 300) g""").param(author).update();
  }

  private long vectors() {
    return jdbc.sql("SELECT count(*) FROM post_vectors_minilm v JOIN posts p ON p.id = v.post_id").query(Long.class).single();
  }

  @Test
  void fourIndexersAtOnceEmbedEveryPostOnce() throws Exception {
    long before = CountingModel.TEXTS.get();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        running.add(threads.submit(() -> {
          while (indexer.embedNext() > 0) {
            // until nothing waits that another indexer has not claimed
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      threads.shutdown();
    }

    assertThat(indexer.backlog()).isZero();
    assertThat(vectors()).isEqualTo(300);
    assertThat(CountingModel.TEXTS.get() - before).isEqualTo(300);
  }

  @Test
  void reindexEmbedsEveryPostAgainAndAStoppedOneResumes() {
    while (indexer.embedNext() > 0) {
      // first embedding
    }
    OffsetDateTime start = jdbc.sql("SELECT clock_timestamp()").query(OffsetDateTime.class).single();

    // A reindex stopped after one batch (32 posts) ...
    assertThat(indexer.startReindex()).isEqualTo(300);
    assertThat(indexer.embedNext()).isEqualTo(32);
    long before = CountingModel.TEXTS.get();

    // ... resumes with the other 268.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = ReindexCommand.run(context, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

    assertThat(exit).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Embedding 268 posts").contains("Done");
    assertThat(CountingModel.TEXTS.get() - before).isEqualTo(268);
    assertThat(jdbc.sql("SELECT count(*) FROM post_vectors_minilm WHERE embedded_at > ?").param(start).query(Long.class).single())
        .isEqualTo(300);
    assertThat(jdbc.sql("SELECT finished_at IS NOT NULL FROM post_search_reindex").query(Boolean.class).single()).isTrue();

    // Finished, the next reindex starts over.
    assertThat(indexer.startReindex()).isEqualTo(300);
  }
}
