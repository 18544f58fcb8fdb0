package dev.inkwell.query;

/**
 * A filter, order, projection or page request that cannot run: unknown field or operator, a value of
 * the wrong type. Thrown before any SQL is sent. {@link #field()} names what was wrong.
 */
public class InvalidQueryException extends IllegalArgumentException {

  private final String field;

  public InvalidQueryException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
