package dev.inkwell.query.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.inkwell.query.sql.FieldSet.Field;
import dev.inkwell.query.FieldType;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.Like;
import dev.inkwell.query.Op;
import dev.inkwell.query.TextValue;
import dev.inkwell.query.Values;
import dev.inkwell.query.Where;
import tools.jackson.databind.json.JsonMapper;

/**
 * Flattens a {@link Where} tree into the token list that {@code WhereSql.xml} renders. MyBatis XML
 * cannot include a fragment recursively, so nesting is expressed with OPEN/CLOSE tokens instead.
 * Every field is checked against the {@link dev.inkwell.query.sql.FieldSet}, every operator against the field's type and
 * every value against the column's type, before any SQL exists.
 */
public final class WhereCompiler {

  /**
   * Association filters one filter may hold, and how deep they may nest: each is a subquery to plan,
   * and a few hundred nested ones keep the planner busy past any statement timeout.
   */
  static final int MAX_ASSOCIATION_FILTERS = 16;
  static final int MAX_ASSOCIATION_DEPTH = 4;
  /**
   * Conditions one filter may hold, and values all its lists together. PostgreSQL compiles a costly
   * statement's expressions with LLVM (JIT) in time that grows with the square of their size and
   * neither a statement timeout nor a cancel interrupts: 2,000 conditions took 11 s, 4,000 50 s, 120,000
   * went on for over 11 minutes; 100 take 0.2 s (docs/benchmarks.md, "A filter's size and the JIT").
   * A list is one array: 10,000 values stay far below the protocol's 65,535 parameters.
   */
  static final int MAX_CONDITIONS = 100;
  static final int MAX_VALUES = 10_000;

  private final FieldSet fields;
  private final List<SqlTerm> terms;
  private final Counts counts;
  private final int depth;

  /** What a whole filter has used so far, across its association filters. */
  private static final class Counts {
    /** Association filters compiled so far in this statement: each gets aliases of its own. */
    int associations;
    int conditions;
    int values;
  }

  private WhereCompiler(FieldSet fields, List<SqlTerm> terms, Counts counts, int depth) {
    this.fields = fields;
    this.terms = terms;
    this.counts = counts;
    this.depth = depth;
  }

  public static SqlWhere compile(Where where, FieldSet fields) {
    if (where == null || where.isEmpty()) {
      return SqlWhere.NONE;
    }
    WhereCompiler compiler = new WhereCompiler(fields, new ArrayList<>(), new Counts(), 0);
    compiler.add(where);
    return new SqlWhere(compiler.terms);
  }

  private void add(Where where) {
    if (where instanceof Where.And and) {
      group(and.parts(), SqlTerm.AND, SqlTerm.TRUE);
    } else if (where instanceof Where.Or or) {
      group(or.parts(), SqlTerm.OR, SqlTerm.FALSE);
    } else if (where instanceof Where.Not not) {
      terms.add(SqlTerm.NOT);
      terms.add(SqlTerm.OPEN);
      add(not.part());
      terms.add(SqlTerm.CLOSE);
    } else if (where instanceof Where.Condition condition) {
      condition(condition);
    } else if (where instanceof Where.Related related) {
      related(related);
    } else {
      throw new InvalidQueryException(null, "missing filter");
    }
  }

  /**
   * {@code [NOT] EXISTS (SELECT 1 FROM <related rows of this parent> AND (<filter>))}: $some is EXISTS,
   * $none NOT EXISTS, $every NOT EXISTS of a related row for which the filter is not true. The related
   * fields are read through aliases no other part of the statement uses.
   */
  private void related(Where.Related related) {
    Association association = fields.association(related.association());
    if (!association.toMany() && related.quantifier() != Where.Quantifier.SOME) {
      throw new InvalidQueryException(related.association(), "'" + related.association() + "' is one row: filter it as "
          + "{\"" + related.association() + "\": {...}}; " + related.quantifier().jsonName() + " is for lists");
    }
    if (depth >= MAX_ASSOCIATION_DEPTH || counts.associations >= MAX_ASSOCIATION_FILTERS) {
      throw new InvalidQueryException(related.association(), "a filter may cross at most " + MAX_ASSOCIATION_FILTERS
          + " associations, nested at most " + MAX_ASSOCIATION_DEPTH + " deep");
    }
    String alias = association.target().alias() + (++counts.associations);
    terms.add(SqlTerm.exists(related.quantifier().name(), association.join(alias, fields.alias())));
    new WhereCompiler(association.target().withAlias(alias), terms, counts, depth + 1).add(related.where());
    terms.add(SqlTerm.existsEnd(related.quantifier().name()));
  }

  /** An empty AND is true and an empty OR false, as in Sequelize. */
  private void group(List<Where> parts, SqlTerm joiner, SqlTerm whenEmpty) {
    if (parts.isEmpty()) {
      terms.add(whenEmpty);
      return;
    }
    if (parts.size() == 1) {
      add(parts.get(0));
      return;
    }
    terms.add(SqlTerm.OPEN);
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        terms.add(joiner);
      }
      add(parts.get(i));
    }
    terms.add(SqlTerm.CLOSE);
  }

  private void condition(Where.Condition c) {
    count(c);
    Field field;
    String jsonPath = null;
    FieldType type;
    Field document = fields.jsonbFieldOf(c.field());
    if (document != null) {
      field = document;
      jsonPath = pathLiteral(c.field().substring(document.name().length() + 1));
      type = FieldType.TEXT; // ->> / #>> yield text
    } else {
      field = fields.field(c.field());
      type = field.type();
    }
    Op op = c.op();
    if (op == null) {
      throw new InvalidQueryException(c.field(), "no operator for '" + c.field() + "'");
    }
    // eq/ne null mean IS [NOT] NULL, as in Sequelize.
    if (c.value() == null && (op == Op.EQ || op == Op.IS)) {
      terms.add(SqlTerm.condition(field.column(), jsonPath, "IS_NULL", null, List.of()));
      return;
    }
    if (c.value() == null && (op == Op.NE || op == Op.NOT)) {
      terms.add(SqlTerm.condition(field.column(), jsonPath, "IS_NOT_NULL", null, List.of()));
      return;
    }
    if (document != null && JsonPathPredicate.TYPED.contains(op)) {
      String path = c.field().substring(document.name().length() + 1);
      terms.add(SqlTerm.condition(field.column(), null, "JSONPATH", JsonPathPredicate.of(c.field(), path, op, c.value()), List.of()));
      return;
    }
    if (!type.operators().contains(op)) {
      throw new InvalidQueryException(c.field(), "operator " + op.jsonName() + " does not apply to '" + c.field()
          + "' (" + type.name().toLowerCase() + "); allowed: "
          + String.join(", ", type.operators().stream().map(Op::jsonName).toList()));
    }
    String name = c.field();
    switch (op) {
      case IS, NOT -> {
        // Sequelize's [Op.is]: true and [Op.not]: false: IS [NOT] TRUE|FALSE, where NULL is neither.
        boolean booleanColumn = type == FieldType.BOOLEAN && jsonPath == null;
        if (!booleanColumn || !(c.value() instanceof Boolean truth)) {
          throw new InvalidQueryException(name, op.jsonName() + " on '" + name + "' takes only null"
              + (booleanColumn ? ", true or false" : ""));
        }
        terms.add(SqlTerm.condition(field.column(), null, (op == Op.IS ? "IS_" : "IS_NOT_") + (truth ? "TRUE" : "FALSE"),
            null, List.of()));
      }
      case IN, NOT_IN -> {
        List<Object> values = list(name, op, c.value()).stream().map(v -> Values.coerce(name, type, v)).toList();
        if (values.isEmpty()) {
          // IN () is invalid SQL: an empty $in matches nothing, an empty $notIn everything.
          terms.add(op == Op.IN ? SqlTerm.FALSE : SqlTerm.TRUE);
        } else {
          terms.add(SqlTerm.condition(field.column(), jsonPath, op.name(), null, values));
        }
      }
      case BETWEEN, NOT_BETWEEN -> {
        List<?> bounds = bounds(name, op, c.value());
        terms.add(SqlTerm.condition(field.column(), jsonPath, op.name(), null,
            List.of(Values.coerce(name, type, bounds.get(0)), Values.coerce(name, type, bounds.get(1)))));
      }
      case STARTS_WITH -> like(field, jsonPath, Like.escape(text(name, c.value())) + "%");
      case ENDS_WITH -> like(field, jsonPath, "%" + Like.escape(text(name, c.value())));
      case SUBSTRING -> like(field, jsonPath, "%" + Like.escape(text(name, c.value())) + "%");
      case CONTAINS -> terms.add(SqlTerm.condition(field.column(), null, op.name(),
          JsonMapper.shared().writeValueAsString(c.value()), List.of()));
      case HAS_KEY -> terms.add(SqlTerm.condition(field.column(), null, op.name(), text(name, c.value()), List.of()));
      default -> terms.add(SqlTerm.condition(field.column(), jsonPath, op.name(), Values.coerce(name, type, c.value()), List.of()));
    }
  }

  private void count(Where.Condition c) {
    if (++counts.conditions > MAX_CONDITIONS) {
      throw new InvalidQueryException(c.field(), "a filter may hold at most " + MAX_CONDITIONS + " conditions");
    }
    Object value = c.value();
    counts.values += value instanceof Collection<?> list ? list.size() : value instanceof Object[] array ? array.length : 1;
    if (counts.values > MAX_VALUES) {
      throw new InvalidQueryException(c.field(), "a filter's lists may hold at most " + MAX_VALUES + " values together");
    }
  }

  private void like(Field field, String jsonPath, String pattern) {
    terms.add(SqlTerm.condition(field.column(), jsonPath, "LIKE", pattern, List.of()));
  }

  /** The two values of a $between. */
  static List<?> bounds(String name, Op op, Object value) {
    List<?> bounds = list(name, op, value);
    if (bounds.size() != 2) {
      throw new InvalidQueryException(name, op.jsonName() + " on '" + name + "' takes [low, high], got " + bounds.size() + " values");
    }
    return bounds;
  }

  static List<?> list(String name, Op op, Object value) {
    if (value instanceof Collection<?> collection) {
      return new ArrayList<>(collection);
    }
    if (value instanceof Object[] array) {
      return List.of(array);
    }
    throw new InvalidQueryException(name, op.jsonName() + " on '" + name + "' takes a list");
  }

  private static String text(String name, Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof TextValue t) {
      return t.text();
    }
    throw new InvalidQueryException(name, "'" + name + "' takes a string, got " + Values.describe(value));
  }

  /** {@code a.b} → {@code {"a","b"}}, a text[] literal bound as a value. */
  static String pathLiteral(String path) {
    StringBuilder literal = new StringBuilder("{");
    String[] keys = path.split("\\.", -1);
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].isEmpty()) {
        throw new InvalidQueryException(path, "empty key in JSON path '" + path + "'");
      }
      literal.append(i == 0 ? "" : ",").append('"')
          .append(keys[i].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return literal.append('}').toString();
  }
}
