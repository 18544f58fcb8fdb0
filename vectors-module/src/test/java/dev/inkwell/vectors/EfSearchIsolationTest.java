package dev.inkwell.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A search's ef_search lasts for its transaction only, the caller's or (without one) the implicit
 * one of its single round trip: the next statement on the very same pooled connection (same backend
 * pid) sees pgvector's default again.
 */
@VectorsDataTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class EfSearchIsolationTest {

  @Autowired
  EmbeddingService embeddings;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  PlatformTransactionManager transactions;

  private String[] pidAndEfSearch() {
    return new String[] {
        jdbc.sql("SELECT pg_backend_pid()").query(String.class).single(),
        jdbc.sql("SELECT current_setting('hnsw.ef_search')").query(String.class).single()};
  }

  @Test
  void efSearchDoesNotOutliveItsTransaction() {
    TransactionTemplate tx = new TransactionTemplate(transactions);

    String[] during = tx.execute(status -> {
      embeddings.search(VectorSearch.nearest(new float[] {1, 2, 3}, Metric.L2, 5).efSearch(123));
      return pidAndEfSearch();
    });
    String[] after = tx.execute(status -> pidAndEfSearch());

    assertThat(during[1]).isEqualTo("123");
    assertThat(after[0]).isEqualTo(during[0]); // the same pooled connection (Hikari hands a thread its last one)
    assertThat(after[1]).isEqualTo("40");
  }

  @Test
  void efSearchOfASearchWithoutATransactionEndsWithIt() {
    String pid = jdbc.sql("SELECT pg_backend_pid()").query(String.class).single();

    java.util.List<Neighbor> found = embeddings.search(VectorSearch.nearest(new float[] {1, 2, 3}, Metric.L2, 5).efSearch(123));
    String[] after = pidAndEfSearch();

    assertThat(found).isNotNull();
    assertThat(after[0]).isEqualTo(pid);
    assertThat(after[1]).isEqualTo("40");
  }
}
