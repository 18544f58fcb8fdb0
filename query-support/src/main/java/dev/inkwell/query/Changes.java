package dev.inkwell.query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The values of Sequelize's {@code Model.update(values, {where})}: only the attributes present are
 * written, so a present null clears a nullable column. Checked against the entity's writable
 * attributes and their types when built; mapper XML reads {@code changes.present} and
 * {@code changes.values}.
 */
public class Changes {

  private final Map<String, Object> values;

  /**
   * @param writable attribute name → type of every attribute that may change
   * @param required the attributes that may not be set to null
   */
  protected Changes(Map<String, FieldType> writable, Set<String> required, Map<String, ?> changes) {
    if (changes == null || changes.isEmpty()) {
      throw new InvalidQueryException("values", "nothing to update; allowed: " + String.join(", ", new TreeSet<>(writable.keySet())));
    }
    Map<String, Object> checked = new LinkedHashMap<>();
    changes.forEach((name, value) -> {
      FieldType type = writable.get(name);
      if (type == null) {
        throw new InvalidQueryException(name, "'" + name + "' cannot be updated; allowed: "
            + String.join(", ", new TreeSet<>(writable.keySet())));
      }
      if (value == null) {
        if (required.contains(name)) {
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
    this.values = Collections.unmodifiableMap(checked);
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
