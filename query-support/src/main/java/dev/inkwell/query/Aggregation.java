package dev.inkwell.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sequelize's {@code fn}/{@code group} (and PostgREST's aggregates, with HAVING and ordering by an
 * aggregate): rows grouped by {@code groupBy} (fields, JSON paths, timestamps truncated to a unit),
 * each with the {@code aggregates} asked for under the caller's aliases, filtered by {@code having}
 * (the filter contract over aliases and group keys), ordered and limited. Names are checked against
 * the entity's fields when compiled ({@link dev.inkwell.query.sql.FieldSet#aggregation}).
 */
public record Aggregation(Where where, List<GroupKey> groupBy, Map<String, Function> aggregates, Where having,
    List<Sort> order, Integer limit) {

  /** The most rows an aggregation answers; {@code limit} defaults to it. */
  public static final int MAX_ROWS = 1000;

  /** The most group keys, and the most aggregates, one aggregation may ask for. */
  public static final int MAX_KEYS = 16;

  /** Units {@code $dateTrunc} takes. */
  public static final Set<String> UNITS = Set.of("minute", "hour", "day", "week", "month", "quarter", "year");

  public Aggregation {
    where = where == null ? Where.ALL : where;
    having = having == null ? Where.ALL : having;
    groupBy = List.copyOf(groupBy);
    aggregates = new LinkedHashMap<>(aggregates);
    order = List.copyOf(order);
    if (groupBy.size() > MAX_KEYS || aggregates.size() > MAX_KEYS) {
      throw new InvalidQueryException(groupBy.size() > MAX_KEYS ? "groupBy" : "aggregates", "at most " + MAX_KEYS
          + " group keys and " + MAX_KEYS + " aggregates");
    }
    if (aggregates.isEmpty() && groupBy.isEmpty()) {
      throw new InvalidQueryException("aggregates", "give aggregates, groupBy or both");
    }
    if (limit != null && (limit < 1 || limit > MAX_ROWS)) {
      throw new InvalidQueryException("limit", "limit must be 1 to " + MAX_ROWS + ", was " + limit);
    }
  }

  /** A group key: a field (or JSON path, {@code metadata.group}), or a timestamp field truncated to {@code unit}. */
  public record GroupKey(String name, String field, String unit) {

    public static GroupKey field(String field) {
      return new GroupKey(field, field, null);
    }

    /** {@code {"$dateTrunc": ["month", "createdAt"]}}: named after the unit ({@code "month"}). */
    public static GroupKey dateTrunc(String unit, String field) {
      String u = unit == null ? null : unit.toLowerCase(Locale.ROOT);
      if (!UNITS.contains(u)) {
        throw new InvalidQueryException("groupBy", "$dateTrunc unit must be one of " + String.join(", ", new TreeSet<>(UNITS))
            + ", was \"" + unit + "\"");
      }
      return new GroupKey(u, field, u);
    }
  }

  /** An aggregate function over a field ({@code "*"} for {@code $count} of rows). */
  public record Function(Fn fn, String field) {
  }

  public enum Fn {
    COUNT("$count"), COUNT_DISTINCT("$countDistinct"), SUM("$sum"), AVG("$avg"), MIN("$min"), MAX("$max");

    private final String jsonName;

    Fn(String jsonName) {
      this.jsonName = jsonName;
    }

    public String jsonName() {
      return jsonName;
    }

    public static Fn of(String name) {
      for (Fn fn : values()) {
        if (fn.jsonName.equals(name) || fn.jsonName.substring(1).equals(name)) {
          return fn;
        }
      }
      throw new InvalidQueryException(name, "unknown aggregate function '" + name + "'; allowed: $count, $countDistinct, $sum, $avg, $min, $max");
    }
  }
}
