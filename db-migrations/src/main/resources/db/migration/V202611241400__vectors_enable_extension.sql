-- pgvector, for the embeddings table. Needs a role allowed to create it (or a server where it exists).
CREATE EXTENSION IF NOT EXISTS vector;
