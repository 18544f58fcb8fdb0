package dev.inkwell.query;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A bulk upsert's answer: one row per input row, in input order, with the key, the stored id and
 * whether the statement created it; {@code ignored} rows (onConflict=ignore, the key existed) were
 * left as they were. {@code created}/{@code updated} are null when the engine cannot tell an insert
 * from an update (as for a single upsert's flag).
 */
public record BulkUpsert(List<Row> rows, Integer created, Integer updated, int ignored) {

  public BulkUpsert {
    rows = List.copyOf(rows);
  }

  /** {@code key}: the conflict column's value, in JSON under its own name ({@code "email"}, {@code "name"}). */
  public record Row(Integer id, @JsonIgnore String keyName, @JsonIgnore String key, Boolean created,
      @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean ignored) {

    @JsonAnyGetter
    public Map<String, Object> keyProperty() {
      return Map.of(keyName, key);
    }
  }

  /**
   * The keys, each once, or an {@link InvalidQueryException} naming those given more than once: one
   * {@code INSERT ... ON CONFLICT DO UPDATE} cannot write the same row twice.
   */
  public static Set<String> distinct(List<String> keys, String field, String plural) {
    Set<String> seen = new LinkedHashSet<>();
    Set<String> repeated = new TreeSet<>();
    keys.forEach(key -> {
      if (!seen.add(key)) {
        repeated.add(key);
      }
    });
    if (!repeated.isEmpty()) {
      throw new InvalidQueryException(field, plural + " given more than once: " + String.join(", ", repeated));
    }
    return seen;
  }

  /** Counts the rows' flags. */
  public static BulkUpsert of(List<Row> rows, boolean flagsKnown) {
    int ignored = (int) rows.stream().filter(Row::ignored).count();
    if (!flagsKnown) {
      return new BulkUpsert(rows, null, null, ignored);
    }
    int created = (int) rows.stream().filter(r -> Boolean.TRUE.equals(r.created())).count();
    return new BulkUpsert(rows, created, rows.size() - created - ignored, ignored);
  }
}
