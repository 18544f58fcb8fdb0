package dev.inkwell.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.app.Http.Response;
import dev.inkwell.app.Http;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * {@code GET …/export}: every matching row (more than one chunk: chunks of 7 here), in the list's
 * order, as NDJSON or RFC 4180 CSV; resumable after an id; a bad request is a 400 problem, not a
 * truncated file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "inkwell.export.chunk-size=7")
class ExportApiTest {

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
        INSERT INTO users (email, name, age, metadata)
        SELECT 'x' || g || '@export.test', 'user ' || g, 20 + g % 9, jsonb_build_object('n', g)
        FROM generate_series(1, 40) g""").update();
    jdbc.sql("""
        INSERT INTO users (email, name, age, bio, metadata) VALUES
          ('quote@export.test', 'Quote "Q", Esq.', 50, E'line one\\nline two, with "quotes"', '{"a": [1, "b"]}')""").update();
    jdbc.sql("""
        INSERT INTO posts (title, content, "authorId") SELECT 'post ' || u.id, 'c', u.id FROM users u""").update();
    jdbc.sql("INSERT INTO tags (name) SELECT 'tag ' || g FROM generate_series(1, 9) g").update();
  }

  private static List<JsonNode> ndjson(Response r) {
    List<JsonNode> rows = new ArrayList<>();
    r.raw().lines().forEach(line -> rows.add(JsonMapper.shared().readTree(line)));
    return rows;
  }

  private static List<Map<String, String>> csv(Response r) {
    try (MappingIterator<Map<String, String>> rows = CsvMapper.builder().build().readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(r.raw())) {
      return rows.readAll();
    }
  }

  private List<Integer> listedIds(String query) {
    List<Integer> ids = new ArrayList<>();
    String after = "";
    while (after != null) {
      JsonNode window = http.get("/api/users?size=100&" + query + "&after=" + after).body();
      window.get("items").forEach(u -> ids.add(u.get("id").asInt()));
      after = window.get("next").isNull() ? null : java.net.URLEncoder.encode(window.get("next").asString(), java.nio.charset.StandardCharsets.UTF_8);
    }
    return ids;
  }

  @Test
  void ndjsonStreamsEveryMatchingRowInTheListsOrder() {
    Response r = http.get("/api/users/export?age[$gte]=23&order=-age,name");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("application/x-ndjson");
    assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=\"users.ndjson\"");
    List<JsonNode> rows = ndjson(r);
    assertThat(rows.stream().map(u -> u.get("id").asInt()).toList())
        .containsExactlyElementsOf(listedIds("age[$gte]=23&order=-age,name")).hasSizeGreaterThan(7);
    assertThat(rows.get(0).get("metadata").isObject()).isTrue();
  }

  @Test
  void csvFollowsRfc4180() {
    Response r = http.get("/api/users/export?format=csv&order=-age&fields=id,name,bio,metadata");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/csv");
    assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=\"users.csv\"");
    assertThat(r.raw()).startsWith("id,name,bio,metadata\r\n")
        .contains("\"Quote \"\"Q\"\", Esq.\",\"line one\nline two, with \"\"quotes\"\"\",\"{\"\"a\"\":[1,\"\"b\"\"]}\"\r\n");
    List<Map<String, String>> rows = csv(r);
    assertThat(rows).hasSize(41);
    assertThat(rows.get(0)).containsEntry("name", "Quote \"Q\", Esq.").containsEntry("bio", "line one\nline two, with \"quotes\"");
    assertThat(JsonMapper.shared().readTree(rows.get(0).get("metadata")).get("a").get(1).asString()).isEqualTo("b");
    assertThat(rows.get(1).get("bio")).isEmpty(); // NULL
  }

  /** Text a spreadsheet would run as a formula is written as text in CSV; numbers and NDJSON are left alone. */
  @Test
  void csvCellsAreNeverFormulas() {
    jdbc.sql("DELETE FROM users").update();
    jdbc.sql("""
        INSERT INTO users (email, name, age, bio, phone) VALUES
          ('f@export.test', '=HYPERLINK("http://evil.example","click")', -5, E'\tx', '+1 555'),
          ('g@export.test', '@SUM(A1)', 1, '-2+3', 'a=b')""").update();

    List<Map<String, String>> rows = csv(http.get("/api/users/export?format=csv&order=email&fields=name,age,bio,phone"));
    assertThat(rows.get(0)).containsEntry("name", "'=HYPERLINK(\"http://evil.example\",\"click\")").containsEntry("age", "-5")
        .containsEntry("bio", "'\tx").containsEntry("phone", "'+1 555");
    assertThat(rows.get(1)).containsEntry("name", "'@SUM(A1)").containsEntry("bio", "'-2+3").containsEntry("phone", "a=b");
    assertThat(ndjson(http.get("/api/users/export?order=email")).get(0).get("name").asString())
        .isEqualTo("=HYPERLINK(\"http://evil.example\",\"click\")");
  }

  @Test
  void resumesAfterTheLastIdWritten() {
    List<JsonNode> all = ndjson(http.get("/api/users/export"));
    int last = all.get(16).get("id").asInt();

    List<JsonNode> rest = ndjson(http.get("/api/users/export?after=" + last));
    assertThat(rest).isEqualTo(all.subList(17, all.size()));
    List<Integer> before = new ArrayList<>(all.subList(0, 16).stream().map(u -> u.get("id").asInt()).toList());
    java.util.Collections.reverse(before);
    assertThat(ndjson(http.get("/api/users/export?order=-id&after=" + last)).stream().map(u -> u.get("id").asInt()).toList())
        .containsExactlyElementsOf(before);
    assertThat(ndjson(http.get("/api/users/export?snapshot=true"))).isEqualTo(all);
  }

  @Test
  void postsAndTagsToo() {
    List<Map<String, String>> posts = csv(http.get("/api/posts/export?format=csv&order=-id"));
    assertThat(posts).hasSize(41);
    assertThat(posts.get(0).keySet()).containsExactly("id", "title", "content", "published", "authorId", "createdAt", "updatedAt");
    assertThat(ndjson(http.get("/api/tags/export?name[$like]=tag%25"))).hasSize(9);
    jdbc.sql("DELETE FROM embeddings").update();
    jdbc.sql("INSERT INTO embeddings (name, embedding) VALUES ('a', '[1,2,3]'), ('b', '[0.5,0,1]')").update();
    assertThat(http.get("/api/embeddings/export?format=csv&order=name").raw())
        .isEqualTo("id,name,embedding\r\n" + jdbc.sql("SELECT string_agg(id || ',' || name || ',\"' || "
            + "CASE name WHEN 'a' THEN '[1.0,2.0,3.0]' ELSE '[0.5,0.0,1.0]' END || '\"', E'\\r\\n' ORDER BY name) || E'\\r\\n' "
            + "FROM embeddings").query(String.class).single());
    Response empty = http.get("/api/tags/export?format=csv&name=none");
    assertThat(empty.status()).isEqualTo(200);
    assertThat(empty.raw()).isEqualTo("id,name\r\n");
  }

  @Test
  void aBadExportIsA400ProblemNotAFile() {
    for (String query : List.of("nope=1", "format=xml", "page=2", "order=-age&after=5", "after=x", "snapshot=maybe",
        "fields=password")) {
      Response r = http.get("/api/users/export?" + query);
      assertThat(r.status()).as(query).isEqualTo(400);
      assertThat(r.contentType()).as(query).startsWith("application/problem+json");
      assertThat(r.header("Content-Disposition")).as(query).isNull();
    }
  }
}
