package dev.inkwell.posts;

import dev.inkwell.query.sql.FieldSet;
import dev.inkwell.query.FieldType;

/** The fields of {@link Post} a filter, order or projection may name, read through the alias {@code p}. */
public final class PostFields {

  public static final FieldSet POSTS = FieldSet.builder("posts", "p")
      .field("id", FieldType.INTEGER)
      .field("title", FieldType.TEXT)
      .field("content", FieldType.TEXT)
      .field("published", FieldType.BOOLEAN)
      .field("authorId", FieldType.INTEGER)
      .field("createdAt", FieldType.TIMESTAMP)
      .field("updatedAt", FieldType.TIMESTAMP)
      .build();

  private PostFields() {
  }
}
