package dev.inkwell.query.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A filter compiled against a field whitelist, ready for the {@code WhereSql.criteria} fragment;
 * a chunked write narrows it to one primary-key range ({@link #inIds}).
 */
public final class SqlWhere {

  public static final SqlWhere NONE = new SqlWhere(List.of());

  private final List<SqlTerm> terms;
  private final IdRange ids;

  SqlWhere(List<SqlTerm> terms) {
    this(terms, null);
  }

  private SqlWhere(List<SqlTerm> terms, IdRange ids) {
    this.terms = List.copyOf(terms);
    this.ids = ids;
  }

  /** The same filter, limited to primary keys in {@code ids} (one statement of a ChunkedWrite). */
  public SqlWhere inIds(IdRange ids) {
    return new SqlWhere(terms, ids);
  }

  /** This filter and also {@code more} (a keyset's seek condition). */
  SqlWhere and(List<SqlTerm> more) {
    if (terms.isEmpty()) {
      return new SqlWhere(more, ids);
    }
    List<SqlTerm> both = new ArrayList<>();
    both.add(SqlTerm.OPEN);
    both.addAll(terms);
    both.add(SqlTerm.CLOSE);
    both.add(SqlTerm.AND);
    both.add(SqlTerm.OPEN);
    both.addAll(more);
    both.add(SqlTerm.CLOSE);
    return new SqlWhere(both, ids);
  }

  /** The filter as text, values included: two filters with the same text select the same rows. */
  public String canonical() {
    StringBuilder text = new StringBuilder();
    terms.forEach(term -> text.append(term.canonical()).append(';'));
    return ids == null ? text.toString() : text + "ids " + ids;
  }

  public List<SqlTerm> getTerms() {
    return terms;
  }

  /** The primary-key range, or null for the whole table. */
  public IdRange getIds() {
    return ids;
  }

  public boolean isEmpty() {
    return terms.isEmpty();
  }

  @Override
  public String toString() {
    return ids == null ? terms.toString() : terms + " in " + ids;
  }
}
