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
  }

  /** Page 1 and the default size when not given; a size above the maximum becomes the maximum. */
  public PageRequest request(Integer page, Integer size) {
    int effectiveSize = size == null ? defaultSize : Math.min(size, maxSize);
    return new PageRequest(page == null ? 1 : page, effectiveSize);
  }
}
