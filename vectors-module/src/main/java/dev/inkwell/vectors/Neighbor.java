package dev.inkwell.vectors;

/**
 * A search hit: the embedding and its distance to the query vector (by the search's metric); null
 * where the metric gives none (cosine to a stored vector of zeros, which has no direction: pgvector's
 * NaN, which JSON has no number for).
 */
public record Neighbor(Integer id, String name, float[] embedding, Double distance) {
}
