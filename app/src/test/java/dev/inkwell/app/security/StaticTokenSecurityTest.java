package dev.inkwell.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import dev.inkwell.app.RawHttp;

/** Static-token mode: one token with both scopes, checked by Spring Security's bearer-token filter. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "inkwell.security.token=static-secret-token",
    "management.endpoints.web.exposure.include=health,info,prometheus"})
class StaticTokenSecurityTest extends PathFormsContract {

  @Override
  Map<String, String> refusedCredentials() {
    Map<String, String> refused = new LinkedHashMap<>();
    refused.put("no credentials", null);
    refused.put("wrong token", "wrong-token");
    refused.put("token with a suffix", "static-secret-tokenx");
    refused.put("token prefix", "static-secret");
    return refused;
  }

  @Override
  String writeCredentials() {
    return "static-secret-token";
  }

  @Test
  void missingCredentialsAre401WithTheBearerChallenge() {
    RawHttp.Response missing = RawHttp.send(port, "POST", "/api/users", "{}", null);

    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.header("WWW-Authenticate")).startsWith("Bearer").doesNotContain("error=");
    assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
    assertThat(missing.body()).contains("\"status\":401").contains("Authorization: Bearer");
  }

  @Test
  void aWrongTokenIs401WithInvalidTokenAndIsNotEchoed() {
    RawHttp.Response wrong = RawHttp.send(port, "POST", "/api/users", "{}", "wrong-token");

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
    assertThat(wrong.body()).contains("\"status\":401").doesNotContain("wrong-token").doesNotContain("Exception");
  }

  @Test
  void theRestOfTheActuatorNeedsTheToken() {
    assertThat(RawHttp.send(port, "GET", "/actuator/prometheus", null, null).status()).isEqualTo(401);
    assertThat(RawHttp.send(port, "GET", "/actuator", null, null).status()).isEqualTo(401);
    assertThat(RawHttp.send(port, "GET", "/Actuator/Prometheus", null, null).status()).isIn(400, 401, 404);
    assertThat(RawHttp.send(port, "GET", "/actuator/prometheus", null, "static-secret-token").status()).isEqualTo(200);
  }

  /** ObservabilityConfiguration: Spring Security's decisions are timed (a refused token too), each filter is not. */
  @Test
  void securityDecisionsAreTimedButNotItsFilters() {
    assertThat(RawHttp.send(port, "POST", "/api/users", "{\"email\": \"m@x.org\", \"name\": \"M\"}", "wrong-token").status())
        .isEqualTo(401);
    assertThat(RawHttp.send(port, "GET", "/api/users/stats", null, null).status()).isEqualTo(200);

    String scrape = RawHttp.send(port, "GET", "/actuator/prometheus", null, "static-secret-token").body();

    assertThat(scrape).contains("spring_security_authentications_seconds_count").contains("spring_security_authorizations_seconds_count")
        .contains("http_server_requests_seconds_count").doesNotContain("spring_security_filterchains");
  }

  @Test
  void readsStayOpen() {
    assertThat(RawHttp.send(port, "GET", "/api/users", null, null).status()).isEqualTo(200);
    assertThat(RawHttp.send(port, "POST", "/api/users/search", "{}", null).status()).isEqualTo(200);
    assertThat(RawHttp.send(port, "POST", "/api/users/search/", "{}", null).status()).isEqualTo(200);
    assertThat(RawHttp.send(port, "POST", "/api/users/aggregate", "{\"aggregates\": {\"n\": {\"$count\": \"*\"}}}", null).status())
        .isEqualTo(200);
  }
}
