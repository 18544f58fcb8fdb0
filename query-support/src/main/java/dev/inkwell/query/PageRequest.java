package dev.inkwell.query;

/** A 1-based page number and a page size, already within the configured limits, and how to count. */
public record PageRequest(int page, int size, CountMode count) {

  public PageRequest {
    if (page < 1) {
      throw new InvalidQueryException("page", "page must be 1 or more, was " + page);
    }
    if (size < 1) {
      throw new InvalidQueryException("size", "size must be 1 or more, was " + size);
    }
    // PageHelper computes the offset in int arithmetic: past this it would wrap to a negative OFFSET.
    if ((long) (page - 1) * size > Integer.MAX_VALUE) {
      throw new InvalidQueryException("page", "page " + page + " of " + size + " rows starts past row "
          + Integer.MAX_VALUE + ", the last an OFFSET page can reach; page with after= instead");
    }
    count = count == null ? CountMode.EXACT : count;
  }

  public PageRequest(int page, int size) {
    this(page, size, CountMode.EXACT);
  }

  public long offset() {
    return (long) (page - 1) * size;
  }
}
