package dev.inkwell.app.web;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.inkwell.query.InvalidQueryException;

/** {@code inkwell.web.max-bulk-rows} (10,000): the most rows one bulk request may write. */
@Component
public class BulkLimit {

  private final int maxRows;

  public BulkLimit(@Value("${inkwell.web.max-bulk-rows:10000}") int maxRows) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("inkwell.web.max-bulk-rows must be at least 1, was " + maxRows);
    }
    this.maxRows = maxRows;
  }

  public <T> List<T> check(List<T> rows) {
    if (rows == null || rows.isEmpty()) {
      throw new InvalidQueryException("body", "a bulk request needs at least one row");
    }
    return atMost("", rows);
  }

  /**
   * A list that may be empty (a post's tags set to none) but holds at most the limit, and no null:
   * Jackson reads {@code [null]} as a list holding null, which the services do not expect.
   * {@code field} names the list in problems; empty for the whole body.
   */
  public <T> List<T> atMost(String field, List<T> rows) {
    if (rows == null) {
      return null;
    }
    if (rows.size() > maxRows) {
      throw new InvalidQueryException(field.isEmpty() ? "body" : field,
          "at most " + maxRows + " rows per bulk request, got " + rows.size());
    }
    for (int i = 0; i < rows.size(); i++) { // not indexOf(null): immutable lists throw on it
      if (rows.get(i) == null) {
        String element = field + "[" + i + "]";
        throw new InvalidQueryException(element, element + " must not be null");
      }
    }
    return rows;
  }
}
