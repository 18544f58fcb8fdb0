package dev.inkwell.users;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.inkwell.query.FieldType;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.Values;

/**
 * The values of {@code User.update(values, {where})}: only the attributes present are written, so a
 * present null clears a nullable column. updatedAt is always moved by the database.
 */
public final class UserChanges {

  private static final Map<String, FieldType> WRITABLE = Map.of(
      "email", FieldType.TEXT, "name", FieldType.TEXT, "age", FieldType.INTEGER, "isActive", FieldType.BOOLEAN,
      "bio", FieldType.TEXT, "metadata", FieldType.JSONB, "phone", FieldType.TEXT);
  private static final Set<String> REQUIRED = Set.of("email", "name", "age", "isActive");

  private final Map<String, Object> values;

  private UserChanges(Map<String, Object> values) {
    this.values = values;
  }

  /**
   * From attribute names and values (a PATCH body). Unknown or read-only attributes, wrong types and
   * nulls for required columns are refused with an {@link InvalidQueryException}.
   */
  @SuppressWarnings("unchecked")
  public static UserChanges of(Map<String, ?> changes) {
    if (changes.isEmpty()) {
      throw new InvalidQueryException("values", "nothing to update; allowed: " + String.join(", ", WRITABLE.keySet()));
    }
    Map<String, Object> checked = new LinkedHashMap<>();
    changes.forEach((name, value) -> {
      FieldType type = WRITABLE.get(name);
      if (type == null) {
        throw new InvalidQueryException(name, "'" + name + "' cannot be updated; allowed: "
            + String.join(", ", List.copyOf(WRITABLE.keySet()).stream().sorted().toList()));
      }
      if (value == null) {
        if (REQUIRED.contains(name)) {
          throw new InvalidQueryException(name, "'" + name + "' cannot be null");
        }
        checked.put(name, null);
      } else if (type == FieldType.JSONB) {
        if (!(value instanceof Map)) {
          throw new InvalidQueryException(name, "'" + name + "' takes a JSON object");
        }
        checked.put(name, value);
      } else {
        checked.put(name, Values.coerce(name, type, value));
      }
    });
    return new UserChanges(checked);
  }

  public static UserChanges set(String name, Object value) {
    Map<String, Object> one = new LinkedHashMap<>();
    one.put(name, value);
    return of(one);
  }

  /** The attributes given, for {@code <if test="changes.present.contains('bio')">}. */
  public Set<String> getPresent() {
    return values.keySet();
  }

  /** Values by attribute name, for {@code #{changes.values.bio}}. */
  public Map<String, Object> getValues() {
    return values;
  }
}
