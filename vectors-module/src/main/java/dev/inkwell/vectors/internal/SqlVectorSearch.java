package dev.inkwell.vectors.internal;

import dev.inkwell.query.sql.SqlWhere;

/** A checked search, as the search statements read it; {@code metric} is l2, cosine or ip. */
public record SqlVectorSearch(float[] vector, String metric, SqlWhere where, Double maxDistance, Integer limit) {

  public float[] getVector() {
    return vector;
  }

  public String getMetric() {
    return metric;
  }

  public SqlWhere getWhere() {
    return where;
  }

  public Double getMaxDistance() {
    return maxDistance;
  }

  public Integer getLimit() {
    return limit;
  }
}
