package dev.inkwell.vectors;

import dev.inkwell.query.sql.FieldSet;
import dev.inkwell.query.FieldType;

/** The fields of {@link Embedding} a search filter may name (the vector itself is searched by distance). */
public final class EmbeddingFields {

  public static final FieldSet EMBEDDINGS = FieldSet.builder("embeddings", "e")
      .field("id", FieldType.INTEGER)
      .field("name", FieldType.TEXT)
      .build();

  private EmbeddingFields() {
  }
}
