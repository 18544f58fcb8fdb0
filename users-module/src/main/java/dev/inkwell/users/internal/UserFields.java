package dev.inkwell.users.internal;

import dev.inkwell.query.FieldSet;
import dev.inkwell.query.FieldType;

/** The fields a filter, order or projection may name, read through the alias {@code u}. */
public final class UserFields {

  public static final FieldSet USERS = FieldSet.builder("users", "u")
      .field("id", FieldType.INTEGER)
      .field("email", FieldType.TEXT)
      .field("name", FieldType.TEXT)
      .field("age", FieldType.INTEGER)
      .field("isActive", FieldType.BOOLEAN)
      .field("bio", FieldType.TEXT)
      .field("metadata", FieldType.JSONB)
      .field("phone", FieldType.TEXT)
      .field("createdAt", FieldType.TIMESTAMP)
      .field("updatedAt", FieldType.TIMESTAMP)
      .build();

  private UserFields() {
  }
}
