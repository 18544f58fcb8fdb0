package dev.inkwell.query;

import java.util.Locale;

/**
 * How a list reports its size: {@code exact} runs {@code count(*)} with the list's filter,
 * {@code planned} asks the planner for its estimate of the same filter ({@code EXPLAIN}, no rows
 * read), {@code none} runs no count.
 */
public enum CountMode {
  EXACT, PLANNED, NONE;

  /** The mode named in a request, or {@code fallback} when none is given. */
  public static CountMode parse(String text, CountMode fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidQueryException("count", "count must be exact, planned or none, was \"" + text + "\"");
    }
  }
}
