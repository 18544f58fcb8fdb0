package dev.inkwell.query.sql;

import java.util.List;

/** A filter compiled against a field whitelist, ready for the {@code WhereSql.terms} fragment. */
public final class SqlWhere {

  public static final SqlWhere NONE = new SqlWhere(List.of());

  private final List<SqlTerm> terms;

  SqlWhere(List<SqlTerm> terms) {
    this.terms = List.copyOf(terms);
  }

  public List<SqlTerm> getTerms() {
    return terms;
  }

  public boolean isEmpty() {
    return terms.isEmpty();
  }

  @Override
  public String toString() {
    return terms.toString();
  }
}
