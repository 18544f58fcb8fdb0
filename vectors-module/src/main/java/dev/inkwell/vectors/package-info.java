/**
 * Vectors: the guide's {@code embeddings} table and similarity search with pgvector, through
 * {@link dev.inkwell.vectors.EmbeddingService}: typed vectors ({@code float[]}, one MyBatis type
 * handler), k-nearest-neighbour and threshold search by L2, cosine and inner-product distance on the
 * HNSW indexes, combined with the shared filter model.
 *
 * <p>Owns the {@code embeddings} table. Calls no other module.
 */
package dev.inkwell.vectors;
