package dev.inkwell.query;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A Sequelize-style {@code where}: conditions on named fields, combined with and/or/not to any depth.
 * Field names are the API's attribute names ({@code isActive}, {@code metadata.role}); they are
 * checked against an entity's {@link dev.inkwell.query.sql.FieldSet} when the filter is compiled, never sent as SQL.
 *
 * <pre>{@code
 * Where.or(Where.and(Where.field("age").gte(30), Where.field("bio").isNotNull()),
 *          Where.field("name").eq("Alice"))
 * }</pre>
 */
public sealed interface Where {

  /** Matches everything (an empty {@code where}). */
  Where ALL = new And(List.of());

  record And(List<Where> parts) implements Where {
    public And {
      parts = List.copyOf(parts);
    }
  }

  record Or(List<Where> parts) implements Where {
    public Or {
      parts = List.copyOf(parts);
    }
  }

  record Not(Where part) implements Where {
  }

  /** One comparison. {@code value} is a single value, a list (in, between) or null (is null). */
  record Condition(String field, Op op, Object value) implements Where {
  }

  /**
   * A filter on related rows ({@code {"posts": {"$some": {...}}}}, {@code {"author": {...}}}): the
   * parent matches when some, none or every one of its related rows matches {@code where}. A to-one
   * association is always {@link Quantifier#SOME}: its one row matches.
   */
  record Related(String association, Quantifier quantifier, Where where) implements Where {
  }

  enum Quantifier {
    SOME, NONE, EVERY;

    public String jsonName() {
      return "$" + name().toLowerCase(Locale.ROOT);
    }
  }

  static Where and(Where... parts) {
    return new And(Arrays.asList(parts));
  }

  static Where or(Where... parts) {
    return new Or(Arrays.asList(parts));
  }

  static Where not(Where part) {
    return new Not(part);
  }

  static FieldRef field(String name) {
    return new FieldRef(name);
  }

  default boolean isEmpty() {
    return this instanceof And and && and.parts().isEmpty();
  }

  /** Builds conditions on one field. */
  record FieldRef(String name) {
    public Condition op(Op op, Object value) {
      return new Condition(name, op, value);
    }

    public Condition eq(Object value) {
      return op(Op.EQ, value);
    }

    public Condition ne(Object value) {
      return op(Op.NE, value);
    }

    public Condition gt(Object value) {
      return op(Op.GT, value);
    }

    public Condition gte(Object value) {
      return op(Op.GTE, value);
    }

    public Condition lt(Object value) {
      return op(Op.LT, value);
    }

    public Condition lte(Object value) {
      return op(Op.LTE, value);
    }

    public Condition between(Object low, Object high) {
      return op(Op.BETWEEN, List.of(low, high));
    }

    public Condition in(Object... values) {
      return op(Op.IN, Arrays.asList(values));
    }

    public Condition notIn(Object... values) {
      return op(Op.NOT_IN, Arrays.asList(values));
    }

    public Condition like(String pattern) {
      return op(Op.LIKE, pattern);
    }

    public Condition iLike(String pattern) {
      return op(Op.ILIKE, pattern);
    }

    public Condition isNull() {
      return op(Op.IS, null);
    }

    public Condition isNotNull() {
      return op(Op.NOT, null);
    }
  }
}
