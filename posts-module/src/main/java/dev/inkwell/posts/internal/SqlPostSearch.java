package dev.inkwell.posts.internal;

import java.util.Set;

import dev.inkwell.query.sql.SqlWhere;

/**
 * A checked search as PostSearchMapper.xml reads it. {@code vectors}: a table of
 * {@link #VECTOR_TABLES}; {@code vector}: the query's vector as pgvector text, or null to have the
 * server's embedding() embed {@code query}; {@code mode}: semantic, text or hybrid.
 */
public record SqlPostSearch(String mode, String vectors, String vector, String query, String language,
    SqlWhere where, int k, int candidates, int rrfK) {

  /** Every vector table the migrations create; nothing else ever reaches ${vectors}. */
  public static final Set<String> VECTOR_TABLES = Set.of("post_vectors_minilm", "post_vectors_server");

  public SqlPostSearch {
    if (!VECTOR_TABLES.contains(vectors)) {
      throw new IllegalArgumentException("not a vector table: " + vectors);
    }
  }

  public String getMode() {
    return mode;
  }

  public String getVectors() {
    return vectors;
  }

  public String getVector() {
    return vector;
  }

  public String getQuery() {
    return query;
  }

  public String getLanguage() {
    return language;
  }

  public SqlWhere getWhere() {
    return where;
  }

  public int getK() {
    return k;
  }

  public int getCandidates() {
    return candidates;
  }

  public int getRrfK() {
    return rrfK;
  }
}
