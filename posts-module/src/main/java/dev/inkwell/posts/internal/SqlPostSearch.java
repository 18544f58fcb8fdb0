package dev.inkwell.posts.internal;

import dev.inkwell.posts.VectorTable;
import dev.inkwell.query.sql.SqlWhere;

/**
 * A checked search as PostSearchMapper.xml reads it. {@code vectors}: the model's table (its name is
 * the one identifier the statement takes from Java); {@code vector}: the query's vector as pgvector
 * text, or null to have the server's embedding() embed {@code query}; {@code mode}: semantic, text or
 * hybrid.
 */
public record SqlPostSearch(String mode, VectorTable vectors, String vector, String query, String language,
    SqlWhere where, int k, int candidates, int rrfK) {

  public String getMode() {
    return mode;
  }

  public VectorTable getVectors() {
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
