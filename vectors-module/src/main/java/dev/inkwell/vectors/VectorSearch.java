package dev.inkwell.vectors;

import dev.inkwell.query.Where;

/**
 * A similarity search: the {@code k} nearest embeddings to {@code vector} by {@code metric}, nearest
 * first, optionally only those within {@code maxDistance} and matching {@code where} (on id, name).
 * {@code efSearch} trades speed for recall for this query only (HNSW's {@code ef_search}).
 * Null means: metric cosine, k 5, no distance limit, no filter, the server's ef_search.
 */
public record VectorSearch(float[] vector, Metric metric, Integer k, Double maxDistance, Where where, Integer efSearch) {

  public static VectorSearch nearest(float[] vector, Metric metric, int k) {
    return new VectorSearch(vector, metric, k, null, null, null);
  }

  public VectorSearch within(double distance) {
    return new VectorSearch(vector, metric, k, distance, where, efSearch);
  }

  public VectorSearch where(Where filter) {
    return new VectorSearch(vector, metric, k, maxDistance, filter, efSearch);
  }

  public VectorSearch efSearch(int ef) {
    return new VectorSearch(vector, metric, k, maxDistance, where, ef);
  }
}
