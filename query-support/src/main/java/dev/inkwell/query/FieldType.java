package dev.inkwell.query;

import java.util.EnumSet;
import java.util.Set;

import static dev.inkwell.query.Op.*;

/** The SQL type behind a filterable field: decides which operators apply and how values are checked. */
public enum FieldType {
  INTEGER(EnumSet.of(EQ, NE, GT, GTE, LT, LTE, BETWEEN, NOT_BETWEEN, IN, NOT_IN, IS, NOT)),
  DECIMAL(EnumSet.of(EQ, NE, GT, GTE, LT, LTE, BETWEEN, NOT_BETWEEN, IS, NOT)),
  TEXT(EnumSet.of(EQ, NE, GT, GTE, LT, LTE, BETWEEN, NOT_BETWEEN, IN, NOT_IN, LIKE, NOT_LIKE, ILIKE,
      NOT_ILIKE, STARTS_WITH, ENDS_WITH, SUBSTRING, IS, NOT)),
  BOOLEAN(EnumSet.of(EQ, NE, IS, NOT)),
  TIMESTAMP(EnumSet.of(EQ, NE, GT, GTE, LT, LTE, BETWEEN, NOT_BETWEEN, IN, NOT_IN, IS, NOT)),
  /** The whole document; a path inside it ({@code metadata.role}) is compared as TEXT. */
  JSONB(EnumSet.of(CONTAINS, HAS_KEY, IS, NOT));

  private final Set<Op> operators;

  FieldType(Set<Op> operators) {
    this.operators = operators;
  }

  public Set<Op> operators() {
    return operators;
  }
}
