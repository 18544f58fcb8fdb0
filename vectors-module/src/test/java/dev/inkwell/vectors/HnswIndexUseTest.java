package dev.inkwell.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.pgvector.PGvector;

import dev.inkwell.query.Op;
import dev.inkwell.query.Where;

/**
 * With enough rows (20,000, committed and analyzed like a real table) the planner serves each
 * metric's k-nearest search from its own HNSW index: proof that the mapper's query shape is one the
 * index can serve, and that its iterative scans fill a filtered search. The rows are deleted and
 * vacuumed afterwards.
 */
@VectorsDataTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HnswIndexUseTest {

  @Autowired
  EmbeddingService embeddings;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  PlatformTransactionManager transactions;

  /** 20,000 random rows, loaded once for both tests (each insert feeds three HNSW indexes). */
  @BeforeAll
  void loadRows() {
    Random random = new Random(7);
    new TransactionTemplate(transactions).executeWithoutResult(status -> embeddings.createAll(IntStream.range(0, 20_000)
        .mapToObj(i -> new NewEmbedding("hnsw-" + i, new float[] {random.nextFloat(), random.nextFloat(), random.nextFloat()}))
        .toList()));
    jdbc.sql("ANALYZE embeddings").update();
  }

  @AfterAll
  void removeRows() {
    jdbc.sql("DELETE FROM embeddings WHERE name LIKE 'hnsw-%'").update();
    jdbc.sql("VACUUM ANALYZE embeddings").update();
  }

  @Test
  void eachMetricUsesItsHnswIndex() {
    TransactionTemplate tx = new TransactionTemplate(transactions);
    float[] q = {0.5f, 0.5f, 0.5f};

    String l2 = plan(tx, VectorSearch.nearest(q, Metric.L2, 10));
    String cosine = plan(tx, VectorSearch.nearest(q, Metric.COSINE, 10));
    String ip = plan(tx, VectorSearch.nearest(q, Metric.IP, 10));
    String filtered = plan(tx, VectorSearch.nearest(q, Metric.L2, 10).where(Where.field("name").op(Op.LIKE, "hnsw-1%")).efSearch(100));
    List<Neighbor> hits = tx.execute(status -> embeddings.search(VectorSearch.nearest(q, Metric.L2, 10)
        .where(Where.field("name").op(Op.LIKE, "hnsw-1%"))));

    assertThat(l2).contains("Index Scan using idx_embeddings on embeddings");
    assertThat(cosine).contains("Index Scan using idx_embeddings_cosine on embeddings");
    assertThat(ip).contains("Index Scan using idx_embeddings_ip on embeddings");
    assertThat(filtered).contains("Index Scan using idx_embeddings on embeddings").contains("Filter");
    assertThat(hits).hasSize(10).allSatisfy(h -> assertThat(h.name()).startsWith("hnsw-1"));
    assertThat(hits).extracting(Neighbor::distance).isSorted();
  }

  /**
   * ef_search 10 and a filter that about 5 % of the rows pass: a plain HNSW scan stops after its 10
   * candidates (about one of them passing); the iterative scan every connection has keeps going until
   * 10 pass. The control turns it off for one transaction: fewer come back, so the test can fail.
   */
  @Test
  void iterativeScansFillAFilteredSearch() {
    TransactionTemplate tx = new TransactionTemplate(transactions);
    VectorSearch narrow = VectorSearch.nearest(new float[] {0.5f, 0.5f, 0.5f}, Metric.L2, 10)
        .where(Where.field("name").op(Op.LIKE, "hnsw-7%")).efSearch(10);

    List<Neighbor> hits = embeddings.search(narrow);
    List<Neighbor> withoutIterativeScan = tx.execute(status -> {
      jdbc.sql("SELECT set_config('hnsw.iterative_scan', 'off', true)").query(String.class).single();
      return embeddings.search(narrow);
    });

    assertThat(plan(tx, narrow)).contains("Index Scan using idx_embeddings on embeddings");
    assertThat(hits).hasSize(10).allSatisfy(h -> assertThat(h.name()).startsWith("hnsw-7"));
    assertThat(withoutIterativeScan).hasSizeLessThan(10);
  }

  /**
   * A search prepared on the server (pgjdbc names a statement from its fifth execution on) keeps one
   * generic plan instead of being planned for every execution: k is out of the planner's sight
   * (EmbeddingMapper.xml). The control, the same query with a plain {@code LIMIT ?} and the vector
   * bound as the service binds it, is planned every time: on this table its custom plan for k rows
   * costs less than a generic plan for an unknown limit. In one transaction: one connection, whose
   * prepared statements pg_prepared_statements lists.
   */
  @Test
  void searchesKeepOneGenericPlan() {
    String search = "%<#>%FROM embeddings e%LIMIT (SELECT $2)%";
    String control = "SELECT id FROM embeddings ORDER BY embedding <#> CAST(? AS vector) LIMIT ?";
    String controlOnServer = control.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2");
    float[] q = {0.5f, 0.5f, 0.5f};
    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      long[] searchBefore = plans(search);
      long[] controlBefore = plans(controlOnServer);

      for (int i = 0; i < 20; i++) {
        assertThat(embeddings.search(VectorSearch.nearest(q, Metric.IP, 5))).hasSize(5);
        assertThat(jdbc.sql(control).params(new PGvector(q), 5).query(Integer.class).list()).hasSize(5);
      }

      long[] searchAfter = plans(search);
      long[] controlAfter = plans(controlOnServer);
      // 16 executions at least on the server's statement (the first four are unnamed), five custom at most
      assertThat(searchAfter[0] - searchBefore[0]).as("generic plans of the search").isGreaterThanOrEqualTo(11);
      assertThat(controlAfter[0] - controlBefore[0]).as("generic plans of the control").isZero();
      assertThat(controlAfter[1] - controlBefore[1]).as("custom plans of the control").isGreaterThanOrEqualTo(16);
    });
  }

  /** Generic and custom plans of this connection's prepared statements whose text is {@code like}. */
  private long[] plans(String like) {
    return jdbc.sql("SELECT coalesce(sum(generic_plans), 0), coalesce(sum(custom_plans), 0) FROM pg_prepared_statements"
        + " WHERE statement LIKE ?").param(like).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
  }

  private String plan(TransactionTemplate tx, VectorSearch search) {
    List<String> lines = tx.execute(status -> embeddings.explain(search));
    return String.join("\n", lines);
  }
}
