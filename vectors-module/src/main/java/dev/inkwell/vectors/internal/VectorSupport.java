package dev.inkwell.vectors.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * What the database offers, read at start-up (after migrations): the dimension of
 * {@code embeddings.embedding} (a property of the table, so a table made with another dimension
 * needs no code change) and whether pgvector has iterative index scans (0.8.0 and later).
 */
@Component
public class VectorSupport implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(VectorSupport.class);

  private final EmbeddingMapper mapper;
  private volatile int dimension = -1;
  private volatile boolean iterativeScan;

  public VectorSupport(EmbeddingMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public void afterSingletonsInstantiated() {
    try {
      refresh();
    } catch (RuntimeException e) {
      // A schema migrated after start-up (the compatibility suite's): read it on first use instead.
      log.warn("embeddings not readable at start-up ({}); reading its dimension on first use", e.getMessage());
    }
  }

  /** Reads both again (after the table was altered). */
  public void refresh() {
    Integer typmod = mapper.selectDimension();
    if (typmod == null || typmod <= 0) {
      throw new IllegalStateException("embeddings.embedding is not a vector column with a fixed dimension");
    }
    dimension = typmod;
    String version;
    try {
      version = mapper.selectVectorVersion();
    } catch (RuntimeException e) {
      version = null; // an engine without pg_extension: no optional features
    }
    iterativeScan = atLeast(version, 0, 8);
    log.info("embeddings: dimension {}, pgvector {}, iterative index scans {}", dimension,
        version == null ? "unknown" : version, iterativeScan ? "on" : "unavailable");
  }

  public int dimension() {
    if (dimension < 0) {
      refresh();
    }
    return dimension;
  }

  public boolean iterativeScan() {
    return iterativeScan;
  }

  static boolean atLeast(String version, int major, int minor) {
    if (version == null) {
      return false;
    }
    String[] parts = version.split("\\.");
    try {
      int ma = Integer.parseInt(parts[0]);
      int mi = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      return ma > major || (ma == major && mi >= minor);
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
