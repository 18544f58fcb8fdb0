package dev.inkwell.vectors;

/** What insert takes; the vector's length must be the table's dimension. */
public record NewEmbedding(String name, float[] embedding) {
}
