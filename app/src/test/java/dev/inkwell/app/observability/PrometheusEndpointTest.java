package dev.inkwell.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.inkwell.app.Http;

/** Prometheus, when exposed by setting: HTTP latencies, the pool, and the per-statement timer. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "management.endpoints.web.exposure.include=health,info,prometheus")
class PrometheusEndpointTest {

  @LocalServerPort
  int port;

  @Test
  void scrapeShowsRequestsPoolAndStatements() {
    Http http = new Http(port);
    assertThat(http.get("/api/users/stats").status()).isEqualTo(200);

    String scrape = http.get("/actuator/prometheus").raw();

    assertThat(scrape).contains("http_server_requests_seconds_count").contains("hikaricp_connections_active")
        .contains("inkwell_mapper_statement_seconds_count{statement=\"dev.inkwell.users.internal.UserMapper.selectStats\"}");
  }

  @Test
  void otherEndpointsStayHidden() {
    assertThat(new Http(port).get("/actuator/env").status()).isEqualTo(404);
  }
}
