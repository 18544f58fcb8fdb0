package dev.inkwell.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A body that stops arriving ends with Tomcat's read timeout (server.tomcat.connection-timeout) while
 * RequestAdmission reads it ahead: a 408 problem, the client's fault, not a 500, nothing written and
 * nothing logged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "inkwell.security.token=test-token", "server.tomcat.connection-timeout=1s"})
class StalledBodyTest {

  @LocalServerPort
  int port;
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void aBodyThatStopsArrivingIs408AndWritesNothing() throws Exception {
    int users = jdbc.queryForObject("SELECT count(*) FROM users", Integer.class);
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/users HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer test-token\r\n"
          + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"email\": \"stalled@example.com\"")
          .getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);

      assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json")
          .contains("\"status\":408,\"title\":\"Request Timeout\"");
    }
    assertThat(jdbc.queryForObject("SELECT count(*) FROM users", Integer.class)).isEqualTo(users);
  }
}
