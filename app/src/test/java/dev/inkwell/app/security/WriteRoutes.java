package dev.inkwell.app.security;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every route under /api that changes data, as requests for one seeded row each (a user, a post, a
 * tag, an embedding). {@link #changing} would all change the database if authorised; {@link #inert}
 * reach the same handlers with requests their handlers answer without changing anything (unknown ids,
 * filters that match nothing), so they can be repeated in every path form with valid credentials.
 */
final class WriteRoutes {

  record Request(String method, String path, String body) {

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  final int user;
  final int post;
  final int tag;
  final int embedding;

  private WriteRoutes(int user, int post, int tag, int embedding) {
    this.user = user;
    this.post = post;
    this.tag = tag;
    this.embedding = embedding;
  }

  /** Empties every table and seeds one row of each kind. */
  static WriteRoutes seed(JdbcTemplate jdbc) {
    jdbc.update("DELETE FROM users");
    jdbc.update("DELETE FROM tags");
    jdbc.update("DELETE FROM embeddings");
    int user = jdbc.queryForObject("INSERT INTO users (email, name, age) VALUES ('alice@forms.test', 'Alice', 30) RETURNING id", Integer.class);
    int post = jdbc.queryForObject("INSERT INTO posts (title, content, \"authorId\") VALUES ('Hello', 'x', ?) RETURNING id",
        Integer.class, user);
    int tag = jdbc.queryForObject("INSERT INTO tags (name) VALUES ('db9') RETURNING id", Integer.class);
    jdbc.update("INSERT INTO post_tags (\"postId\", \"tagId\") VALUES (?, ?)", post, tag);
    int embedding = jdbc.queryForObject("INSERT INTO embeddings (name, embedding) VALUES ('e', '[1,2,3]') RETURNING id",
        Integer.class);
    return new WriteRoutes(user, post, tag, embedding);
  }

  List<Request> changing() {
    String newUser = "{\"email\": \"mallory@forms.test\", \"name\": \"Mallory\"}";
    String where = "{\"where\": {\"id\": {\"$gt\": 0}}}";
    return List.of(
        new Request("POST", "/api/users", newUser),
        new Request("POST", "/api/users/with-post", "{\"user\": " + newUser + ", \"post\": {\"title\": \"t\", \"content\": \"c\"}}"),
        new Request("POST", "/api/users/bulk", "[" + newUser + "]"),
        new Request("POST", "/api/users/" + user + "/birthday", null),
        new Request("PATCH", "/api/users/" + user, "{\"name\": \"Mallory\"}"),
        new Request("PUT", "/api/users/by-email/alice@forms.test", "{\"name\": \"Mallory\"}"),
        new Request("DELETE", "/api/users/" + user, null),
        new Request("POST", "/api/users/delete", where),
        new Request("POST", "/api/posts", "{\"title\": \"t\", \"content\": \"c\", \"authorId\": " + user + "}"),
        new Request("PATCH", "/api/posts/" + post, "{\"title\": \"Mallory\"}"),
        new Request("DELETE", "/api/posts/" + post, null),
        new Request("POST", "/api/posts/delete", where),
        new Request("PUT", "/api/posts/" + post + "/tags", "{\"names\": [\"evil\"]}"),
        new Request("POST", "/api/posts/" + post + "/tags", "{\"names\": [\"evil\"]}"),
        new Request("DELETE", "/api/posts/" + post + "/tags/" + tag, null),
        new Request("POST", "/api/tags", "{\"name\": \"evil\"}"),
        new Request("PATCH", "/api/tags/" + tag, "{\"name\": \"evil\"}"),
        new Request("DELETE", "/api/tags/" + tag, null),
        new Request("POST", "/api/tags/delete", where),
        new Request("POST", "/api/embeddings", "{\"name\": \"evil\", \"embedding\": [1, 1, 1]}"),
        new Request("POST", "/api/embeddings/bulk", "[{\"name\": \"evil\", \"embedding\": [1, 1, 1]}]"),
        new Request("PUT", "/api/embeddings/" + embedding, "{\"name\": \"evil\", \"embedding\": [1, 1, 1]}"),
        new Request("DELETE", "/api/embeddings/" + embedding, null));
  }

  List<Request> inert() {
    String none = "{\"where\": {\"id\": {\"$lt\": 0}}}";
    String unknown = "999999999";
    return List.of(
        new Request("POST", "/api/users", "{\"email\": \"not-an-email\", \"name\": \"\"}"),
        new Request("POST", "/api/users/with-post", "{}"),
        new Request("POST", "/api/users/bulk", "[]"),
        new Request("POST", "/api/users/" + unknown + "/birthday", null),
        new Request("PATCH", "/api/users/" + unknown, "{\"name\": \"Mallory\"}"),
        new Request("PUT", "/api/users/by-email/alice@forms.test", "{\"email\": \"other@forms.test\"}"),
        new Request("DELETE", "/api/users/" + unknown, null),
        new Request("POST", "/api/users/delete", none),
        new Request("POST", "/api/posts", "{\"title\": \"t\", \"content\": \"c\", \"authorId\": " + unknown + "}"),
        new Request("PATCH", "/api/posts/" + unknown, "{\"title\": \"Mallory\"}"),
        new Request("DELETE", "/api/posts/" + unknown, null),
        new Request("POST", "/api/posts/delete", none),
        new Request("PUT", "/api/posts/" + unknown + "/tags", "{\"names\": [\"evil\"]}"),
        new Request("POST", "/api/posts/" + post + "/tags", "{}"),
        new Request("DELETE", "/api/posts/" + unknown + "/tags/" + tag, null),
        new Request("POST", "/api/tags", "{\"name\": \"\"}"),
        new Request("PATCH", "/api/tags/" + unknown, "{\"name\": \"evil\"}"),
        new Request("DELETE", "/api/tags/" + unknown, null),
        new Request("POST", "/api/tags/delete", none),
        new Request("POST", "/api/embeddings", "{\"name\": \"evil\", \"embedding\": [1, 1]}"),
        new Request("POST", "/api/embeddings/bulk", "[]"),
        new Request("PUT", "/api/embeddings/" + unknown, "{\"name\": \"evil\", \"embedding\": [1, 1, 1]}"),
        new Request("DELETE", "/api/embeddings/" + unknown, null));
  }
}
