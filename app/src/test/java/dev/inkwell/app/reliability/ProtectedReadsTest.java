package dev.inkwell.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.inkwell.app.Http;

/** With inkwell.security.protect-reads, reads need the token too; health stays open for probes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "inkwell.security.token=read-token", "inkwell.security.protect-reads=true"})
class ProtectedReadsTest {

  @LocalServerPort
  int port;

  @Test
  void readsNeedTheTokenToo() {
    Http http = new Http(port);

    assertThat(http.get("/api/users").status()).isEqualTo(401);
    assertThat(http.post("/api/users/search", "{}").status()).isEqualTo(401);
    assertThat(http.withToken("read-token").get("/api/users").status()).isEqualTo(200);
    assertThat(http.get("/actuator/health").status()).isEqualTo(200);
  }
}
