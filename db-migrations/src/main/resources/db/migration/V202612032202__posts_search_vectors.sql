-- A post's vector, one table per embedding model: vectors of different models (and dimensions) are
-- never comparable, an HNSW index needs one dimension, and a provider switch fills its own table
-- (java -jar inkwell.jar reindex) while the other's rows stay usable for switching back.
--   post_vectors_minilm: all-MiniLM-L6-v2 in the service (inkwell.search.embedder=in-process), 384
--   post_vectors_server: the server's embedding() (=database; DB9's default model), 1,024
-- revision: the outbox revision that was embedded; an older one never overwrites a newer one.
CREATE TABLE IF NOT EXISTS post_vectors_minilm (
  post_id INT PRIMARY KEY REFERENCES posts(id) ON DELETE CASCADE,
  revision BIGINT NOT NULL,
  embedding vector(384) NOT NULL,
  embedded_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX IF NOT EXISTS idx_post_vectors_minilm ON post_vectors_minilm USING hnsw (embedding vector_cosine_ops);

CREATE TABLE IF NOT EXISTS post_vectors_server (
  post_id INT PRIMARY KEY REFERENCES posts(id) ON DELETE CASCADE,
  revision BIGINT NOT NULL,
  embedding vector(1024) NOT NULL,
  embedded_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX IF NOT EXISTS idx_post_vectors_server ON post_vectors_server USING hnsw (embedding vector_cosine_ops);

-- A reindex per table: when it started (posts embedded since then are done) and whether it finished,
-- so that an interrupted reindex resumes instead of starting over.
CREATE TABLE IF NOT EXISTS post_search_reindex (
  vectors TEXT PRIMARY KEY,
  started_at TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ
);
