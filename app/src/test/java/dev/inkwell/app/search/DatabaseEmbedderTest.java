package dev.inkwell.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.app.Http;
import dev.inkwell.app.Http.Response;
import dev.inkwell.migrations.testing.TestDatabaseSettings;

/**
 * inkwell.search.embedder=database on PostgreSQL, with DB9's embedding(text) emulated: a 1,024
 * dimension vector (DB9's default) made from the text's words, so equal words mean near vectors; the
 * text "model outage" makes it fail, as a remote model can. Posts are embedded by the statement that
 * stores them, queries by the search statement: no vector travels to the service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "inkwell.search.embedder=database")
class DatabaseEmbedderTest {

  static final String EMULATION = """
      CREATE OR REPLACE FUNCTION embedding(t text) RETURNS vector LANGUAGE plpgsql IMMUTABLE AS $$
      BEGIN
        IF t = 'model outage' THEN
          RAISE EXCEPTION 'embedding service unavailable';
        END IF;
        RETURN (SELECT array_agg(coalesce(c.n, 0) + 0.001 ORDER BY d.i)::vector(1024)
                FROM generate_series(0, 1023) AS d(i)
                LEFT JOIN (SELECT abs(hashtext(w)) % 1024 AS i, count(*) AS n
                           FROM regexp_split_to_table(lower(t), '[^a-z0-9]+') AS w
                           WHERE w <> '' GROUP BY 1) c ON c.i = d.i);
      END
      $$""";

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  SearchIndexer indexer;

  static void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(TestDatabaseSettings.url(), TestDatabaseSettings.username(),
        TestDatabaseSettings.password()); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Before the context starts: the service checks for embedding(text) at start-up. */
  @BeforeAll
  static void emulateDb9() throws SQLException {
    execute(EMULATION);
  }

  @AfterAll
  static void removeEmulation() throws SQLException {
    execute("DROP FUNCTION IF EXISTS embedding(text)");
  }

  @Test
  void theServerEmbedsPostsAndQueries() {
    jdbc.sql("DELETE FROM users").update();
    Http http = new Http(port);
    int author = http.post("/api/users", "{\"email\": \"d@example.com\", \"name\": \"D\"}").body().get("id").asInt();
    for (String title : new String[] {"gas boiler ignition fault", "sourdough starter feeding", "fern repotting"}) {
      http.post("/api/posts", "{\"title\": \"%s\", \"content\": \"notes\", \"authorId\": %d}".formatted(title, author));
    }
    while (indexer.embedNext() > 0) {
      // embedded by INSERT ... SELECT embedding(title || ' ' || content)
    }

    assertThat(jdbc.sql("SELECT count(*) FROM post_vectors_server").query(Long.class).single()).isEqualTo(3);
    Response found = http.post("/api/posts/search/semantic", "{\"query\": \"boiler fault\", \"mode\": \"semantic\", \"k\": 1}");
    assertThat(found.body().get(0).get("post").get("title").asString()).isEqualTo("gas boiler ignition fault");
    Response status = http.get("/api/search/status");
    assertThat(status.body().get("provider").asString()).isEqualTo("database");
    assertThat(status.body().get("model").asString()).startsWith("embedding() of the database");
    assertThat(status.body().get("backlog").asLong()).isZero();

    Response outage = http.post("/api/posts/search/semantic", "{\"query\": \"model outage\"}");
    assertThat(outage.status()).isEqualTo(503);
    assertThat(outage.contentType()).startsWith("application/problem+json");
  }
}
