package dev.inkwell.compat;

import static dev.inkwell.compat.Expect.equal;
import static dev.inkwell.compat.Expect.that;
import static dev.inkwell.compat.Expect.thrown;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import dev.inkwell.app.transactions.Unit;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.Op;
import dev.inkwell.query.Where;
import dev.inkwell.vectors.Embedding;
import dev.inkwell.vectors.Metric;
import dev.inkwell.vectors.Neighbor;
import dev.inkwell.vectors.NewEmbedding;
import dev.inkwell.vectors.VectorSearch;

/** The guide's vector section through EmbeddingService, on five hand-checked vectors. */
final class VectorChecks {

  static final String CATEGORY = "Vector operations and HNSW";
  private static final float[] Q = {0.9f, 0.3f, 0.1f};

  private VectorChecks() {
  }

  private static Check check(String name, Check.Body body) {
    return new Check(CATEGORY, name, true, body);
  }

  /** A check that commits its own transactions (and empties the run's tables before and after). */
  private static Check committed(String name, Check.Body body) {
    return new Check(CATEGORY, name, false, body);
  }

  private static void five(CompatContext ctx) {
    ctx.embeddings.createAll(List.of(new NewEmbedding("a", new float[] {1, 0, 0}), new NewEmbedding("b", new float[] {0, 1, 0}),
        new NewEmbedding("c", new float[] {1, 1, 0}), new NewEmbedding("d", new float[] {-1, 0, 0}),
        new NewEmbedding("e", new float[] {0.5f, -0.25f, 2})));
  }

  private static List<String> names(List<Neighbor> hits) {
    return hits.stream().map(Neighbor::name).toList();
  }

  private static void close(double actual, double expected, String what) {
    that(Math.abs(actual - expected) < 1e-6, what + ": expected " + expected + ", got " + actual);
  }

  static List<Check> all() {
    return List.of(
        check("the vector extension is installed", ctx -> {
          String version = ctx.jdbc.queryForObject("SELECT extversion FROM pg_extension WHERE extname = 'vector'", String.class);
          that(version != null, "no vector extension");
          return Outcome.pass();
        }),
        check("the dimension is read from the run's own table: 3", ctx -> {
          Integer table = ctx.jdbc.queryForObject("SELECT atttypmod FROM pg_attribute WHERE attrelid = to_regclass(?) "
              + "AND attname = 'embedding'", Integer.class, "\"" + ctx.schema + "\".embeddings");
          equal(table, 3, "dimension of the run's embeddings table");
          equal(ctx.embeddings.dimension(), table, "dimension the service uses");
          return Outcome.pass();
        }),
        check("insert a vector (guide) and read it back exactly", ctx -> {
          Embedding doc = ctx.embeddings.create(new NewEmbedding("doc-1", new float[] {1.0f, 2.0f, 3.0f}));
          float[] odd = {-1.5f, 0.125f, 0.003f};
          Embedding other = ctx.embeddings.create(new NewEmbedding("odd", odd));
          equal(List.of(ctx.embeddings.get(doc.id()).embedding()[2], ctx.embeddings.get(other.id()).embedding()[0]),
              List.of(3.0f, -1.5f), "components");
          return Outcome.pass();
        }),
        check("insert 2,000 vectors in one call", ctx -> {
          Random random = new Random(3);
          List<Embedding> many = ctx.embeddings.createAll(IntStream.range(0, 2_000)
              .mapToObj(i -> new NewEmbedding("v" + i, new float[] {random.nextFloat(), random.nextFloat(), random.nextFloat()})).toList());
          equal(many.stream().map(Embedding::id).distinct().count(), 2_000L, "distinct ids");
          return Outcome.pass();
        }),
        check("L2 distance (<->): order and distances", ctx -> {
          five(ctx);
          List<Neighbor> hits = ctx.embeddings.search(VectorSearch.nearest(Q, Metric.L2, 5));
          equal(names(hits), List.of("a", "c", "b", "d", "e"), "order");
          close(hits.get(0).distance(), 0.3316625, "distance to a");
          return Outcome.pass();
        }),
        check("cosine distance (<=>): order and distances", ctx -> {
          five(ctx);
          List<Neighbor> hits = ctx.embeddings.search(VectorSearch.nearest(Q, Metric.COSINE, 5));
          equal(names(hits), List.of("a", "c", "b", "e", "d"), "order");
          close(hits.get(4).distance(), 1.9434564, "distance to d");
          return Outcome.pass();
        }),
        check("negative inner product (<#>): order and distances", ctx -> {
          five(ctx);
          List<Neighbor> hits = ctx.embeddings.search(VectorSearch.nearest(Q, Metric.IP, 5));
          equal(names(hits), List.of("c", "a", "e", "b", "d"), "order");
          close(hits.get(0).distance(), -1.2, "distance to c");
          return Outcome.pass();
        }),
        check("cosine_distance() function form (guide)", ctx -> {
          five(ctx);
          List<Neighbor> hits = ctx.embeddings.searchByCosineFunction(new float[] {1, 1, 1}, 5);
          equal(hits.get(0).name(), "c", "nearest");
          return Outcome.pass();
        }),
        check("threshold: embedding <-> [1,0,0] < 1.0 (guide)", ctx -> {
          five(ctx);
          equal(names(ctx.embeddings.within(new float[] {1, 0, 0}, Metric.L2, 1.0)), List.of("a"), "< 1.0");
          equal(names(ctx.embeddings.within(new float[] {1, 0, 0}, Metric.L2, 1.5)), List.of("a", "c", "b"), "< 1.5");
          return Outcome.pass();
        }),
        check("k-nearest with a filter (name iLike)", ctx -> {
          five(ctx);
          ctx.embeddings.create(new NewEmbedding("doc-x", new float[] {0.9f, 0.3f, 0.1f}));
          List<Neighbor> hits = ctx.embeddings.search(VectorSearch.nearest(Q, Metric.L2, 3).where(Where.field("name").op(Op.ILIKE, "DOC-%")));
          equal(names(hits), List.of("doc-x"), "filtered");
          return Outcome.pass();
        }),
        committed("ef_search for one transaction only, gone after its commit", ctx -> {
          ctx.reset();
          ctx.uow.run(Unit.readWrite(), () -> {
            five(ctx);
            ctx.embeddings.search(VectorSearch.nearest(Q, Metric.L2, 5).efSearch(77));
            equal(ctx.jdbc.queryForObject("SELECT current_setting('hnsw.ef_search')", String.class), "77", "inside the transaction");
            return null;
          });
          // Every pooled connection, whichever ran the search, is back to the default.
          List<Connection> all = new ArrayList<>();
          try {
            for (int i = 0; i < ctx.dataSource.getMaximumPoolSize(); i++) {
              all.add(ctx.dataSource.getConnection());
            }
            for (Connection c : all) {
              try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_setting('hnsw.ef_search', true)")) {
                rs.next();
                that(!"77".equals(rs.getString(1)), "ef_search 77 outlived its transaction on a pooled connection");
              }
            }
          } finally {
            for (Connection c : all) {
              c.close();
            }
          }
          ctx.reset();
          return Outcome.pass();
        }),
        check("HNSW indexes for vector_l2_ops, vector_cosine_ops, vector_ip_ops", ctx -> {
          List<String> defs = ctx.jdbc.queryForList("SELECT indexdef FROM pg_indexes WHERE schemaname = ? AND tablename = 'embeddings' "
              + "AND indexdef LIKE '%hnsw%' ORDER BY indexname", String.class, ctx.schema);
          equal(defs.size(), 3, "HNSW indexes");
          that(defs.get(0).endsWith("(embedding vector_l2_ops)") && defs.get(1).endsWith("(embedding vector_cosine_ops)")
              && defs.get(2).endsWith("(embedding vector_ip_ops)"), "operator classes: " + defs);
          return Outcome.pass();
        }),
        check("each metric's query can be served by its HNSW index (EXPLAIN)", ctx -> {
          five(ctx);
          ctx.jdbc.queryForObject("SELECT set_config('enable_seqscan', 'off', true)", String.class);
          for (Metric metric : Metric.values()) {
            String plan = String.join("\n", ctx.embeddings.explain(VectorSearch.nearest(Q, metric, 5)));
            String index = switch (metric) {
              case L2 -> "idx_embeddings";
              case COSINE -> "idx_embeddings_cosine";
              case IP -> "idx_embeddings_ip";
            };
            that(plan.contains("Index Scan using " + index + " on"), metric + " should use " + index + ": " + plan);
          }
          return Outcome.pass();
        }),
        check("iterative index scans (pgvector 0.8)", ctx -> {
          String version = ctx.jdbc.queryForObject("SELECT extversion FROM pg_extension WHERE extname = 'vector'", String.class);
          String[] parts = version == null ? new String[] {"0", "0"} : version.split("\\.");
          boolean supported = Integer.parseInt(parts[0]) > 0 || Integer.parseInt(parts[1]) >= 8;
          if (!supported) {
            return Outcome.skip("iterative index scans not supported (pgvector " + version + "): filtered searches may return fewer than k");
          }
          five(ctx);
          ctx.embeddings.search(VectorSearch.nearest(Q, Metric.L2, 5));
          equal(ctx.jdbc.queryForObject("SELECT current_setting('hnsw.iterative_scan')", String.class), "strict_order", "iterative_scan");
          return Outcome.pass();
        }),
        check("a vector of the wrong dimension is refused", ctx -> {
          that(thrown(() -> ctx.embeddings.create(new NewEmbedding("x", new float[] {1, 2})), "2 dimensions") instanceof InvalidQueryException,
              "accepted a 2-dimensional vector");
          return Outcome.pass();
        }));
  }
}
