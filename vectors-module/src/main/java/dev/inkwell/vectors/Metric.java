package dev.inkwell.vectors;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.inkwell.query.InvalidQueryException;

/**
 * pgvector's distance operators, each served by the HNSW index of its operator class (see the
 * embeddings migration): L2 {@code <->} (vector_l2_ops), cosine {@code <=>} (vector_cosine_ops),
 * negative inner product {@code <#>} (vector_ip_ops: smaller is more similar).
 */
public enum Metric {
  L2("l2"), COSINE("cosine"), IP("ip");

  private final String jsonName;

  Metric(String jsonName) {
    this.jsonName = jsonName;
  }

  public String jsonName() {
    return jsonName;
  }

  /** {@code l2}, {@code cosine} or {@code ip} (any case); null means cosine. */
  public static Metric of(String name) {
    if (name == null) {
      return COSINE;
    }
    for (Metric metric : values()) {
      if (metric.jsonName.equals(name.toLowerCase(Locale.ROOT))) {
        return metric;
      }
    }
    throw new InvalidQueryException("metric", "unknown metric '" + name + "'; allowed: "
        + Arrays.stream(values()).map(Metric::jsonName).collect(Collectors.joining(", ")));
  }
}
