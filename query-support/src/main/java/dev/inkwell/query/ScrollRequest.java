package dev.inkwell.query;

/**
 * A keyset ("seek") page: the rows right after the position {@code after} names, or right before
 * {@code before}'s (at most one of the two), at most {@code size} of them. Cursors are the opaque
 * strings a previous {@link Window} handed out; an empty {@code after} (or neither) starts at the
 * beginning, an empty {@code before} at the end.
 */
public record ScrollRequest(String after, String before, int size, CountMode count) {

  /** A cursor is a few values and a digest; anything much longer was not made here. */
  static final int MAX_CURSOR_LENGTH = 2048;

  public ScrollRequest {
    if (after != null && before != null) {
      throw new InvalidQueryException("before", "give either after or before, not both");
    }
    for (String cursor : new String[] {after, before}) {
      if (cursor != null && cursor.length() > MAX_CURSOR_LENGTH) {
        throw new InvalidQueryException(after != null ? "after" : "before", "malformed cursor");
      }
    }
    if (size < 1) {
      throw new InvalidQueryException("size", "size must be 1 or more, was " + size);
    }
    count = count == null ? CountMode.NONE : count;
  }

  /** The first window: no cursor. */
  public static ScrollRequest first(int size, CountMode count) {
    return new ScrollRequest(null, null, size, count);
  }

  public boolean backwards() {
    return before != null;
  }

  /** The cursor given, or null at the start (or, backwards, the end). */
  public String cursor() {
    String cursor = backwards() ? before : after;
    return cursor == null || cursor.isEmpty() ? null : cursor;
  }

  /** The request parameter the cursor came in. */
  public String cursorName() {
    return backwards() ? "before" : "after";
  }
}
