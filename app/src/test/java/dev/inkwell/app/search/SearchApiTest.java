package dev.inkwell.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.app.Http;
import dev.inkwell.app.Http.Response;
import dev.inkwell.app.TableChecksums;

import tools.jackson.databind.JsonNode;

/** POST /api/posts/search/semantic and GET /api/search/status over HTTP, with the real model. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SearchApiTest {

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  JdbcTemplate jdbcTemplate;
  @Autowired
  SearchIndexer indexer;
  Http http;
  int ann;

  @BeforeEach
  void fixture() {
    http = new Http(port);
    jdbc.sql("DELETE FROM users").update();
    jdbc.sql("DELETE FROM tags").update();
    ann = user("ann");
    int bob = user("bob");
    post(ann, "Reviving a sluggish sourdough starter", "Feed the starter twice a day with flour and water until it doubles.", "baking");
    post(ann, "Error code F28 on a combi boiler", "Fault F28 means ignition failed: check the gas supply first.", "home");
    post(bob, "Boiler fault F22 and low pressure", "F22 means the system pressure dropped; top it up to one bar.", "home");
    post(bob, "Repotting a root-bound fern", "When roots circle the pot, move the fern to a larger container.", "garden");
    while (indexer.embedNext() > 0) {
      // until every post is embedded
    }
  }

  private int user(String name) {
    return http.post("/api/users", "{\"email\": \"%s@example.com\", \"name\": \"%s\"}".formatted(name, name)).body().get("id").asInt();
  }

  private void post(int author, String title, String content, String tag) {
    Response r = http.post("/api/posts", """
        {"title": "%s", "content": "%s", "published": true, "authorId": %d}""".formatted(title, content, author));
    assertThat(r.status()).isEqualTo(201);
    http.put("/api/posts/" + r.body().get("id").asInt() + "/tags", "{\"names\": [\"" + tag + "\"]}");
  }

  private List<String> titles(Response r) {
    assertThat(r.status()).isEqualTo(200);
    return r.body().valueStream().map(hit -> hit.get("post").get("title").asString()).toList();
  }

  @Test
  void findsByMeaningByWordsAndByBoth() {
    assertThat(titles(http.post("/api/posts/search/semantic", """
        {"query": "my bread yeast culture stopped bubbling", "mode": "semantic", "k": 1}""")))
        .containsExactly("Reviving a sluggish sourdough starter");
    assertThat(titles(http.post("/api/posts/search/semantic", """
        {"query": "F28", "mode": "text"}"""))).containsExactly("Error code F28 on a combi boiler");

    Response hybrid = http.post("/api/posts/search/semantic?include=author,tags", """
        {"query": "boiler F22", "k": 2}""");
    assertThat(titles(hybrid)).containsExactly("Boiler fault F22 and low pressure", "Error code F28 on a combi boiler");
    JsonNode best = hybrid.body().get(0);
    assertThat(best.get("post").get("author").get("name").asString()).isEqualTo("bob");
    assertThat(best.get("post").get("tags").findValuesAsString("name")).containsExactly("home");
    assertThat(best.get("semanticRank").asInt()).isPositive();
    assertThat(best.get("textRank").asInt()).isEqualTo(1);
    assertThat(best.get("score").asDouble()).isGreaterThan(hybrid.body().get(1).get("score").asDouble());
  }

  @Test
  void filtersWithThePostFilterContract() {
    assertThat(titles(http.post("/api/posts/search/semantic", """
        {"query": "heating breakdown", "where": {"author": {"name": "ann"}, "tags": {"name": "home"}}}""")))
        .containsExactly("Error code F28 on a combi boiler");
    assertThat(titles(http.post("/api/posts/search/semantic", """
        {"query": "heating breakdown", "mode": "semantic", "where": {"published": false}}"""))).isEmpty();
  }

  @Test
  void statusReportsProviderModelAndBacklog() {
    JsonNode status = http.get("/api/search/status").body();
    assertThat(status.get("provider").asString()).isEqualTo("in-process");
    assertThat(status.get("model").asString()).startsWith("all-MiniLM-L6-v2");
    assertThat(status.get("backlog").asLong()).isZero();
    assertThat(status.get("lastError").isNull()).isTrue();

    http.patch("/api/posts/" + jdbc.sql("SELECT min(id) FROM posts").query(Integer.class).single(), "{\"title\": \"changed\"}");
    assertThat(http.get("/api/search/status").body().get("backlog").asLong()).isEqualTo(1);
  }

  @Test
  void badSearchesAre400ProblemsAndChangeNothing() {
    Map<String, String> before = TableChecksums.of(jdbcTemplate);
    Map<String, String> bodies = Map.of(
        "{\"query\": \"\"}", "query",
        "{\"query\": \"" + "x".repeat(10_000) + "\"}", "query",
        "{\"query\": \"a\", \"mode\": \"fuzzy\"}", "mode",
        "{\"query\": \"a\", \"k\": 0}", "k",
        "{\"query\": \"a\", \"k\": 101}", "k",
        "{\"query\": \"a\", \"efSearch\": 5000}", "efSearch",
        "{\"query\": \"a\", \"where\": {\"password\": \"x\"}}", "password",
        "{}", "query",
        "{\"query\": \"\\u202e\\u200b \\u0301\"}", "query has nothing the model reads",
        "{\"query\": \"\\u202e\", \"mode\": \"hybrid\"}", "query has nothing the model reads");
    bodies.forEach((body, field) -> {
      Response r = http.post("/api/posts/search/semantic", body);
      assertThat(r.status()).as(body).isEqualTo(400);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.raw()).as(body).contains(field);
    });
    assertThat(http.post("/api/posts/search/semantic?include=comments", "{\"query\": \"a\"}").status()).isEqualTo(400);
    assertThat(http.post("/api/posts/search/semantic", "{\"query\": ").status()).isEqualTo(400);
    assertThat(TableChecksums.of(jdbcTemplate)).isEqualTo(before);
  }

  @Test
  void aPostTheModelFindsNothingToReadInIsEmbeddedAndHoldsNoOtherBack() {
    // Only format characters: the model had refused it, and with it every post of its batch, forever.
    post(ann, "\\u202e", "\\u200b", "odd");
    post(ann, "Proofing bread overnight in the fridge", "A cold proof develops flavour.", "baking");
    assertThat(http.get("/api/search/status").body().get("backlog").asLong()).isEqualTo(2);

    assertThat(indexer.embedNext()).isEqualTo(2);

    Response status = http.get("/api/search/status");
    assertThat(status.body().get("backlog").asLong()).isZero();
    assertThat(status.body().get("lastError").isNull()).isTrue();
    assertThat(titles(http.post("/api/posts/search/semantic", "{\"query\": \"cold proof for bread dough\", \"k\": 1}")))
        .containsExactly("Proofing bread overnight in the fridge");
  }
}
