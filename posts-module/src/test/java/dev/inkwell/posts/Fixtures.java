package dev.inkwell.posts;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows for a test, written with plain SQL (fast, and independent of the code under test). */
public final class Fixtures {

  private final JdbcClient jdbc;

  public Fixtures(JdbcClient jdbc) {
    this.jdbc = jdbc;
    jdbc.sql("DELETE FROM users").update(); // cascades to posts and post_tags; rolled back with the test
    jdbc.sql("DELETE FROM tags").update();
  }

  public int user(String name) {
    return jdbc.sql("INSERT INTO users (email, name) VALUES (?, ?) RETURNING id")
        .params(name.toLowerCase() + "@example.com", name).query(Integer.class).single();
  }

  public int post(int authorId, String title, boolean published) {
    return jdbc.sql("INSERT INTO posts (title, content, published, \"authorId\") VALUES (?, 'text', ?, ?) RETURNING id")
        .params(title, published, authorId).query(Integer.class).single();
  }

  public int tag(String name) {
    return jdbc.sql("INSERT INTO tags (name) VALUES (?) RETURNING id").param(name).query(Integer.class).single();
  }

  public void link(int postId, int... tagIds) {
    for (int tagId : tagIds) {
      jdbc.sql("INSERT INTO post_tags (\"postId\", \"tagId\") VALUES (?, ?)").params(postId, tagId).update();
    }
  }

  public long count(String sql, Object... params) {
    return jdbc.sql(sql).params(List.of(params)).query(Long.class).single();
  }
}
