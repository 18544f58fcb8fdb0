package dev.inkwell.vectors;

import static dev.inkwell.vectors.EmbeddingFields.EMBEDDINGS;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.inkwell.query.Aggregation;
import dev.inkwell.query.FindOptions;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.Page;
import dev.inkwell.query.PageRequest;
import dev.inkwell.query.ScrollRequest;
import dev.inkwell.query.Window;
import dev.inkwell.query.sql.ChunkedWrite;
import dev.inkwell.query.sql.ListStatements;
import dev.inkwell.query.sql.PagedSelect;
import dev.inkwell.query.sql.SqlAggregation;
import dev.inkwell.vectors.internal.EmbeddingMapper;
import dev.inkwell.vectors.internal.EmbeddingRow;
import dev.inkwell.vectors.internal.SqlVectorSearch;
import dev.inkwell.vectors.internal.VectorSupport;

/**
 * The guide's vector calls with typed vectors. Every vector is checked against the table's dimension
 * (read from the catalog) and must be finite; bad input is an {@link InvalidQueryException} before any
 * SQL. Writes require a transaction (propagation MANDATORY); a search needs none (it joins the
 * caller's when there is one).
 */
@Service
public class EmbeddingService {

  /**
   * Run by the connection pool on each new connection (app: PoolPreparer), unless a transaction
   * pooler sits in between: iterative index scans for every search of the session, where the
   * installed pgvector has them (0.8.0 and later). A connection opened before the extension was
   * created does not have it: the app evicts the pool's connections after migrations ran.
   */
  public static final String CONNECTION_SETTINGS = "SELECT set_config('hnsw.iterative_scan', 'strict_order', false)"
      + " FROM pg_extension WHERE extname = 'vector' AND CASE WHEN extversion ~ '^[0-9]+[.][0-9]+'"
      + " THEN string_to_array(substring(extversion FROM '^[0-9]+[.][0-9]+'), '.')::int[] >= '{0,8}' ELSE false END";

  public static final int DEFAULT_K = 5;
  public static final int MAX_K = 100;
  /** Rows per INSERT at most: 2 parameters each, 10,000 stays below PostgreSQL's 65,535. */
  static final int MAX_BATCH = 10_000;

  private final EmbeddingMapper mapper;
  private final VectorSupport support;
  private final int batchRows;
  /** Directly connected, the pool runs {@link #CONNECTION_SETTINGS}; through a transaction pooler nothing session-wide is safe. */
  private final boolean iterativeScanPerConnection;

  public EmbeddingService(EmbeddingMapper mapper, VectorSupport support,
      @Value(ChunkedWrite.MAX_ROWS) int maxRowsPerStatement, @Value("${inkwell.datasource.pooler:none}") String pooler) {
    this.mapper = mapper;
    this.support = support;
    this.batchRows = Math.min(maxRowsPerStatement, MAX_BATCH);
    this.iterativeScanPerConnection = !"transaction".equalsIgnoreCase(pooler.trim());
  }

  /**
   * Whether a vector search must set pgvector's iterative scan itself, with its statement: the server
   * has it, and a transaction pooler keeps the connection's setting from applying (any HNSW search,
   * such as the posts module's, asks this).
   */
  public boolean iterativeScanPerQuery() {
    return support.iterativeScan() && !iterativeScanPerConnection;
  }

  /** The dimension of {@code embeddings.embedding}, as the table defines it. */
  public int dimension() {
    return support.dimension();
  }

  /**
   * Reads the dimension and pgvector's features again, from the {@code embeddings} table the search
   * path finds now (after migrations that ran once the service had started).
   */
  public void refreshSchemaFacts() {
    support.refresh();
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public Embedding create(NewEmbedding embedding) {
    return mapper.insert(row(embedding)).toEmbedding();
  }

  /**
   * One INSERT per {@code inkwell.dml.max-rows-per-statement} (5,000) embeddings; all are checked
   * before any is written.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<Embedding> createAll(List<NewEmbedding> embeddings) {
    List<EmbeddingRow> rows = new ArrayList<>(embeddings.size());
    for (int i = 0; i < embeddings.size(); i++) {
      rows.add(row(embeddings.get(i), "[" + i + "]"));
    }
    List<Embedding> created = new ArrayList<>(rows.size());
    for (List<EmbeddingRow> batch : ChunkedWrite.batches(rows, batchRows)) {
      mapper.insertAll(batch).forEach(r -> created.add(r.toEmbedding()));
    }
    return created;
  }

  public Optional<Embedding> findById(int id) {
    return Optional.ofNullable(mapper.selectById(id)).map(EmbeddingRow::toEmbedding);
  }

  public Embedding get(int id) {
    return findById(id).orElseThrow(() -> new EmbeddingNotFoundException(id));
  }

  /** Replaces name and vector. */
  @Transactional(propagation = Propagation.MANDATORY)
  public Embedding update(int id, NewEmbedding embedding) {
    return updateIf(id, embedding, null).orElseThrow(() -> new EmbeddingNotFoundException(id));
  }

  /**
   * Replaces name and vector when the row is still at one of {@code versions} ({@link Embedding#version};
   * null: any), checked by the UPDATE itself. Empty when no embedding with that id is at such a version.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Optional<Embedding> updateIf(int id, NewEmbedding embedding, List<String> versions) {
    EmbeddingRow row = row(embedding);
    row.setId(id);
    return Optional.ofNullable(mapper.update(row, versions)).map(EmbeddingRow::toEmbedding);
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void delete(int id) {
    if (!deleteIf(id, null)) {
      throw new EmbeddingNotFoundException(id);
    }
  }

  /** Deletes the embedding when it is still at one of {@code versions} (null: any), in one statement. */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean deleteIf(int id, List<String> versions) {
    return mapper.deleteById(id, versions) > 0;
  }

  /**
   * Sequelize's {@code fn}/{@code group}: the aggregation's rows, named as the caller asked, in one
   * statement ({@code selectAggregate}).
   */
  public List<Map<String, Object>> aggregate(Aggregation aggregation) {
    SqlAggregation sql = EMBEDDINGS.aggregation(aggregation);
    return sql.rows(mapper.selectAggregate(sql));
  }

  /** A page of embeddings by id and name (filter, order, count as for users). */
  public Page<Embedding> findPage(FindOptions options, PageRequest page) {
    return PagedSelect.page(page, EMBEDDINGS.query(options.limit(null, null)), byQuery(), EmbeddingRow::toEmbedding);
  }

  /** A keyset window of embeddings. */
  public Window<Embedding> findWindow(FindOptions options, ScrollRequest scroll) {
    return PagedSelect.window(scroll, EMBEDDINGS, options, byQuery(), EmbeddingRow::toEmbedding);
  }

  /** Every embedding the options select, in keyset chunks ({@link PagedSelect#export}). */
  public void export(FindOptions options, Integer afterId, int chunk, Consumer<List<Embedding>> sink) {
    PagedSelect.export(EMBEDDINGS, options, afterId, chunk, byQuery(), EmbeddingRow::toEmbedding, sink);
  }

  private ListStatements<EmbeddingRow> byQuery() {
    return new ListStatements<>(mapper::selectByQuery, mapper::selectByQuery_COUNT, mapper::selectByQuery_PLAN);
  }

  /**
   * The nearest embeddings first, with their distances. Where the server has them, pgvector's
   * iterative index scans keep an HNSW scan going until k rows pass the filter and the visibility
   * check: without them a scan stops after ef_search candidates, and a filter (or rows deleted but
   * not yet vacuumed) can leave fewer than k, even none.
   * <p>
   * One round trip, no transaction needed: the iterative scan is a setting of the connection
   * ({@link #CONNECTION_SETTINGS}); a per-search {@code efSearch}, and behind a transaction pooler
   * the iterative scan too, is set by a {@code set_config(..., true)} sent in the same message batch
   * as the search, so it lasts exactly as long as the search's (implicit or caller's) transaction.
   */
  public List<Neighbor> search(VectorSearch search) {
    SqlVectorSearch checked = check(search);
    boolean iterativeScan = iterativeScanPerQuery();
    List<EmbeddingRow> rows;
    if (search.efSearch() == null && !iterativeScan) {
      rows = mapper.search(checked);
    } else {
      // Two result sets: the settings' values, then the neighbours.
      @SuppressWarnings("unchecked")
      List<EmbeddingRow> found = (List<EmbeddingRow>) mapper.searchWithSettings(checked, search.efSearch(), iterativeScan).get(1);
      rows = found;
    }
    return neighbors(rows);
  }

  /**
   * All embeddings within {@code maxDistance} of {@code vector}, nearest first (the guide's
   * {@code WHERE embedding <-> q < 1.0 ORDER BY embedding <-> q}), with no limit.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<Neighbor> within(float[] vector, Metric metric, double maxDistance) {
    checkVector("vector", vector);
    return neighbors(mapper.search(new SqlVectorSearch(vector, metric.jsonName(), EMBEDDINGS.where(null), maxDistance, null)));
  }

  /** The guide's {@code cosine_distance(embedding, q)} function form (not index-assisted). */
  public List<Neighbor> searchByCosineFunction(float[] vector, int k) {
    checkVector("vector", vector);
    checkDirection(vector);
    return neighbors(mapper.searchByCosineFunction(vector, checkK(k)));
  }

  /**
   * In a loop, not a stream: for a search's five rows the stream's own machinery took 680
   * async-profiler samples against some 60 in the mapping (the KNN route under wrk).
   */
  private static List<Neighbor> neighbors(List<EmbeddingRow> rows) {
    List<Neighbor> neighbors = new ArrayList<>(rows.size());
    for (EmbeddingRow row : rows) {
      neighbors.add(row.toNeighbor());
    }
    return Collections.unmodifiableList(neighbors);
  }

  /** The plan of the statement {@link #search} would run, with the same settings. */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<String> explain(VectorSearch search) {
    SqlVectorSearch checked = check(search);
    applySettings(search);
    return mapper.explainSearch(checked);
  }

  private SqlVectorSearch check(VectorSearch search) {
    checkVector("vector", search.vector());
    Metric metric = search.metric() == null ? Metric.COSINE : search.metric();
    if (metric == Metric.COSINE) {
      checkDirection(search.vector());
    }
    int k = checkK(search.k() == null ? DEFAULT_K : search.k());
    if (search.maxDistance() != null && !Double.isFinite(search.maxDistance())) {
      throw new InvalidQueryException("maxDistance", "maxDistance must be a finite number");
    }
    if (search.efSearch() != null && (search.efSearch() < 1 || search.efSearch() > 1000)) {
      throw new InvalidQueryException("efSearch", "efSearch must be between 1 and 1000, was " + search.efSearch());
    }
    return new SqlVectorSearch(search.vector(), metric.jsonName(), EMBEDDINGS.where(search.where()), search.maxDistance(), k);
  }

  /** SET LOCAL equivalents: they end with the transaction, so no pooled connection keeps them. */
  private void applySettings(VectorSearch search) {
    if (search.efSearch() != null) {
      mapper.setLocal("hnsw.ef_search", Integer.toString(search.efSearch()));
    }
    if (support.iterativeScan() && !iterativeScanPerConnection) {
      mapper.setLocal("hnsw.iterative_scan", "strict_order");
    }
  }

  /** The cosine distance to a zero vector is NaN for every row (pgvector): nothing to rank by. */
  private static void checkDirection(float[] vector) {
    for (float x : vector) {
      if (x != 0) {
        return;
      }
    }
    throw new InvalidQueryException("vector", "vector must not be all zeros for cosine distance (it has no direction)");
  }

  private static int checkK(int k) {
    if (k < 1 || k > MAX_K) {
      throw new InvalidQueryException("k", "k must be between 1 and " + MAX_K + ", was " + k);
    }
    return k;
  }

  private EmbeddingRow row(NewEmbedding embedding) {
    return row(embedding, "");
  }

  private EmbeddingRow row(NewEmbedding embedding, String at) {
    if (embedding == null) {
      throw new InvalidQueryException("embedding" + at, "an embedding is required");
    }
    String name = embedding.name();
    if (name == null || name.isBlank() || name.length() > 100) {
      throw new InvalidQueryException("name" + at, "name is required, at most 100 characters");
    }
    checkVector("embedding" + at, embedding.embedding());
    return new EmbeddingRow(name, embedding.embedding());
  }

  private void checkVector(String field, float[] vector) {
    int dimension = dimension();
    if (vector == null || vector.length == 0) {
      throw new InvalidQueryException(field, field + " is required: " + dimension + " numbers");
    }
    if (vector.length != dimension) {
      throw new InvalidQueryException(field, field + " must have " + dimension + " dimensions, got " + vector.length);
    }
    // pgvector sums in single precision: beyond this, a distance could overflow to infinity or NaN
    // (two components 2x apart square to 4x²; a factor of two spare for the sum's rounding).
    float largest = (float) Math.sqrt(Float.MAX_VALUE / (8.0 * dimension));
    for (int i = 0; i < vector.length; i++) {
      if (!Float.isFinite(vector[i])) {
        throw new InvalidQueryException(field, field + "[" + i + "] is not a finite number");
      }
      if (Math.abs(vector[i]) > largest) {
        throw new InvalidQueryException(field, field + "[" + i + "] must be at most " + largest
            + " in magnitude: beyond, a distance overflows");
      }
    }
  }
}
