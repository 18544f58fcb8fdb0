-- Full-text search over a post's title and content (POST /api/posts/search/semantic, modes text and
-- hybrid). A stored generated column, so every write path keeps it current and the GIN index below
-- serves "search_text @@ query". The text search configuration is fixed when this runs:
-- inkwell.search.language (Flyway placeholder search_language, default english); searches parse
-- their query with the same property, so it must not change once this has run.
ALTER TABLE posts ADD COLUMN IF NOT EXISTS search_text tsvector
  GENERATED ALWAYS AS (to_tsvector('${search_language}'::regconfig, title || ' ' || content)) STORED;

CREATE INDEX IF NOT EXISTS idx_posts_search_text ON posts USING gin (search_text);
