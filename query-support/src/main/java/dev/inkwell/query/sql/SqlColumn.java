package dev.inkwell.query.sql;

/** A projected column: whitelisted expression and the attribute name it is returned as. */
public record SqlColumn(String expression, String alias) {

  public String getExpression() {
    return expression;
  }

  public String getAlias() {
    return alias;
  }
}
