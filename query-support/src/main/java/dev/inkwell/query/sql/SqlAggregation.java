package dev.inkwell.query.sql;

import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled {@link dev.inkwell.query.Aggregation} for the {@code WhereSql.aggregate*} fragments: the
 * search's filter, group keys and functions under labels made in code ({@code g0}, {@code a0}: a
 * caller's alias never reaches the SQL), HAVING and ORDER BY over those labels (an outer query
 * {@code g}), and the limit. {@link #rows} turns the labels back into the caller's names.
 */
public final class SqlAggregation {

  /** A group key: a column, a JSON path's text, or a timestamp truncated (in UTC) to {@code unit}; GROUP BY {@code position}. */
  public record Group(String label, int position, String column, String jsonPath, String unit) {
    public String getLabel() {
      return label;
    }

    public int getPosition() {
      return position;
    }

    public String getColumn() {
      return column;
    }

    public String getJsonPath() {
      return jsonPath;
    }

    public String getUnit() {
      return unit;
    }
  }

  /** A function ({@code COUNT}, {@code COUNT_DISTINCT}, {@code SUM}, {@code AVG}, {@code MIN}, {@code MAX}); column null: {@code count(*)}. */
  public record Function(String label, String fn, String column) {
    public String getLabel() {
      return label;
    }

    public String getFn() {
      return fn;
    }

    public String getColumn() {
      return column;
    }
  }

  private final SqlWhere where;
  private final List<Group> groups;
  private final List<Function> functions;
  private final SqlWhere having;
  private final List<SqlSort> order;
  private final int limit;
  private final Map<String, String> names;

  SqlAggregation(SqlWhere where, List<Group> groups, List<Function> functions, SqlWhere having, List<SqlSort> order,
      int limit, Map<String, String> names) {
    this.where = where;
    this.groups = List.copyOf(groups);
    this.functions = List.copyOf(functions);
    this.having = having;
    this.order = List.copyOf(order);
    this.limit = limit;
    this.names = new LinkedHashMap<>(names);
  }

  public SqlWhere getWhere() {
    return where;
  }

  public List<Group> getGroups() {
    return groups;
  }

  public List<Function> getFunctions() {
    return functions;
  }

  public SqlWhere getHaving() {
    return having;
  }

  public List<SqlSort> getOrder() {
    return order;
  }

  public Integer getLimit() {
    return limit;
  }

  /** No offset: for the shared limitOffset fragment. */
  public Long getOffset() {
    return null;
  }

  /**
   * The rows as the caller named them, every key present (NULL as null), timestamps in UTC. MyBatis
   * gives null for a row whose every column is NULL (the one row of {@code max(age)} over no rows).
   */
  public List<Map<String, Object>> rows(List<Map<String, Object>> labelled) {
    List<Map<String, Object>> rows = new ArrayList<>(labelled.size());
    for (Map<String, Object> row : labelled) {
      Map<String, Object> named = new LinkedHashMap<>();
      names.forEach((label, name) -> {
        Object value = row == null ? null : row.get(label);
        named.put(name, value instanceof Timestamp t ? t.toInstant().atOffset(ZoneOffset.UTC) : value);
      });
      rows.add(named);
    }
    return rows;
  }
}
