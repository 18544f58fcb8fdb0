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

  /** 1,100 parameters: over Tomcat's 1,000, within its 8 KB request line. */
  static final String TOO_MANY_PARAMETERS = parameters(1_100);
  /** Over the 8 KB of the request line and headers: refused before any parameter is read. */
  static final String TOO_LONG = parameters(1_200);

  static String parameters(int count) {
    return "/api/users?" + IntStream.range(0, count).mapToObj(i -> "x" + i + "=1").collect(Collectors.joining("&"));
  }

  static String path(String written) {
    return switch (written) {
      case "TOO_MANY_PARAMETERS" -> TOO_MANY_PARAMETERS;
      case "TOO_LONG" -> TOO_LONG;
      default -> written;
    };
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      GET      | /api/users/%zz           | 400
      GET      | /api/users/%             | 400
      GET      | /api/users/1%00          | 400
      GET      | TOO_MANY_PARAMETERS      | 400
      GET      | TOO_LONG                 | 400
      TRACE    | /api/users               | 405
      PROPFIND | /api/users               | 405
      GET      | /error                   | 404
      GET      | /api/users/1;x=y         | 400
      """)
  void isAProblem(String method, String path, int status) {
    RawHttp.Response r = RawHttp.send(port, method, path(path), null, null);

    assertThat(r.status()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    JsonNode problem = JsonMapper.shared().readTree(r.body());
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("title").asString()).isNotBlank();
    assertThat(r.body()).doesNotContain("<html").doesNotContain("timestamp").doesNotContain("Tomcat");
  }

  /** Tomcat's own messages say the parameter "has been ignored": the request is refused, so these say why. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      /api/users?name=x%ED%A0%80 | a parameter's name or value is not %-encoded UTF-8
      /api/users?name=%C0%AF     | a parameter's name or value is not %-encoded UTF-8
      /api/users?%zz=1           | a parameter's name or value is not %-encoded UTF-8
      /api/users?age=1&=2        | a parameter without a name
      TOO_MANY_PARAMETERS        | more parameters than the server accepts
      """)
  void aQueryStringTheContainerCannotParseSaysWhy(String path, String reason) {
    RawHttp.Response r = RawHttp.send(port, "GET", path(path), null, null);

    assertThat(r.status()).isEqualTo(400);
    assertThat(JsonMapper.shared().readTree(r.body()).path("detail").asString()).isEqualTo("malformed query string: " + reason);
  }
}
