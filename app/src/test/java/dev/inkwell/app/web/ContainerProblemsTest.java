package dev.inkwell.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.inkwell.app.RawHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Tomcat refuses before any servlet runs, what it sends to the error page, and what Spring
 * Security's firewall refuses: each an RFC 9457 problem, never an HTML page or Boot's own error format.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContainerProblemsTest {

  @LocalServerPort
  int port;

  static final String TOO_MANY_PARAMETERS = "/api/users?" + IntStream.range(0, 1_200).mapToObj(i -> "x" + i + "=1")
      .collect(Collectors.joining("&"));

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      GET      | /api/users/%zz           | 400
      GET      | /api/users/%             | 400
      GET      | /api/users/1%00          | 400
      GET      | TOO_MANY_PARAMETERS      | 400
      TRACE    | /api/users               | 405
      PROPFIND | /api/users               | 405
      GET      | /error                   | 404
      GET      | /api/users/1;x=y         | 400
      """)
  void isAProblem(String method, String path, int status) {
    RawHttp.Response r = RawHttp.send(port, method, path.equals("TOO_MANY_PARAMETERS") ? TOO_MANY_PARAMETERS : path, null, null);

    assertThat(r.status()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    JsonNode problem = JsonMapper.shared().readTree(r.body());
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("title").asString()).isNotBlank();
    assertThat(r.body()).doesNotContain("<html").doesNotContain("timestamp").doesNotContain("Tomcat");
  }
}
