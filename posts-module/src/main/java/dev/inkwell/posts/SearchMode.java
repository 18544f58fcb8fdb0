package dev.inkwell.posts;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.inkwell.query.InvalidQueryException;

/** How a post search ranks: by meaning (vectors), by words (full text), or both fused (RRF). */
public enum SearchMode {
  SEMANTIC, TEXT, HYBRID;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code semantic}, {@code text} or {@code hybrid} (any case); null means hybrid. */
  public static SearchMode of(String name) {
    if (name == null) {
      return HYBRID;
    }
    for (SearchMode mode : values()) {
      if (mode.jsonName().equals(name.toLowerCase(Locale.ROOT))) {
        return mode;
      }
    }
    throw new InvalidQueryException("mode", "unknown mode '" + name + "'; allowed: "
        + Arrays.stream(values()).map(SearchMode::jsonName).collect(Collectors.joining(", ")));
  }

  /** Whether this mode needs the query's vector. */
  public boolean semantic() {
    return this != TEXT;
  }
}
