-- PostgreSQL indexes a foreign key's referenced side (the primary key), not the referencing columns.
-- Without these, a user's posts (include=posts, a page's posts), a tag's posts, and the cascade of
-- deleting a user or a tag read every row of posts or post_tags: at 39,000 posts a user with its posts
-- and tags cost the server 12 ms (docs/benchmarks.md). post_tags' key ("postId", "tagId") serves "postId".
CREATE INDEX IF NOT EXISTS idx_posts_author_id ON posts ("authorId");
CREATE INDEX IF NOT EXISTS idx_post_tags_tag_id ON post_tags ("tagId");
