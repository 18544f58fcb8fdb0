CREATE TABLE IF NOT EXISTS embeddings (
  id SERIAL PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  embedding vector(3) NOT NULL
);

-- One HNSW index per distance operator: <-> uses the l2 index, <=> the cosine one, <#> the ip one.
-- DB9 supports these three operator classes (and no IVFFlat).
CREATE INDEX IF NOT EXISTS idx_embeddings ON embeddings USING hnsw (embedding vector_l2_ops);
CREATE INDEX IF NOT EXISTS idx_embeddings_cosine ON embeddings USING hnsw (embedding vector_cosine_ops);
CREATE INDEX IF NOT EXISTS idx_embeddings_ip ON embeddings USING hnsw (embedding vector_ip_ops);
