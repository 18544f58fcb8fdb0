package dev.inkwell.users;

import dev.inkwell.query.sql.FieldSet;
import dev.inkwell.query.FieldType;

/**
 * The fields of {@link User} that a filter, order or projection may name: the whitelist between
 * request text and SQL. Columns are read through the table alias {@code u}; modules that join users
 * for an association they own (posts' authors) use it too.
 */
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
