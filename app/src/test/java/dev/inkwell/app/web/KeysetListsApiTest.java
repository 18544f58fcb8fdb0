package dev.inkwell.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.app.Http.Response;
import dev.inkwell.app.Http;

import tools.jackson.databind.JsonNode;

/**
 * Keyset windows and count modes over HTTP, on every list and search endpoint: a walk by cursors
 * returns what the OFFSET pages return, in order, both ways; a cursor of another list or an edited
 * one is a 400 problem; {@code count} decides what is counted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeysetListsApiTest {

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  Http http;

  @BeforeEach
  void fixture() {
    http = new Http(port);
    jdbc.sql("DELETE FROM users").update();
    jdbc.sql("DELETE FROM tags").update();
    jdbc.sql("""
        INSERT INTO users (email, name, age, bio)
        SELECT 'w' || g || '@keyset.test', 'user ' || (g % 4), CASE WHEN g % 5 = 0 THEN NULL ELSE 20 + g % 7 END,
               CASE WHEN g % 3 = 0 THEN NULL ELSE 'bio' END
        FROM generate_series(1, 23) g""").update();
    jdbc.sql("""
        INSERT INTO posts (title, content, published, "authorId")
        SELECT 'post ' || (p % 5), 'text', p % 2 = 0, u.id
        FROM users u, generate_series(1, 2) p WHERE u.id % 3 <> 0""").update();
    jdbc.sql("INSERT INTO tags (name) SELECT 'tag ' || lpad(g::text, 2, '0') FROM generate_series(1, 13) g").update();
    jdbc.sql("DELETE FROM embeddings").update();
    jdbc.sql("INSERT INTO embeddings (name, embedding) SELECT 'doc ' || (g % 4), '[1,2,3]' FROM generate_series(1, 11) g").update();
    jdbc.sql("""
        INSERT INTO post_tags ("postId", "tagId")
        SELECT p.id, t.id FROM posts p JOIN tags t ON (p.id + t.id) % 4 = 0""").update();
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Ids of the items (users with posts: the user's id). */
  private static List<Integer> ids(JsonNode items) {
    List<Integer> ids = new ArrayList<>();
    items.forEach(item -> ids.add(item.has("id") ? item.get("id").asInt() : item.get("user").get("id").asInt()));
    return ids;
  }

  /** Every item, page after page (page=1, 2, ...). */
  private List<Integer> byPages(String path) {
    List<Integer> all = new ArrayList<>();
    for (int page = 1; ; page++) {
      JsonNode body = ok(http.get(path + "&page=" + page));
      all.addAll(ids(body.get("items")));
      if (!body.get("hasNext").asBoolean()) {
        return all;
      }
    }
  }

  /** Every item by following next from {@code after=}, then by prev from {@code before=}. */
  private List<List<Integer>> byCursors(String path) {
    return List.of(walk(cursor -> http.get(path + "&after=" + q(cursor)), "next"),
        reversedWalk(cursor -> http.get(path + "&before=" + q(cursor))));
  }

  private List<Integer> walk(Function<String, Response> request, String link) {
    List<Integer> all = new ArrayList<>();
    String cursor = "";
    while (cursor != null) {
      JsonNode body = ok(request.apply(cursor));
      assertThat(body.has("page")).isFalse();
      all.addAll(ids(body.get("items")));
      cursor = body.get(link).isNull() ? null : body.get(link).asString();
    }
    return all;
  }

  private List<Integer> reversedWalk(Function<String, Response> request) {
    List<List<Integer>> windows = new ArrayList<>();
    String cursor = "";
    while (cursor != null) {
      JsonNode body = ok(request.apply(cursor));
      windows.add(0, ids(body.get("items")));
      cursor = body.get("prev").isNull() ? null : body.get("prev").asString();
    }
    return windows.stream().flatMap(List::stream).toList();
  }

  private static JsonNode ok(Response response) {
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    return response.body();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "/api/users?size=4&order=-age,name",
      "/api/users?size=3&order=bio,-age&age[$gte]=22&fields=id,name",
      "/api/users?size=2&order=-name&include=posts.tags",
      "/api/users?size=2&order=age&include=posts&posts.published=true",
      "/api/posts?size=5&order=title,-createdAt&include=author,tags",
      "/api/posts?size=4&published=true",
      "/api/tags?size=4&order=-name",
      "/api/embeddings?size=3&order=-name",
      "/api/embeddings?size=2&name[$ne]=doc%201"})
  void everyListWalksByCursorsAsByPages(String path) {
    List<Integer> pages = byPages(path);
    List<List<Integer>> cursors = byCursors(path);

    assertThat(pages).isNotEmpty().doesNotHaveDuplicates();
    assertThat(cursors.get(0)).containsExactlyElementsOf(pages);
    assertThat(cursors.get(1)).containsExactlyElementsOf(pages);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/api/users/search", "/api/posts/search", "/api/tags/search"})
  void searchBodiesTakeCursors(String path) {
    String options = """
        "order": [["id", "DESC"]], "limit": 5""";
    List<Integer> pages = new ArrayList<>();
    for (int offset = 0; ; offset += 5) {
      JsonNode page = ok(http.post(path, "{" + options + ", \"offset\": " + offset + "}"));
      pages.addAll(ids(page.get("items")));
      if (!page.get("hasNext").asBoolean()) {
        break;
      }
    }
    List<Integer> byCursor = walk(cursor -> http.post(path, "{" + options + ", \"after\": \"" + cursor + "\"}"), "next");

    assertThat(byCursor).containsExactlyElementsOf(pages).isNotEmpty();
  }

  /** A filter across an association over HTTP, paged by cursor: users without posts, posts of active authors. */
  @Test
  void searchesFilterByRelatedRows() {
    List<Integer> withoutPosts = walk(cursor -> http.post("/api/users/search",
        "{\"where\": {\"posts\": {\"$none\": {}}}, \"limit\": 3, \"after\": \"" + cursor + "\"}"), "next");
    assertThat(withoutPosts).isNotEmpty().containsExactlyElementsOf(
        jdbc.sql("SELECT id FROM users u WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.\"authorId\" = u.id) ORDER BY id")
            .query(Integer.class).list());
    // A tag and an author that share at least one post (ids, and so the links, differ from run to run).
    List<String> pair = jdbc.sql("""
        SELECT t.name || '|' || u.name FROM post_tags pt JOIN tags t ON t.id = pt."tagId" JOIN posts p ON p.id = pt."postId"
        JOIN users u ON u.id = p."authorId" ORDER BY pt."postId", t.id LIMIT 1""").query(String.class).list();
    String tag = pair.get(0).split("\\|")[0];
    String author = pair.get(0).split("\\|")[1];
    JsonNode tagged = ok(http.post("/api/posts/search", "{\"where\": {\"tags\": {\"$some\": {\"name\": \"" + tag + "\"}},"
        + " \"author\": {\"name\": \"" + author + "\"}}, \"limit\": 100}"));
    assertThat(ids(tagged.get("items"))).isNotEmpty().containsExactlyElementsOf(jdbc.sql("""
        SELECT p.id FROM posts p JOIN users u ON u.id = p."authorId" AND u.name = :author
        WHERE EXISTS (SELECT 1 FROM post_tags pt JOIN tags t ON t.id = pt."tagId" AND t.name = :tag WHERE pt."postId" = p.id)
        ORDER BY p.id""").param("author", author).param("tag", tag).query(Integer.class).list());
    assertThat(tagged.get("total").asLong()).isEqualTo(tagged.get("items").size());
    JsonNode refused = http.post("/api/tags/search", "{\"where\": {\"owner\": {\"$some\": {}}}}").body();
    assertThat(refused.get("status").asInt()).isEqualTo(400);
    assertThat(refused.get("detail").asString()).contains("associations: posts");
  }

  @Test
  void aCursorOfAnotherListOrEditedIsA400Problem() {
    String next = ok(http.get("/api/users?size=4&order=-age&after=")).get("next").asString();

    assertProblem(http.get("/api/users?size=4&order=age&after=" + q(next)), "after", "the cursor does not belong to this list");
    assertProblem(http.get("/api/users?size=4&order=-age&age[$gt]=21&after=" + q(next)), "after",
        "the cursor does not belong to this list");
    assertProblem(http.get("/api/users?size=4&order=-age&include=posts&after=" + q(next)), "after",
        "the cursor does not belong to this list");
    assertProblem(http.get("/api/posts?size=4&order=-age&after=" + q(next)), "age", "unknown field 'age'");
    assertProblem(http.get("/api/users?size=4&order=-age&after=" + q("A" + next)), "after", "");
    assertProblem(http.get("/api/users?size=4&order=-age&after=%00%01"), "after", "malformed cursor");
    assertProblem(http.get("/api/users?after=&before="), "before", "give either after or before");
    assertProblem(http.get("/api/users?after=&page=2"), "page", "page cannot be combined with after or before");
    assertProblem(http.post("/api/users/search", "{\"after\": \"\", \"offset\": 10}"), "offset", "offset cannot be combined");
    assertProblem(http.post("/api/users/search", "{\"after\": 5}"), "after", "'after' must be a string");
    assertProblem(http.get("/api/users?count=maybe"), "count", "count must be exact, planned or none");
  }

  private static void assertProblem(Response r, String field, String detailStart) {
    assertThat(r.status()).as(r.raw()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.body().get("field").asString()).isEqualTo(field);
    assertThat(r.body().get("detail").asString()).startsWith(detailStart);
  }

  @Test
  void countModes() {
    JsonNode exact = ok(http.get("/api/users?size=5&age[$gte]=22"));
    JsonNode planned = ok(http.get("/api/users?size=5&age[$gte]=22&count=planned"));
    JsonNode none = ok(http.get("/api/users?size=5&age[$gte]=22&count=none"));
    JsonNode window = ok(http.get("/api/users?size=5&age[$gte]=22&after="));
    JsonNode countedWindow = ok(http.get("/api/users?size=5&age[$gte]=22&after=&count=exact"));
    long matching = jdbc.sql("SELECT count(*) FROM users WHERE age >= 22").query(Long.class).single();

    assertThat(exact.get("total").asLong()).isEqualTo(matching);
    assertThat(exact.has("totalEstimated")).isFalse();
    assertThat(planned.get("totalEstimated").asBoolean()).isTrue();
    assertThat(planned.get("total").asLong()).isPositive();
    assertThat(planned.get("pages").asInt()).isPositive();
    assertThat(none.has("total")).isFalse();
    assertThat(none.has("pages")).isFalse();
    assertThat(none.get("hasNext").asBoolean()).isTrue();
    assertThat(ids(none.get("items"))).isEqualTo(ids(exact.get("items")));
    assertThat(window.has("total")).isFalse();
    assertThat(window.get("prev").isNull()).isTrue();
    assertThat(countedWindow.get("total").asLong()).isEqualTo(matching);
  }
}
