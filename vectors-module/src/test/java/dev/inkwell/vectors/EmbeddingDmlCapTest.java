package dev.inkwell.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.migrations.testing.DmlCap;

/** 25,000 embeddings in one call under DB9's emulated 10,000-row DML cap: one INSERT per 5,000. */
@VectorsDataTest
class EmbeddingDmlCapTest {

  @Autowired
  EmbeddingService embeddings;
  @Autowired
  JdbcClient jdbc;

  @Test
  void bulkInsertOf25000EmbeddingsWorksUnderTheCap() {
    jdbc.sql("DELETE FROM embeddings").update();
    DmlCap.capThisTransaction(sql -> jdbc.sql(sql).update());
    // The HNSW indexes cost ~30 s for 25,000 inserts and have nothing to do with statement sizes;
    // dropped inside the test's transaction, they are back after its rollback.
    jdbc.sql("SELECT indexname FROM pg_indexes WHERE tablename = 'embeddings' AND indexdef LIKE '%hnsw%'")
        .query(String.class).list().forEach(index -> jdbc.sql("DROP INDEX " + index).update());
    List<NewEmbedding> rows = IntStream.range(0, 25_000)
        .mapToObj(i -> new NewEmbedding("e" + i, new float[] {i, 1, 2})).toList();

    List<Embedding> created = embeddings.createAll(rows);

    assertThat(created).hasSize(25_000);
    assertThat(jdbc.sql("SELECT count(*) FROM embeddings").query(Integer.class).single()).isEqualTo(25_000);
  }
}
