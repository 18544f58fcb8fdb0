package dev.inkwell.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.inkwell.app.Http;
import dev.inkwell.app.Http.Response;

/** inkwell.search.embedder=none: text search works, anything that needs a model is a 400 problem. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "inkwell.search.embedder=none")
class SearchWithoutEmbedderTest {

  @LocalServerPort
  int port;

  @Test
  void onlyTextSearchIsAvailable() {
    Http http = new Http(port);
    for (String mode : new String[] {"semantic", "hybrid"}) {
      Response r = http.post("/api/posts/search/semantic", "{\"query\": \"a\", \"mode\": \"" + mode + "\"}");
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body().get("field").asString()).isEqualTo("mode");
      assertThat(r.body().get("detail").asString()).contains("inkwell.search.embedder=none");
    }
    assertThat(http.post("/api/posts/search/semantic", "{\"query\": \"a\", \"mode\": \"text\"}").status()).isEqualTo(200);

    Response status = http.get("/api/search/status");
    assertThat(status.body().get("provider").asString()).isEqualTo("none");
    assertThat(status.body().get("model").isNull()).isTrue();
  }
}
