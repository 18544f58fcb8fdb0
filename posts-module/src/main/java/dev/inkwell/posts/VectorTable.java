package dev.inkwell.posts;

/**
 * Where a post's vectors live: one table per embedding model (migration V202612032202), since
 * vectors of different models are never comparable.
 */
public enum VectorTable {
  /** all-MiniLM-L6-v2 in the service: 384 dimensions. */
  MINILM("post_vectors_minilm", 384),
  /** The server's embedding() (DB9's embedding extension, its default model): 1,024 dimensions. */
  SERVER("post_vectors_server", 1024);

  private final String table;
  private final int dimension;

  VectorTable(String table, int dimension) {
    this.table = table;
    this.dimension = dimension;
  }

  public String table() {
    return table;
  }

  public int dimension() {
    return dimension;
  }
}
