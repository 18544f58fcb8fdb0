package dev.inkwell.app.posts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.app.Http;
import dev.inkwell.app.Http.Response;
import tools.jackson.databind.JsonNode;

/** /api/posts, /api/tags and the include forms of /api/users over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PostsAndTagsApiTest {

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  Http http;
  int alice;
  int bob;
  int hello;

  @BeforeEach
  void fixture() {
    http = new Http(port);
    jdbc.sql("DELETE FROM users").update();
    jdbc.sql("DELETE FROM tags").update();
    alice = http.post("/api/users", "{\"email\": \"alice@example.com\", \"name\": \"Alice\"}").body().get("id").asInt();
    bob = http.post("/api/users", "{\"email\": \"bob@example.com\", \"name\": \"Bob\"}").body().get("id").asInt();
    hello = post(alice, "Hello", true);
    post(alice, "Draft", false);
    http.put("/api/posts/" + hello + "/tags", "{\"names\": [\"java\", \"db9\"]}");
  }

  private int post(int author, String title, boolean published) {
    Response r = http.post("/api/posts", """
        {"title": "%s", "content": "text", "published": %s, "authorId": %d}""".formatted(title, published, author));
    assertThat(r.status()).isEqualTo(201);
    return r.body().get("id").asInt();
  }

  private static void assertProblem(Response r, int status, String detailStart) {
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.body().get("detail").asString()).startsWith(detailStart);
  }

  @Test
  void postWithAuthorAndTags() {
    JsonNode post = http.get("/api/posts/" + hello + "?include=author,tags").body();
    JsonNode bare = http.get("/api/posts/" + hello).body();

    assertThat(post.get("author").get("name").asString()).isEqualTo("Alice");
    assertThat(post.get("tags").findValuesAsString("name")).containsExactly("db9", "java");
    assertThat(bare.has("author")).isFalse();
    assertThat(bare.has("tags")).isFalse();
    assertProblem(http.get("/api/posts/" + hello + "?include=comments"), 400, "unknown include 'comments' for posts");
  }

  @Test
  void userIncludeForms() {
    JsonNode withPosts = http.get("/api/users/" + alice + "?include=posts").body();
    JsonNode nested = http.get("/api/users/" + alice + "?include=posts.tags").body();
    JsonNode optional = http.get("/api/users/" + bob + "?include=posts&posts.published=true&required=false").body();
    Response required = http.get("/api/users/" + bob + "?include=posts&posts.published=true&required=true");
    JsonNode authors = http.get("/api/users?include=posts&required=true").body();

    assertThat(withPosts.get("name").asString()).isEqualTo("Alice");
    assertThat(withPosts.get("posts").findValuesAsString("title")).containsExactly("Hello", "Draft");
    assertThat(nested.get("posts").get(0).get("tags").findValuesAsString("name")).containsExactly("db9", "java");
    assertThat(optional.get("name").asString()).isEqualTo("Bob");
    assertThat(optional.get("posts").size()).isZero();
    assertProblem(required, 400, "user " + bob + " has no posts matching the required include");
    assertThat(authors.get("items").findValuesAsString("name")).containsExactly("Alice");
    assertThat(authors.get("total").asInt()).isEqualTo(1);
    assertProblem(http.get("/api/users/" + alice + "?include=comments"), 400, "unknown include 'comments' for users");
    assertProblem(http.get("/api/users?posts.published=true"), 400, "posts.* filters and required need include=posts");
    assertProblem(http.get("/api/users/" + alice + "?include=posts&posts.secret=1"), 400, "unknown field 'secret' of posts");
  }

  @Test
  void tagCallsOnAPost() {
    int sql = http.post("/api/tags", "{\"name\": \"sql\"}").body().get("id").asInt();

    Response added = http.post("/api/posts/" + hello + "/tags", "{\"tagIds\": [" + sql + ", " + sql + "]}");
    Response again = http.post("/api/posts/" + hello + "/tags", "{\"names\": [\"sql\"]}");

    assertThat(added.body().findValuesAsString("name")).containsExactly("db9", "java", "sql");
    assertThat(again.body().findValuesAsString("name")).containsExactly("db9", "java", "sql");
    assertThat(http.delete("/api/posts/" + hello + "/tags/" + sql).status()).isEqualTo(204);
    assertThat(http.put("/api/posts/" + hello + "/tags", "{\"tagIds\": [" + sql + "]}").body().findValuesAsString("name"))
        .containsExactly("sql");
    assertThat(http.get("/api/tags/" + sql + "/posts").body().get("posts").findValuesAsString("title")).containsExactly("Hello");
    assertThat(http.get("/api/tags?name[$in]=java,sql&order=-name").body().get("items").findValuesAsString("name"))
        .containsExactly("sql", "java");
  }

  @Test
  void badReferencesAre4xxProblemsAndChangeNothing() {
    long before = jdbc.sql("SELECT count(*) FROM post_tags").query(Long.class).single();

    assertProblem(http.post("/api/posts", "{\"title\": \"x\", \"content\": \"y\", \"authorId\": 999999}"), 400,
        "author 999999 does not exist");
    assertProblem(http.post("/api/posts/999999/tags", "{\"tagIds\": [1]}"), 404, "no post with id 999999");
    assertProblem(http.post("/api/posts/" + hello + "/tags", "{\"tagIds\": [999999]}"), 404, "no tag with id 999999");
    assertProblem(http.post("/api/posts/" + hello + "/tags", "{}"), 400, "give either tagIds or names");
    assertProblem(http.delete("/api/posts/" + hello + "/tags/999999"), 400, "post " + hello + " has no tag 999999");
    assertProblem(http.get("/api/tags/999999/posts"), 404, "no tag with id 999999");
    assertProblem(http.post("/api/tags", "{\"name\": \"java\"}"), 409, "a tag named 'java' already exists");
    assertProblem(http.post("/api/posts", "{\"title\": \"\", \"content\": \"y\", \"authorId\": " + alice + "}"), 400, "title:");

    assertThat(jdbc.sql("SELECT count(*) FROM post_tags").query(Long.class).single()).isEqualTo(before);
    assertThat(jdbc.sql("SELECT count(*) FROM posts").query(Long.class).single()).isEqualTo(2);
  }

  @Test
  void postCrudSearchAndCascade() {
    JsonNode page = http.post("/api/posts/search", """
        {"where": {"published": false}, "order": [["title", "ASC"]], "limit": 10}""").body();
    Response patched = http.patch("/api/posts/" + hello, "{\"title\": \"Hello again\"}");

    assertThat(page.get("items").findValuesAsString("title")).containsExactly("Draft");
    assertThat(patched.body().get("title").asString()).isEqualTo("Hello again");
    assertThat(http.get("/api/posts?title[$startsWith]=Hello&include=tags").body().get("items").get(0).get("tags").size())
        .isEqualTo(2);
    assertThat(http.delete("/api/users/" + alice).status()).isEqualTo(204);
    assertThat(jdbc.sql("SELECT count(*) FROM posts").query(Long.class).single()).isZero();
    assertThat(jdbc.sql("SELECT count(*) FROM post_tags").query(Long.class).single()).isZero();
    assertThat(jdbc.sql("SELECT count(*) FROM tags").query(Long.class).single()).isEqualTo(2);
  }
}
