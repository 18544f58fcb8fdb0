package dev.inkwell.app.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.inkwell.app.Http;
import tools.jackson.databind.JsonNode;

/** /api/reports over HTTP (exact rows are asserted by the modules' report tests). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReportApiTest {

  @LocalServerPort
  int port;
  @Autowired
  JdbcTemplate jdbc;
  Http http;

  @BeforeEach
  void fixture() {
    http = new Http(port);
    jdbc.update("DELETE FROM users");
    jdbc.update("INSERT INTO users (email, name, age, metadata) VALUES ('a@r.test', 'Alice', 30, '{\"role\": \"admin\"}'), "
        + "('b@r.test', 'Bob', 25, NULL), ('c@r.test', 'Carol', 30, '{\"role\": \"user\"}')");
    jdbc.update("INSERT INTO posts (title, content, \"authorId\") SELECT 'P', 'x', id FROM users WHERE name = 'Alice'");
  }

  @Test
  void everyReportAnswersWithItsRows() {
    String today = LocalDate.now(ZoneOffset.UTC).toString();

    assertThat(http.get("/api/reports/users/ranked-by-age").body().findValuesAsString("name")).containsExactly("Alice", "Carol", "Bob");
    assertThat(http.get("/api/reports/users/ranked-by-age").body().get(1).get("rank").asInt()).isEqualTo(1);
    assertThat(http.get("/api/reports/users/active").body().findValuesAsString("name")).containsExactly("Bob", "Alice", "Carol");
    assertThat(http.get("/api/reports/users/first-per-age").body().findValuesAsString("name")).containsExactly("Bob", "Alice");
    assertThat(http.get("/api/reports/users/age-between?min=20&max=30").body().findValuesAsString("name")).containsExactly("Bob");
    JsonNode admins = http.get("/api/reports/users/metadata?key=role&contains=%7B%22role%22:%22admin%22%7D").body();
    assertThat(admins.findValuesAsString("text")).containsExactly("admin");
    assertThat(http.get("/api/reports/posts/ranked-per-author").body().get(0).get("rank").asInt()).isEqualTo(1);
    assertThat(http.get("/api/reports/posts/per-day?from=" + today + "&to=" + today).body().get(0).get("posts").asInt()).isEqualTo(1);
    assertThat(http.get("/api/reports/posts/per-day?from=2026-02-01&to=2026-01-01").status()).isEqualTo(400);
    assertThat(http.get("/api/reports/users/age-between?min=x&max=3").status()).isEqualTo(400);
    assertThat(http.get("/api/reports/users/metadata?key=role&contains=nope").status()).isEqualTo(400);
  }

  /**
   * A report is a page, as a list is (default 20 rows, at most 100): the guide's forms returned every
   * row, which an anonymous reader could ask of a table of any size.
   */
  @Test
  void aReportIsAPageOfTheListsSizes() {
    jdbc.update("INSERT INTO users (email, name, age) SELECT 'many' || g || '@r.test', 'Many', 20 FROM generate_series(1, 150) g");

    assertThat(http.get("/api/reports/users/ranked-by-age").body()).hasSize(20);
    assertThat(http.get("/api/reports/users/active?size=500").body()).hasSize(100);
    assertThat(http.get("/api/reports/users/metadata?key=role&page=2&size=100").body()).hasSize(53);
    assertThat(http.get("/api/reports/users/ranked-by-age?page=2&size=2").body().findValuesAsString("name"))
        .containsExactly("Bob", "Many");
    assertThat(http.get("/api/reports/posts/ranked-per-author?page=0").status()).isEqualTo(400);
  }
}
