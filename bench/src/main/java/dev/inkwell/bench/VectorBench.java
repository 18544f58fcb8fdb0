package dev.inkwell.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.inkwell.vectors.EmbeddingService;
import dev.inkwell.vectors.Metric;
import dev.inkwell.vectors.Neighbor;
import dev.inkwell.vectors.NewEmbedding;
import dev.inkwell.vectors.VectorSearch;
import dev.inkwell.vectors.internal.VectorSupport;
import tools.jackson.databind.json.JsonMapper;

/**
 * pgvector through Inkwell's EmbeddingService: 100,000 random vectors of dimension 128 (fixed seed;
 * clustered like real embeddings, and plain Gaussian), HNSW (L2) build time, top-10 latency p50/p99
 * and throughput at ef_search 40 and 100, and recall@10 against exact search (the same query with
 * index scans off). The embeddings table is altered to
 * vector(128) first: the service reads the dimension from the table.
 */
@Component
class VectorBench {

  private static final int DIM = 128;
  private static final int K = 10;

  private final EmbeddingService embeddings;
  private final VectorSupport support;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  VectorBench(EmbeddingService embeddings, VectorSupport support, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.embeddings = embeddings;
    this.support = support;
    this.jdbc = jdbc;
    this.tx = new TransactionTemplate(transactions);
  }

  String run(boolean quick) {
    int rows = quick ? 5_000 : 100_000;
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("benchmark", "vectors");
    report.put("rows", rows);
    report.put("dimension", DIM);
    report.put("pgvector", jdbc.queryForObject("SELECT extversion FROM pg_extension WHERE extname = 'vector'", String.class));
    report.put("postgres", jdbc.queryForObject("SHOW server_version", String.class));

    jdbc.execute("DROP INDEX IF EXISTS idx_embeddings, idx_embeddings_cosine, idx_embeddings_ip");
    jdbc.execute("ALTER TABLE embeddings ALTER COLUMN embedding TYPE vector(" + DIM + ")");
    support.refresh();

    // Embedding-like data (points around 256 centroids), then the worst case for any ANN index:
    // independent Gaussian vectors, with pgvector's default build settings and with a denser graph.
    report.put("clustered_m16_efc64", dataset(rows, quick, true, 16, 64));
    report.put("gaussian_m16_efc64", dataset(rows, quick, false, 16, 64));
    report.put("gaussian_m32_efc128", dataset(rows, quick, false, 32, 128));
    report.put("note", "L2, top-10; one query = one read transaction (BEGIN, set_config, KNN, COMMIT) through "
        + "EmbeddingService, single thread; recall against the same query with index scans off");
    return JsonMapper.builder().enable(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT).build()
        .writeValueAsString(report);
  }

  private Map<String, Object> dataset(int rows, boolean quick, boolean clustered, int m, int efConstruction) {
    int queries = quick ? 50 : 1_000;
    int recallQueries = quick ? 20 : 200;
    Random random = new Random(20261124);
    float[][] centroids = new float[256][];
    for (int i = 0; i < centroids.length; i++) {
      centroids[i] = vector(random, null, 1);
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    jdbc.execute("DROP INDEX IF EXISTS idx_embeddings");
    jdbc.execute("TRUNCATE embeddings");
    long load = System.nanoTime();
    for (int from = 0; from < rows; from += 10_000) {
      List<NewEmbedding> batch = new ArrayList<>();
      for (int i = from; i < Math.min(rows, from + 10_000); i++) {
        batch.add(new NewEmbedding("v" + i, sample(random, centroids, clustered)));
      }
      tx.executeWithoutResult(status -> embeddings.createAll(batch));
    }
    figures.put("loadSeconds", seconds(load));
    long build = System.nanoTime();
    jdbc.execute("SET maintenance_work_mem = '1GB'");
    jdbc.execute("CREATE INDEX idx_embeddings ON embeddings USING hnsw (embedding vector_l2_ops) WITH (m = " + m
        + ", ef_construction = " + efConstruction + ")");
    figures.put("hnswBuildSeconds", seconds(build));
    jdbc.execute("ANALYZE embeddings");

    List<float[]> recallSet = new ArrayList<>();
    for (int i = 0; i < recallQueries; i++) {
      recallSet.add(sample(random, centroids, clustered));
    }
    List<Set<Integer>> exact = new ArrayList<>();
    for (float[] q : recallSet) {
      exact.add(ids(tx.execute(status -> {
        jdbc.queryForObject("SELECT set_config('enable_indexscan', 'off', true)", String.class);
        return embeddings.search(VectorSearch.nearest(q, Metric.L2, K));
      })));
    }
    List<float[]> latencySet = new ArrayList<>();
    for (int i = 0; i < queries; i++) {
      latencySet.add(sample(random, centroids, clustered));
    }
    for (int ef : new int[] {40, 100}) {
      Map<String, Object> atEf = new LinkedHashMap<>();
      int matched = 0;
      for (int i = 0; i < recallSet.size(); i++) {
        float[] q = recallSet.get(i);
        Set<Integer> found = ids(tx.execute(status -> embeddings.search(VectorSearch.nearest(q, Metric.L2, K).efSearch(ef))));
        found.retainAll(exact.get(i));
        matched += found.size();
      }
      long[] nanos = new long[latencySet.size()];
      long all = System.nanoTime();
      for (int i = 0; i < latencySet.size(); i++) {
        float[] q = latencySet.get(i);
        long one = System.nanoTime();
        tx.execute(status -> embeddings.search(VectorSearch.nearest(q, Metric.L2, K).efSearch(ef)));
        nanos[i] = System.nanoTime() - one;
      }
      double total = (System.nanoTime() - all) / 1e9;
      Arrays.sort(nanos);
      atEf.put("recallAt10", round((double) matched / (recallSet.size() * K), 4));
      atEf.put("p50Ms", round(nanos[nanos.length / 2] / 1e6, 3));
      atEf.put("p99Ms", round(nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e6, 3));
      atEf.put("queriesPerSecond", round(nanos.length / total, 1));
      figures.put("efSearch" + ef, atEf);
    }
    return figures;
  }

  /** A point near a random centroid (clustered), or a fresh Gaussian vector. */
  private static float[] sample(Random random, float[][] centroids, boolean clustered) {
    return clustered ? vector(random, centroids[random.nextInt(centroids.length)], 0.15) : vector(random, null, 1);
  }

  private static float[] vector(Random random, float[] center, double sigma) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) ((center == null ? 0 : center[i]) + sigma * random.nextGaussian());
    }
    return v;
  }

  private static Set<Integer> ids(List<Neighbor> hits) {
    Set<Integer> ids = new HashSet<>();
    hits.forEach(h -> ids.add(h.id()));
    return ids;
  }

  private static double seconds(long since) {
    return round((System.nanoTime() - since) / 1e9, 2);
  }

  private static double round(double value, int places) {
    double scale = Math.pow(10, places);
    return Math.round(value * scale) / scale;
  }
}
