package dev.inkwell.query.sql;

import java.util.List;

/**
 * Everything a list statement needs, compiled and checked: filter, projection (empty = every
 * column), order (always ending in the id tie-breaker), limit and offset (null = none).
 */
public record SqlQuery(SqlWhere where, List<SqlColumn> columns, List<SqlSort> order, Integer limit, Long offset) {

  /** Only a filter: for a search's {@code _COUNT} statement run on its own. */
  public static SqlQuery of(SqlWhere where) {
    return new SqlQuery(where, List.of(), List.of(), null, null);
  }

  public SqlWhere getWhere() {
    return where;
  }

  public List<SqlColumn> getColumns() {
    return columns;
  }

  public List<SqlSort> getOrder() {
    return order;
  }

  public Integer getLimit() {
    return limit;
  }

  public Long getOffset() {
    return offset;
  }
}
