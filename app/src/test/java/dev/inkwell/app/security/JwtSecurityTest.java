package dev.inkwell.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.inkwell.app.RawHttp;

/**
 * JWT mode through Spring Boot's resource-server settings (a public key generated for this run):
 * scopes decide, an expired or foreign token is 401, a token without the scope is 403.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "inkwell.security.token=", "inkwell.security.protect-reads=true"})
class JwtSecurityTest extends PathFormsContract {

  static final DevKeys KEYS = DevKeys.generate();
  static final DevKeys OTHER_KEYS = DevKeys.generate();

  @DynamicPropertySource
  static void jwt(DynamicPropertyRegistry registry) {
    registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + KEYS.publicPem);
  }

  @Override
  Map<String, String> refusedCredentials() {
    Map<String, String> refused = new LinkedHashMap<>();
    refused.put("no credentials", null);
    refused.put("not a JWT", "not.a.jwt");
    refused.put("expired JWT", KEYS.token(Scopes.READ + " " + Scopes.WRITE, Instant.now().minus(Duration.ofHours(2)),
        Duration.ofHours(1)));
    refused.put("JWT without inkwell.write", KEYS.token(Scopes.READ));
    refused.put("JWT signed by another key", OTHER_KEYS.token(Scopes.READ + " " + Scopes.WRITE));
    return refused;
  }

  @Override
  String writeCredentials() {
    return KEYS.token(Scopes.READ + " " + Scopes.WRITE);
  }

  private static final String USER = "{\"email\": \"x@jwt.test\", \"name\": \"X\"}";

  @Test
  void aMissingScopeIs403NamingIt() {
    RawHttp.Response readOnly = RawHttp.send(port, "POST", "/api/users", USER, KEYS.token(Scopes.READ));

    assertThat(readOnly.status()).isEqualTo(403);
    assertThat(readOnly.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"");
    assertThat(readOnly.header("Content-Type")).startsWith("application/problem+json");
    assertThat(readOnly.body()).contains("\"status\":403").contains(Scopes.WRITE);
  }

  @Test
  void anExpiredTokenIs401() {
    RawHttp.Response expired = RawHttp.send(port, "POST", "/api/users", USER, refusedCredentials().get("expired JWT"));

    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    assertThat(expired.body()).contains("\"status\":401").contains("expired");
  }

  @Test
  void protectedReadsNeedTheReadScope() {
    assertThat(RawHttp.send(port, "GET", "/api/users", null, null).status()).isEqualTo(401);
    assertThat(RawHttp.send(port, "GET", "/api/users", null, KEYS.token(Scopes.WRITE)).status()).isEqualTo(403);
    assertThat(RawHttp.send(port, "GET", "/api/users", null, KEYS.token(Scopes.READ)).status()).isEqualTo(200);
    assertThat(RawHttp.send(port, "POST", "/api/users/search", "{}", KEYS.token(Scopes.READ)).status()).isEqualTo(200);
    assertThat(RawHttp.send(port, "GET", "/actuator/health", null, null).status()).isEqualTo(200);
  }
}
