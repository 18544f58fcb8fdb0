package dev.inkwell.query;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Page-size limits: {@code inkwell.paging.default-size} (20) when none is asked for, and
 * {@code inkwell.paging.max-size} (100), to which a larger request is capped.
 */
@ConfigurationProperties("inkwell.paging")
public record Paging(Integer defaultSize, Integer maxSize) {

  public static final Paging DEFAULTS = new Paging(20, 100);

  public Paging {
    defaultSize = defaultSize == null ? 20 : defaultSize;
    maxSize = maxSize == null ? 100 : maxSize;
    // A setting no request could satisfy fails the start, not every list request with a 400.
    if (defaultSize < 1 || defaultSize > maxSize) {
      throw new IllegalArgumentException("inkwell.paging.default-size must be between 1 and inkwell.paging.max-size ("
          + maxSize + "), was " + defaultSize);
    }
  }

  /** Page 1 and the default size when not given; a size above the maximum becomes the maximum. */
  public PageRequest request(Integer page, Integer size) {
    return request(page, size, CountMode.EXACT);
  }

  public PageRequest request(Integer page, Integer size, CountMode count) {
    return new PageRequest(page == null ? 1 : page, size(size), count);
  }

  /** A keyset request with the same size rules; no count unless asked for. */
  public ScrollRequest scroll(String after, String before, Integer size, CountMode count) {
    return new ScrollRequest(after, before, size(size), count);
  }

  private int size(Integer size) {
    return size == null ? defaultSize : Math.min(size, maxSize);
  }
}
