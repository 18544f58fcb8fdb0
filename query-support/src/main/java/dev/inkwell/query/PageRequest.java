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
    count = count == null ? CountMode.EXACT : count;
  }

  public PageRequest(int page, int size) {
    this(page, size, CountMode.EXACT);
  }

  public long offset() {
    return (long) (page - 1) * size;
  }
}
