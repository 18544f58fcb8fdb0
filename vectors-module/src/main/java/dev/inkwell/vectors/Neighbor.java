package dev.inkwell.vectors;

/** A search hit: the embedding and its distance to the query vector (by the search's metric). */
public record Neighbor(Integer id, String name, float[] embedding, double distance) {
}
