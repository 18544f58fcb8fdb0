package dev.inkwell.vectors;

/** A stored embedding. */
public record Embedding(Integer id, String name, float[] embedding) {
}
