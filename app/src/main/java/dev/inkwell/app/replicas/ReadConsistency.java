package dev.inkwell.app.replicas;

import java.util.regex.Pattern;

import org.postgresql.replication.LogSequenceNumber;

/**
 * What one request needs from the node that serves its reads, and what it did: the WAL position a
 * client sent in {@code Inkwell-Min-LSN} (its own last write, from {@code Inkwell-Commit-LSN}), and
 * whether it used a read-write connection, so that its response names the commit's position. Kept
 * for the request's thread by {@link ReadConsistencyFilter}.
 */
final class ReadConsistency {

  static final String MIN_LSN_HEADER = "Inkwell-Min-LSN";
  static final String COMMIT_LSN_HEADER = "Inkwell-Commit-LSN";

  /** PostgreSQL's text form of an LSN: two hexadecimal halves of 32 bits. */
  private static final Pattern LSN = Pattern.compile("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}");

  private static final ThreadLocal<ReadConsistency> CURRENT = new ThreadLocal<>();

  private final long minLsn;
  private boolean wrote;

  private ReadConsistency(long minLsn) {
    this.minLsn = minLsn;
  }

  /** The header's position, 0 when absent; IllegalArgumentException when it is not an LSN. */
  static long parse(String header) {
    if (header == null || header.isBlank()) {
      return 0;
    }
    String value = header.strip();
    if (!LSN.matcher(value).matches()) {
      throw new IllegalArgumentException(MIN_LSN_HEADER + " must be a WAL position such as 0/16B3748 (the "
          + COMMIT_LSN_HEADER + " of an earlier response), got '" + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'");
    }
    return LogSequenceNumber.valueOf(value).asLong();
  }

  static String format(long lsn) {
    return LogSequenceNumber.valueOf(lsn).asString();
  }

  static void begin(long minLsn) {
    CURRENT.set(new ReadConsistency(minLsn));
  }

  static void end() {
    CURRENT.remove();
  }

  /** The position the current request's reads must see, 0 for none (or outside a request). */
  static long minLsn() {
    ReadConsistency current = CURRENT.get();
    return current == null ? 0 : current.minLsn;
  }

  static void wrote() {
    ReadConsistency current = CURRENT.get();
    if (current != null) {
      current.wrote = true;
    }
  }

  static boolean hasWritten() {
    ReadConsistency current = CURRENT.get();
    return current != null && current.wrote;
  }
}
