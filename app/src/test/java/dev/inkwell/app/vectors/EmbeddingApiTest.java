package dev.inkwell.app.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.inkwell.app.Http;
import dev.inkwell.app.Http.Response;
import tools.jackson.databind.JsonNode;

/** /api/embeddings over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddingApiTest {

  @LocalServerPort
  int port;
  @Autowired
  JdbcTemplate jdbc;
  Http http;

  @BeforeEach
  void fixture() {
    http = new Http(port);
    jdbc.update("DELETE FROM embeddings");
    jdbc.execute("VACUUM embeddings");
  }

  private long rows() {
    return jdbc.queryForObject("SELECT count(*) FROM embeddings", Long.class);
  }

  private static void assertProblem(Response r, String field, String detail) {
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.body().get("field").asString()).isEqualTo(field);
    assertThat(r.body().get("detail").asString()).isEqualTo(detail);
  }

  private void theGuidesVectors() {
    http.post("/api/embeddings", "{\"name\": \"doc-1\", \"embedding\": [1.0, 2.0, 3.0]}");
    http.post("/api/embeddings/bulk", """
        [{"name": "x-axis", "embedding": [1, 0, 0]}, {"name": "diagonal", "embedding": [1, 1, 0]},
         {"name": "away", "embedding": [-1, -1, -1]}]""");
  }

  @Test
  void theGuidesInsertAnswersTheStoredVector() {
    Response created = http.post("/api/embeddings", "{\"name\": \"doc-1\", \"embedding\": [1.0, 2.0, 3.0]}");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().get("embedding").toString()).isEqualTo("[1.0,2.0,3.0]");
  }

  @Test
  void theGuidesCosineSearchRanksByDistance() {
    theGuidesVectors();

    JsonNode cosine = http.post("/api/embeddings/search", "{\"vector\": [1.0, 1.0, 1.0]}").body();

    assertThat(cosine.findValuesAsString("name")).containsExactly("doc-1", "diagonal", "x-axis", "away");
    assertThat(cosine.get(0).get("distance").asDouble()).isCloseTo(1 - 6 / Math.sqrt(14) / Math.sqrt(3), within(1e-6));
  }

  @Test
  void aMaxDistanceKeepsOnlyTheNearOnes() {
    theGuidesVectors();

    JsonNode near = http.post("/api/embeddings/search", "{\"vector\": [1, 0, 0], \"metric\": \"l2\", \"maxDistance\": 1.0}").body();

    assertThat(near.findValuesAsString("name")).containsExactly("x-axis");
  }

  @Test
  void aFilteredInnerProductSearchWithK() {
    theGuidesVectors();

    JsonNode filtered = http.post("/api/embeddings/search", """
        {"vector": [1, 0, 0], "metric": "ip", "k": 2, "where": {"name": {"$iLike": "%A%"}}, "efSearch": 100}""").body();

    assertThat(filtered.findValuesAsString("name")).containsExactly("x-axis", "diagonal");
  }

  @Test
  void getUpdateDelete() {
    int id = http.post("/api/embeddings", "{\"name\": \"doc\", \"embedding\": [1, 2, 3]}").body().get("id").asInt();

    assertThat(http.put("/api/embeddings/" + id, "{\"name\": \"doc\", \"embedding\": [3, 2, 1]}").body().get("embedding").toString())
        .isEqualTo("[3.0,2.0,1.0]");
    assertThat(http.get("/api/embeddings/" + id).body().get("name").asString()).isEqualTo("doc");
    assertThat(http.delete("/api/embeddings/" + id).status()).isEqualTo(204);
    assertThat(http.get("/api/embeddings/" + id).status()).isEqualTo(404);
  }

  @Test
  void aVectorOfTheWrongDimensionIs400AndWritesNothing() {
    assertProblem(http.post("/api/embeddings", "{\"name\": \"x\", \"embedding\": [1, 2]}"), "embedding",
        "embedding must have 3 dimensions, got 2");
    assertProblem(http.post("/api/embeddings", "{\"name\": \"x\", \"embedding\": []}"), "embedding", "embedding is required: 3 numbers");
    assertThat(rows()).isZero();
  }

  @Test
  void aNumberOutsideFloatIs400AndWritesNothing() {
    assertProblem(http.post("/api/embeddings", "{\"name\": \"x\", \"embedding\": [1, 1e39, 3]}"), "embedding",
        "embedding[1] is not a finite number");
    assertThat(rows()).isZero();
  }

  @Test
  void aBulkWithOneBadVectorNamesItAndWritesNothing() {
    assertProblem(http.post("/api/embeddings/bulk", "[{\"name\": \"ok\", \"embedding\": [1, 2, 3]}, {\"name\": \"no\", \"embedding\": [1]}]"),
        "embedding[1]", "embedding[1] must have 3 dimensions, got 1");
    assertThat(rows()).isZero();
  }

  @Test
  void kOutsideItsBoundsIs400() {
    assertProblem(http.post("/api/embeddings/search", "{\"vector\": [1, 2, 3], \"k\": 0}"), "k", "k must be between 1 and 100, was 0");
    assertProblem(http.post("/api/embeddings/search", "{\"vector\": [1, 2, 3], \"k\": 101}"), "k", "k must be between 1 and 100, was 101");
  }

  @Test
  void anUnknownMetricIs400() {
    assertProblem(http.post("/api/embeddings/search", "{\"vector\": [1, 2, 3], \"metric\": \"hamming\"}"), "metric",
        "unknown metric 'hamming'; allowed: l2, cosine, ip");
  }

  @Test
  void aSearchWithoutAVectorIs400() {
    assertProblem(http.post("/api/embeddings/search", "{\"metric\": \"l2\"}"), "vector", "vector is required: 3 numbers");
  }
}
