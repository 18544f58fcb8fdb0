-- Filters inside metadata: $contains (metadata @> ...) and typed path comparisons (metadata @@ jsonpath,
-- e.g. {"metadata.team": "core"}) are served by a GIN index. jsonb_path_ops is the smaller operator
-- class and supports exactly these operators (not ? / $hasKey, which stays a scan).
CREATE INDEX IF NOT EXISTS idx_users_metadata ON users USING gin (metadata jsonb_path_ops);
