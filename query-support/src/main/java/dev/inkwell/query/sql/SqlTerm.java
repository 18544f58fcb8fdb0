package dev.inkwell.query.sql;

import java.util.List;

/**
 * One token of a compiled filter, read by the {@code WhereSql.xml} fragment. {@code column} is an SQL
 * expression taken from an entity's {@link dev.inkwell.query.sql.FieldSet} (never from a request); every
 * value travels in {@code value}/{@code values} and is bound with {@code #{}}.
 */
public final class SqlTerm {

  private final String kind;
  private final String column;
  private final String jsonPath;
  private final String op;
  private final Object value;
  private final List<Object> values;
  private final List<String> columns;

  private SqlTerm(String kind, String column, String jsonPath, String op, Object value, List<Object> values) {
    this(kind, column, jsonPath, op, value, values, List.of());
  }

  private SqlTerm(String kind, String column, String jsonPath, String op, Object value, List<Object> values,
      List<String> columns) {
    this.kind = kind;
    this.column = column;
    this.jsonPath = jsonPath;
    this.op = op;
    this.value = value;
    this.values = values;
    this.columns = columns;
  }

  static final SqlTerm OPEN = token("OPEN");
  static final SqlTerm CLOSE = token("CLOSE");
  static final SqlTerm AND = token("AND");
  static final SqlTerm OR = token("OR");
  static final SqlTerm NOT = token("NOT");
  static final SqlTerm TRUE = token("TRUE");
  static final SqlTerm FALSE = token("FALSE");

  private static SqlTerm token(String kind) {
    return new SqlTerm(kind, null, null, null, null, List.of());
  }

  static SqlTerm condition(String column, String jsonPath, String op, Object value, List<Object> values) {
    return new SqlTerm("COND", column, jsonPath, op, value, values);
  }

  /** A row comparison {@code (c1, c2) > (v1, v2)} ({@code op} GT or LT): one index range for a keyset. */
  static SqlTerm row(List<String> columns, String op, List<Object> values) {
    return new SqlTerm("ROW", null, null, op, null, values, List.copyOf(columns));
  }

  /** The start of an association filter: {@code [NOT] EXISTS (SELECT 1 FROM ... AND (}; {@code op} SOME, NONE or EVERY. */
  static SqlTerm exists(String quantifier, SqlExists join) {
    return new SqlTerm("EXISTS", null, null, quantifier, join, List.of());
  }

  /** Its end: {@code ))}, for EVERY {@code ) IS NOT TRUE)} (no related row fails the filter). */
  static SqlTerm existsEnd(String quantifier) {
    return new SqlTerm("EXISTS_END", null, null, quantifier, null, List.of());
  }

  /** OPEN, CLOSE, AND, OR, NOT, TRUE, FALSE, COND, ROW, EXISTS or EXISTS_END. */
  public String getKind() {
    return kind;
  }

  public String getColumn() {
    return column;
  }

  /** For a condition inside a JSONB document: the path as a text[] literal ({@code {"a","b"}}), bound. */
  public String getJsonPath() {
    return jsonPath;
  }

  /** The {@link dev.inkwell.query.Op} name, or IS_NULL / IS_NOT_NULL, IS_[NOT_]TRUE / IS_[NOT_]FALSE. */
  public String getOp() {
    return op;
  }

  public Object getValue() {
    return value;
  }

  public List<Object> getValues() {
    return values;
  }

  /** A ROW term's columns. */
  public List<String> getColumns() {
    return columns;
  }

  /** Everything the term says, values included: what a keyset cursor's digest covers. */
  String canonical() {
    return kind + "|" + (kind.equals("ROW") ? columns : column) + "|" + jsonPath + "|" + op + "|" + value + "|" + values;
  }

  @Override
  public String toString() {
    if (kind.equals("ROW")) {
      return columns + " " + op;
    }
    return kind.equals("COND") ? column + (jsonPath == null ? "" : "#>>" + jsonPath) + " " + op : kind;
  }
}
