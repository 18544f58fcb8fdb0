package dev.inkwell.query;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The comparison operators of Sequelize's {@code Op}, by the names a JSON filter uses
 * ({@code {"age": {"$gte": 25}}}).
 */
public enum Op {
  EQ("$eq"), NE("$ne"), GT("$gt"), GTE("$gte"), LT("$lt"), LTE("$lte"),
  BETWEEN("$between"), NOT_BETWEEN("$notBetween"), IN("$in"), NOT_IN("$notIn"),
  LIKE("$like"), NOT_LIKE("$notLike"), ILIKE("$iLike"), NOT_ILIKE("$notILike"),
  /** Literal prefix, suffix, infix: {@code %} and {@code _} in the value match themselves. */
  STARTS_WITH("$startsWith"), ENDS_WITH("$endsWith"), SUBSTRING("$substring"),
  /** {@code $is: null}: IS NULL. */
  IS("$is"),
  /** {@code $not: null}: IS NOT NULL. */
  NOT("$not"),
  /** JSONB {@code @>}. */
  CONTAINS("$contains"),
  /** JSONB {@code ?}. */
  HAS_KEY("$hasKey");

  private static final Map<String, Op> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Op::jsonName, Function.identity()));

  private final String jsonName;

  Op(String jsonName) {
    this.jsonName = jsonName;
  }

  public String jsonName() {
    return jsonName;
  }

  /** The operator named {@code $name}, or an {@link InvalidQueryException} listing the known ones. */
  public static Op ofJsonName(String name) {
    Op op = BY_NAME.get(name);
    if (op == null) {
      throw new InvalidQueryException(name, "unknown operator '" + name + "'; allowed: " + allNames());
    }
    return op;
  }

  public static String allNames() {
    return Arrays.stream(values()).map(Op::jsonName).collect(Collectors.joining(", "));
  }
}
