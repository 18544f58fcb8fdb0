package dev.inkwell.users;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import dev.inkwell.query.Changes;
import dev.inkwell.query.FieldType;

/** The values of {@code User.update(values, {where})}; updatedAt is always moved by the database. */
public final class UserChanges extends Changes {

  private static final Map<String, FieldType> WRITABLE = Map.of(
      "email", FieldType.TEXT, "name", FieldType.TEXT, "age", FieldType.INTEGER, "isActive", FieldType.BOOLEAN,
      "bio", FieldType.TEXT, "metadata", FieldType.JSONB, "phone", FieldType.TEXT);
  private static final Set<String> REQUIRED = Set.of("email", "name", "age", "isActive");

  private UserChanges(Map<String, ?> changes) {
    super(WRITABLE, REQUIRED, changes);
  }

  /** From attribute names and values (a PATCH body); refuses unknown or read-only attributes and bad values. */
  public static UserChanges of(Map<String, ?> changes) {
    return new UserChanges(changes);
  }

  public static UserChanges set(String name, Object value) {
    Map<String, Object> one = new HashMap<>();
    one.put(name, value);
    return of(one);
  }
}
