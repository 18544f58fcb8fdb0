package dev.inkwell.app.posts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.app.Http.Response;
import dev.inkwell.app.Http;

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

  private long count(String table) {
    return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
  }

  @Test
  void aPostWithItsAuthorAndTags() {
    JsonNode post = http.get("/api/posts/" + hello + "?include=author,tags").body();

    assertThat(post.get("author").get("name").asString()).isEqualTo("Alice");
    assertThat(post.get("tags").findValuesAsString("name")).containsExactly("db9", "java");
  }

  @Test
  void tagsBulkUpsertByName() {
    long before = count("tags");
    Response r = http.post("/api/tags/bulk?onConflict=ignore", "[{\"name\": \"java\"}, {\"name\": \"brand-new\"}]");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("rows").findValuesAsString("name")).containsExactly("java", "brand-new");
    assertThat(r.body().get("rows").get(0).get("ignored").asBoolean()).isTrue();
    assertThat(r.body().get("rows").get(1).get("created").asBoolean()).isTrue();
    assertThat(count("tags")).isEqualTo(before + 1);
    assertProblem(http.post("/api/tags/bulk", "[{\"name\": \"x\"}]"), 400, "give onConflict=merge");
    assertThat(count("tags")).isEqualTo(before + 1);
  }

  @Test
  void aPostWithoutIncludeHasNeitherAuthorNorTags() {
    JsonNode bare = http.get("/api/posts/" + hello).body();

    assertThat(bare.has("author")).isFalse();
    assertThat(bare.has("tags")).isFalse();
  }

  @Test
  void aUserWithItsPosts() {
    JsonNode withPosts = http.get("/api/users/" + alice + "?include=posts").body();

    assertThat(withPosts.get("name").asString()).isEqualTo("Alice");
    assertThat(withPosts.get("posts").findValuesAsString("title")).containsExactly("Hello", "Draft");
  }

  @Test
  void aUserWithItsPostsAndTheirTags() {
    JsonNode nested = http.get("/api/users/" + alice + "?include=posts.tags").body();

    assertThat(nested.get("posts").get(0).get("tags").findValuesAsString("name")).containsExactly("db9", "java");
  }

  @Test
  void anOptionalFilteredIncludeKeepsTheUser() {
    JsonNode optional = http.get("/api/users/" + bob + "?include=posts&posts.published=true&required=false").body();

    assertThat(optional.get("name").asString()).isEqualTo("Bob");
    assertThat(optional.get("posts").size()).isZero();
  }

  @Test
  void aRequiredFilteredIncludeWithoutMatchIsLikeAMissingRow() {
    // A filtered include is required unless told otherwise (as in Sequelize).
    assertProblem(http.get("/api/users/" + bob + "?include=posts&posts.published=true"), 404,
        "user " + bob + " has no posts matching the required include");
    assertProblem(http.get("/api/users/" + bob + "?include=posts&posts.published=true&required=true"), 404,
        "user " + bob + " has no posts matching the required include");
  }

  @Test
  void aRequiredIncludeListsOnlyUsersWithPosts() {
    JsonNode authors = http.get("/api/users?include=posts&required=true").body();

    assertThat(authors.get("items").findValuesAsString("name")).containsExactly("Alice");
    assertThat(authors.get("total").asInt()).isEqualTo(1);
  }

  @Test
  void badUserIncludesAre400() {
    assertProblem(http.get("/api/users/" + alice + "?include=comments"), 400, "unknown include 'comments' for users");
    assertProblem(http.get("/api/users?posts.published=true"), 400, "posts.* filters and required need include=posts");
    assertProblem(http.get("/api/users/" + alice + "?include=posts&posts.secret=1"), 400, "unknown field 'secret' of posts");
  }

  private int sqlTag() {
    return http.post("/api/tags", "{\"name\": \"sql\"}").body().get("id").asInt();
  }

  @Test
  void addingATagTwiceLinksItOnce() {
    int sql = sqlTag();

    Response added = http.post("/api/posts/" + hello + "/tags", "{\"tagIds\": [" + sql + ", " + sql + "]}");
    Response again = http.post("/api/posts/" + hello + "/tags", "{\"names\": [\"sql\"]}");

    assertThat(added.body().findValuesAsString("name")).containsExactly("db9", "java", "sql");
    assertThat(again.body().findValuesAsString("name")).containsExactly("db9", "java", "sql");
  }

  @Test
  void removingATagAnswers204() {
    int sql = sqlTag();
    http.post("/api/posts/" + hello + "/tags", "{\"tagIds\": [" + sql + "]}");

    assertThat(http.delete("/api/posts/" + hello + "/tags/" + sql).status()).isEqualTo(204);
    assertThat(http.get("/api/posts/" + hello + "?include=tags").body().get("tags").findValuesAsString("name"))
        .containsExactly("db9", "java");
  }

  @Test
  void settingTagsReplacesThemAll() {
    int sql = sqlTag();

    assertThat(http.put("/api/posts/" + hello + "/tags", "{\"tagIds\": [" + sql + "]}").body().findValuesAsString("name"))
        .containsExactly("sql");
  }

  @Test
  void aTagWithItsPosts() {
    int java = jdbc.sql("SELECT id FROM tags WHERE name = 'java'").query(Integer.class).single();

    assertThat(http.get("/api/tags/" + java + "/posts").body().get("posts").findValuesAsString("title")).containsExactly("Hello");
  }

  @Test
  void tagsAreFilteredAndOrdered() {
    sqlTag();

    assertThat(http.get("/api/tags?name[$in]=java,sql&order=-name").body().get("items").findValuesAsString("name"))
        .containsExactly("sql", "java");
  }

  @Test
  void aPostForAMissingAuthorIs400AndWritesNothing() {
    assertProblem(http.post("/api/posts", "{\"title\": \"x\", \"content\": \"y\", \"authorId\": 999999}"), 400,
        "author 999999 does not exist");
    assertThat(count("posts")).isEqualTo(2);
  }

  @Test
  void tagsOfAMissingPostAre404AndLinkNothing() {
    long links = count("post_tags");

    assertProblem(http.post("/api/posts/999999/tags", "{\"tagIds\": [1]}"), 404, "no post with id 999999");
    assertThat(count("post_tags")).isEqualTo(links);
  }

  @Test
  void aMissingTagIs404AndLinksNothing() {
    long links = count("post_tags");

    assertProblem(http.post("/api/posts/" + hello + "/tags", "{\"tagIds\": [999999]}"), 404, "no tag with id 999999");
    assertThat(count("post_tags")).isEqualTo(links);
  }

  @Test
  void aTagsBodyWithNeitherIdsNorNamesIs400() {
    long links = count("post_tags");

    assertProblem(http.post("/api/posts/" + hello + "/tags", "{}"), 400, "give either tagIds or names");
    assertThat(count("post_tags")).isEqualTo(links);
  }

  @Test
  void aNullInATagListIs400AndChangesNothing() {
    long links = count("post_tags");
    long tags = count("tags");
    int java = jdbc.sql("SELECT id FROM tags WHERE name = 'java'").query(Integer.class).single();

    for (String body : new String[] {"{\"tagIds\": [%d, null]}".formatted(java), "{\"names\": [\"new\", null]}"}) {
      Response put = http.put("/api/posts/" + hello + "/tags", body);
      Response post = http.post("/api/posts/" + hello + "/tags", body);
      for (Response refused : new Response[] {put, post}) {
        assertProblem(refused, 400, body.contains("tagIds") ? "tagIds[1] must not be null" : "names[1] must not be null");
        assertThat(refused.body().get("field").asString()).isEqualTo(body.contains("tagIds") ? "tagIds[1]" : "names[1]");
      }
    }
    assertThat(count("post_tags")).isEqualTo(links);
    assertThat(count("tags")).isEqualTo(tags);
  }

  @Test
  void removingATagThePostDoesNotHaveIs400() {
    long links = count("post_tags");

    assertProblem(http.delete("/api/posts/" + hello + "/tags/999999"), 400, "post " + hello + " has no tag 999999");
    assertThat(count("post_tags")).isEqualTo(links);
  }

  @Test
  void aDuplicateTagNameIs409AndAddsNoTag() {
    assertProblem(http.post("/api/tags", "{\"name\": \"java\"}"), 409, "a tag named 'java' already exists");
    assertThat(count("tags")).isEqualTo(2);
  }

  @Test
  void searchTakesFindAllOptions() {
    JsonNode page = http.post("/api/posts/search", """
        {"where": {"published": false}, "order": [["title", "ASC"]], "limit": 10}""").body();

    assertThat(page.get("items").findValuesAsString("title")).containsExactly("Draft");
  }

  @Test
  void patchChangesTheTitle() {
    Response patched = http.patch("/api/posts/" + hello, "{\"title\": \"Hello again\"}");

    assertThat(patched.body().get("title").asString()).isEqualTo("Hello again");
  }

  @Test
  void patchRefusesATitleACreateWouldRefuse() {
    Response blank = http.patch("/api/posts/" + hello, "{\"title\": \" \"}");
    Response tooLong = http.patch("/api/posts/" + hello, "{\"title\": \"" + "t".repeat(501) + "\"}");

    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.body().get("field").asString()).isEqualTo("title");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(http.get("/api/posts/" + hello).body().get("title").asString()).isEqualTo("Hello");
  }

  @Test
  void aListCanIncludeTags() {
    assertThat(http.get("/api/posts?title[$startsWith]=Hello&include=tags").body().get("items").get(0).get("tags").size())
        .isEqualTo(2);
  }

  @Test
  void deletingAUserDeletesItsPostsAndTheirLinksButNotTheTags() {
    assertThat(http.delete("/api/users/" + alice).status()).isEqualTo(204);

    assertThat(count("posts")).isZero();
    assertThat(count("post_tags")).isZero();
    assertThat(count("tags")).isEqualTo(2);
  }
}
