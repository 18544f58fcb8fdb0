package dev.inkwell.query.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Writes that could touch any number of rows, done as statements of at most
 * {@code inkwell.dml.max-rows-per-statement} rows each (default 5,000): DB9 refuses a DML statement
 * that scans more than 10,000 rows. Every statement runs in the caller's transaction, so the whole
 * write still commits or rolls back as one where the engine allows a transaction that large.
 *
 * <p>Update and destroy by filter walk the primary key: read the lowest and highest matching id,
 * write the matching rows in {@code [id, id + max)}, and while that range ends below the highest, read
 * the next matching id past it (skipping gaps). Each statement reads and writes at most {@code max}
 * rows through the primary-key index; a filter whose ids span fewer than {@code max} costs one read
 * and one write.
 */
public final class ChunkedWrite {

  /** For {@code @Value}: the most rows one INSERT, UPDATE or DELETE may touch. */
  public static final String MAX_ROWS = "${inkwell.dml.max-rows-per-statement:5000}";

  private ChunkedWrite() {
  }

  /**
   * Runs {@code write} with {@code filter} narrowed to consecutive primary-key ranges of
   * {@code maxRows} ids, asking {@code bounds} for the lowest and highest matching id (null or null
   * bounds: none) of the filter narrowed to what is left. Returns the rows written in all.
   */
  public static int byIdRanges(int maxRows, SqlWhere filter, Function<SqlWhere, IdBounds> bounds, ToIntFunction<SqlWhere> write) {
    IdBounds all = bounds.apply(filter.inIds(IdRange.startingAt(Long.MIN_VALUE)));
    if (all == null || all.low() == null) {
      return 0;
    }
    int total = 0;
    Long next = all.low();
    while (next != null) {
      IdRange range = new IdRange(next, next + maxRows);
      total += write.applyAsInt(filter.inIds(range));
      IdBounds rest = range.to() > all.high() ? null : bounds.apply(filter.inIds(new IdRange(range.to(), all.high() + 1)));
      next = rest == null ? null : rest.low();
    }
    return total;
  }

  /** {@code rows} in consecutive slices of at most {@code maxRows}, for multi-row INSERTs. */
  public static <T> List<List<T>> batches(List<T> rows, int maxRows) {
    List<List<T>> batches = new ArrayList<>();
    for (int from = 0; from < rows.size(); from += maxRows) {
      batches.add(rows.subList(from, Math.min(rows.size(), from + maxRows)));
    }
    return batches;
  }
}
