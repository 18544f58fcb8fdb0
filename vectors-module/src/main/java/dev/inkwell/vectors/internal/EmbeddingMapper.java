package dev.inkwell.vectors.internal;

import java.util.List;
import java.util.Map;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import dev.inkwell.query.sql.SqlAggregation;
import dev.inkwell.query.sql.SqlQuery;

@Mapper
public interface EmbeddingMapper {

  EmbeddingRow selectById(@Param("id") int id);

  /** Nearest first, with the distance; uses the metric's HNSW index (ORDER BY distance LIMIT k). */
  List<EmbeddingRow> search(@Param("s") SqlVectorSearch search);

  /**
   * {@link #search} after {@code set_config(..., true)} of the given settings, both sent in one
   * message batch (one round trip): two result sets, the settings' values and then the rows.
   */
  List<List<?>> searchWithSettings(@Param("s") SqlVectorSearch search, @Param("efSearch") Integer efSearch,
      @Param("iterativeScan") boolean iterativeScan);

  /** The plan of exactly the statement {@link #search} runs. */
  List<String> explainSearch(@Param("s") SqlVectorSearch search);

  /** The guide's function form: {@code cosine_distance(embedding, q)}, which no index serves. */
  List<EmbeddingRow> searchByCosineFunction(@Param("vector") float[] vector, @Param("limit") int limit);

  EmbeddingRow insert(@Param("row") EmbeddingRow row);

  /** One multi-row INSERT for all {@code rows}. */
  List<EmbeddingRow> insertAll(@Param("rows") List<EmbeddingRow> rows);

  /** {@code versions}: the versions the row must still have (null: any); null when no row was updated. */
  EmbeddingRow update(@Param("row") EmbeddingRow row, @Param("versions") List<String> versions);

  int deleteById(@Param("id") int id, @Param("versions") List<String> versions);

  List<EmbeddingRow> selectByQuery(@Param("q") SqlQuery query);

  long selectByQuery_COUNT(@Param("q") SqlQuery query);

  String selectByQuery_PLAN(@Param("q") SqlQuery query);

  /** Rows keyed by the aggregation's labels (SqlAggregation#rows names them). */
  List<Map<String, Object>> selectAggregate(@Param("a") SqlAggregation aggregation);

  /** {@code set_config(name, value, true)}: a setting for the current transaction only. */
  String setLocal(@Param("name") String name, @Param("value") String value);

  /** The typmod of embeddings.embedding: its dimension. */
  Integer selectDimension();

  /** The installed pgvector version, or null. */
  String selectVectorVersion();
}
