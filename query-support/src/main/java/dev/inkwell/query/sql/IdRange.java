package dev.inkwell.query.sql;

/** Primary keys {@code from} (inclusive) to {@code to} (exclusive): one statement's share of a chunked write. */
public record IdRange(long from, long to) {

  public long getFrom() {
    return from;
  }

  public long getTo() {
    return to;
  }

  /** From {@code from} to the end of the table. */
  public static IdRange startingAt(long from) {
    return new IdRange(from, Long.MAX_VALUE);
  }
}
