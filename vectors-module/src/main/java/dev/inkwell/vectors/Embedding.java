package dev.inkwell.vectors;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A stored embedding. {@code version}: the hex MD5 of the row as stored (id, name and the vector as the
 * server prints it), what a conditional write compares (an embedding has no timestamp); read by
 * {@link EmbeddingService#findById} and returned by writes, null in lists and search results. Not part
 * of the JSON body: HTTP carries it as the ETag.
 */
public record Embedding(Integer id, String name, float[] embedding, @JsonIgnore String version) {

  public Embedding(Integer id, String name, float[] embedding) {
    this(id, name, embedding, null);
  }
}
