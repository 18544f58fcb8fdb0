package dev.inkwell.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.app.Http;
import dev.inkwell.app.Http.Response;
import tools.jackson.databind.JsonNode;

/** POST and GET …/aggregate on every entity, against the same aggregates computed in SQL by hand. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AggregateApiTest {

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
    jdbc.sql("DELETE FROM embeddings").update();
    jdbc.sql("""
        INSERT INTO users (email, name, age, "isActive")
        SELECT 'g' || g || '@agg.test', 'user ' || g, 20 + g % 5, g % 3 <> 0 FROM generate_series(1, 12) g""").update();
    jdbc.sql("""
        INSERT INTO posts (title, content, "authorId") SELECT 'p', 'c', u.id FROM users u, generate_series(1, 3) n
        WHERE n <= u.id % 4""").update();
    jdbc.sql("INSERT INTO tags (name) VALUES ('a'), ('b')").update();
    jdbc.sql("INSERT INTO embeddings (name, embedding) VALUES ('x', '[1,2,3]'), ('x', '[1,2,3]'), ('y', '[1,2,3]')").update();
  }

  private static List<String> rows(JsonNode body, String... keys) {
    List<String> rows = new ArrayList<>();
    body.get("rows").forEach(row -> {
      List<String> values = new ArrayList<>();
      for (String key : keys) {
        values.add(row.get(key).asString());
      }
      rows.add(String.join(":", values));
    });
    return rows;
  }

  @Test
  void everyEntityAggregates() {
    Response users = http.post("/api/users/aggregate", """
        {"where": {"age": {"$gte": 21}}, "groupBy": ["isActive"],
         "aggregates": {"n": {"$count": "*"}, "oldest": {"$max": "age"}}, "having": {"n": {"$gt": 1}}, "order": [["n", "DESC"]]}""");
    assertThat(users.status()).as(users.raw()).isEqualTo(200);
    assertThat(rows(users.body(), "isActive", "n", "oldest")).containsExactlyElementsOf(jdbc.sql("""
        SELECT "isActive" || ':' || count(*) || ':' || max(age) FROM users WHERE age >= 21
        GROUP BY "isActive" HAVING count(*) > 1 ORDER BY count(*) DESC, "isActive" """).query(String.class).list());

    Response posts = http.get("/api/posts/aggregate?groupBy=authorId&count=*&order=-count,authorId&limit=3");
    assertThat(rows(posts.body(), "authorId", "count")).containsExactlyElementsOf(jdbc.sql("""
        SELECT "authorId" || ':' || count(*) FROM posts GROUP BY "authorId" ORDER BY count(*) DESC, "authorId" LIMIT 3""")
        .query(String.class).list());
    assertThat(rows(http.post("/api/tags/aggregate", "{\"aggregates\": {\"n\": {\"$count\": \"*\"}, \"first\": {\"$min\": \"name\"}}}")
        .body(), "n", "first")).containsExactly("2:a");
    assertThat(rows(http.get("/api/embeddings/aggregate?groupBy=name&count=*").body(), "name", "count"))
        .containsExactly("x:2", "y:1");
  }

  @Test
  void aBadAggregationIsA400ProblemNamingTheField() {
    Response r = http.post("/api/users/aggregate", "{\"aggregates\": {\"s\": {\"$sum\": \"name\"}}}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.body().get("field").asString()).isEqualTo("s");
    assertThat(http.get("/api/posts/aggregate?groupBy=secret&count=*").body().get("field").asString()).isEqualTo("secret");
  }
}
