-- Posts waiting to be embedded. A trigger records every insert and every change of title or content
-- in the same transaction as the write (whatever wrote it: the service, a bulk load, psql), so a
-- write never waits for a model and never fails because of one. A worker claims rows (FOR UPDATE
-- SKIP LOCKED, then a lease in claimed_until), embeds them and deletes the row only if its revision
-- is still the one it embedded. A deleted post's row goes with it (ON DELETE CASCADE).
CREATE SEQUENCE IF NOT EXISTS post_search_revision;

CREATE TABLE IF NOT EXISTS post_search_outbox (
  post_id INT PRIMARY KEY REFERENCES posts(id) ON DELETE CASCADE,
  -- From post_search_revision: grows with every change, across deletes and re-inserts.
  revision BIGINT NOT NULL,
  enqueued_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  claimed_until TIMESTAMPTZ,
  attempts INT NOT NULL DEFAULT 0,
  last_error TEXT
);

CREATE INDEX IF NOT EXISTS idx_post_search_outbox_enqueued ON post_search_outbox (enqueued_at);

CREATE OR REPLACE FUNCTION post_search_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO post_search_outbox AS o (post_id, revision)
  VALUES (NEW.id, nextval('post_search_revision'))
  ON CONFLICT (post_id) DO UPDATE
    SET revision = EXCLUDED.revision, enqueued_at = EXCLUDED.enqueued_at,
        claimed_until = NULL, attempts = 0, last_error = NULL;
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS posts_search_enqueue_insert ON posts;
CREATE TRIGGER posts_search_enqueue_insert AFTER INSERT ON posts
  FOR EACH ROW EXECUTE FUNCTION post_search_enqueue();

DROP TRIGGER IF EXISTS posts_search_enqueue_update ON posts;
CREATE TRIGGER posts_search_enqueue_update AFTER UPDATE OF title, content ON posts
  FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.content IS DISTINCT FROM NEW.content)
  EXECUTE FUNCTION post_search_enqueue();

-- Posts that existed before this migration wait to be embedded too.
INSERT INTO post_search_outbox (post_id, revision)
SELECT id, nextval('post_search_revision') FROM posts
ON CONFLICT (post_id) DO NOTHING;
