package dev.inkwell.tags;

import dev.inkwell.query.sql.FieldSet;
import dev.inkwell.query.FieldType;

/** The fields of {@link Tag} a filter, order or projection may name, read through the alias {@code t}. */
public final class TagFields {

  public static final FieldSet TAGS = FieldSet.builder("tags", "t")
      .field("id", FieldType.INTEGER)
      .field("name", FieldType.TEXT)
      .build();

  private TagFields() {
  }
}
