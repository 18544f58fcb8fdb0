package dev.inkwell.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.app.Http.Response;
import dev.inkwell.app.Http;

/** {@code inkwell.http.require-if-match=true}: a write to an existing resource without If-Match is a 428 problem. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "inkwell.http.require-if-match=true")
class RequiredIfMatchTest {

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;

  @Test
  void writesWithoutIfMatchAre428AndChangeNothing() {
    Http http = new Http(port);
    jdbc.sql("DELETE FROM users").update();
    Response created = http.post("/api/users", "{\"email\": \"req@example.com\", \"name\": \"R\", \"age\": 1}");
    assertThat(created.status()).isEqualTo(201); // creating needs no version
    int id = created.body().get("id").asInt();
    String before = jdbc.sql("SELECT u::text FROM users u WHERE id = ?").param(id).query(String.class).single();

    for (Response r : new Response[] {http.patch("/api/users/" + id, "{\"age\": 2}"), http.delete("/api/users/" + id),
        http.put("/api/users/by-email/req@example.com", "{\"name\": \"X\"}")}) {
      assertThat(r.status()).isEqualTo(428);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.body().get("field").asString()).isEqualTo("If-Match");
    }
    assertThat(jdbc.sql("SELECT u::text FROM users u WHERE id = ?").param(id).query(String.class).single()).isEqualTo(before);

    String etag = http.get("/api/users/" + id).header("ETag");
    assertThat(http.send("PATCH", "/api/users/" + id, "{\"age\": 2}", Map.of("If-Match", etag)).status()).isEqualTo(200);
  }
}
