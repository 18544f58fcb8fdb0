package dev.inkwell.query.sql;

import dev.inkwell.query.FieldType;

/**
 * One ORDER BY item; every part comes from code (whitelisted column, enum keywords). {@code field} and
 * {@code type} are the API field behind the column: a keyset cursor stores and checks its value.
 * {@code jsonPath}: for a path inside a JSONB column, the path as a bound text[] literal (the item is
 * then the JSON value there, which orders by JSON type, numbers numerically); null for a column.
 * {@code join}: for a field of a to-one association ({@code author.name}), the related row it is read
 * from by a scalar subquery; null otherwise.
 */
public record SqlSort(String column, String direction, String nulls, String field, FieldType type, String jsonPath,
    SqlExists join) {

  public SqlSort(String column, String direction, String nulls, String field, FieldType type) {
    this(column, direction, nulls, field, type, null, null);
  }

  public SqlExists getJoin() {
    return join;
  }

  /** A JSON path or an association's field: orders a page, but a keyset cursor cannot hold its value. */
  boolean derived() {
    return jsonPath != null || join != null;
  }

  public String getJsonPath() {
    return jsonPath;
  }

  /** Getter names for the XML ({@code ${s.column}}). */
  public String getColumn() {
    return column;
  }

  public String getDirection() {
    return direction;
  }

  public String getNulls() {
    return nulls;
  }

  boolean ascending() {
    return direction.equals("ASC");
  }

  /** Where NULLs sort: as written, or PostgreSQL's default (last for ASC, first for DESC). */
  boolean nullsLast() {
    return nulls.isEmpty() ? ascending() : nulls.equals("NULLS LAST");
  }

  /** The same key read the other way round (NULLs too): walking back from a cursor. */
  SqlSort reversed() {
    boolean asc = !ascending();
    boolean last = !nullsLast();
    // Leave the default unwritten, so an index that serves the forward order serves this one backwards.
    String reversedNulls = asc == last ? "" : (last ? "NULLS LAST" : "NULLS FIRST");
    return new SqlSort(column, asc ? "ASC" : "DESC", reversedNulls, field, type, jsonPath, join);
  }
}
