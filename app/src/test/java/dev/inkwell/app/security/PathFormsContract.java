package dev.inkwell.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.inkwell.app.RawHttp;
import dev.inkwell.app.TableChecksums;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every authentication mode must hold for every write route in every {@link PathForms path
 * form}: without valid write credentials nothing is written and nothing answers 2xx or 5xx; with them
 * a form answers exactly like the canonical path, or 400.
 */
abstract class PathFormsContract {

  @LocalServerPort
  int port;
  @Autowired
  JdbcTemplate jdbc;

  /** Bearer values that must not allow a write, by name (null: no Authorization header). */
  abstract Map<String, String> refusedCredentials();

  /** A bearer value with the write scope. */
  abstract String writeCredentials();

  @Test
  void noPathFormWritesWithoutWriteCredentials() {
    WriteRoutes routes = WriteRoutes.seed(jdbc);
    Map<String, String> before = TableChecksums.of(jdbc);
    List<String> wrong = new ArrayList<>();
    int sent = 0;
    for (Map.Entry<String, String> credentials : refusedCredentials().entrySet()) {
      for (WriteRoutes.Request request : routes.changing()) {
        for (String form : PathForms.of(request.path())) {
          RawHttp.Response r = RawHttp.send(port, request.method(), form, request.body(), credentials.getValue());
          sent++;
          if (r.status() < 400 || r.status() >= 500) {
            wrong.add(credentials.getKey() + ": " + request.method() + " " + form + " -> " + r.status());
          }
        }
      }
    }

    assertThat(wrong).isEmpty();
    assertThat(TableChecksums.of(jdbc)).isEqualTo(before);
    assertThat(sent).isGreaterThanOrEqualTo(refusedCredentials().size() * routes.changing().size() * 40);
  }

  /**
   * Probes see the status and each component's; the details (a disk path, replica positions) and
   * {@code info} (versions, the commit) are for write credentials only.
   */
  @Test
  void healthIsPublicItsDetailsAndInfoNeedWriteCredentials() {
    assertEveryRefusedCredentialIsRefused("/actuator/info", "serverVersion");
    RawHttp.Response anonymous = RawHttp.send(port, "GET", "/actuator/health", null, null);
    assertThat(anonymous.status()).isEqualTo(200);
    JsonNode status = JsonMapper.shared().readTree(anonymous.body());
    assertThat(status.path("status").asString()).isEqualTo("UP");
    assertThat(status.path("components").path("db").path("status").asString()).isEqualTo("UP");
    assertThat(anonymous.body()).doesNotContain("details").doesNotContain("PostgreSQL");

    RawHttp.Response operator = RawHttp.send(port, "GET", "/actuator/health", null, writeCredentials());
    JsonNode detailed = JsonMapper.shared().readTree(operator.body());
    assertThat(detailed.path("components").path("db").path("details").path("database").asString()).isEqualTo("PostgreSQL");
    assertThat(detailed.path("components").path("diskSpace").path("details").has("path")).isTrue();
    RawHttp.Response info = RawHttp.send(port, "GET", "/actuator/info", null, writeCredentials());
    assertThat(info.status()).isEqualTo(200);
    assertThat(JsonMapper.shared().readTree(info.body()).path("database").path("serverVersion").asString()).isNotBlank();
  }

  /** A GET of {@code path} with each refused credential: 401 or 403, and nothing of {@code secret}. */
  private void assertEveryRefusedCredentialIsRefused(String path, String secret) {
    for (Map.Entry<String, String> credentials : refusedCredentials().entrySet()) {
      RawHttp.Response refused = RawHttp.send(port, "GET", path, null, credentials.getValue());
      assertThat(refused.status()).as(credentials.getKey()).isIn(401, 403);
      assertThat(refused.body()).as(credentials.getKey()).doesNotContain(secret);
    }
  }

  /** The embedding worker's last failure (exception names, SQL) is an operator's to read. */
  @Test
  void searchStatusNeedsWriteCredentials() {
    assertEveryRefusedCredentialIsRefused("/api/search/status", "lastError");
    RawHttp.Response operator = RawHttp.send(port, "GET", "/api/search/status", null, writeCredentials());
    assertThat(operator.status()).isEqualTo(200);
    assertThat(JsonMapper.shared().readTree(operator.body()).has("lastError")).isTrue();
  }

  @Test
  void withWriteCredentialsEveryFormWorksLikeTheCanonicalPathOrIs400() {
    WriteRoutes routes = WriteRoutes.seed(jdbc);
    Map<String, String> before = TableChecksums.of(jdbc);
    List<String> wrong = new ArrayList<>();
    for (WriteRoutes.Request request : routes.inert()) {
      RawHttp.Response canonical = RawHttp.send(port, request.method(), request.path(), request.body(), writeCredentials());
      assertThat(canonical.status()).as(request.toString()).isNotIn(401, 403).isLessThan(500);
      for (String form : PathForms.of(request.path())) {
        RawHttp.Response r = RawHttp.send(port, request.method(), form, request.body(), writeCredentials());
        boolean same = r.status() == canonical.status() && withoutInstance(r.body()).equals(withoutInstance(canonical.body()));
        if (!same && r.status() != 400) {
          wrong.add(request.method() + " " + form + " -> " + r.status() + " (canonical " + canonical.status() + ") " + r.body());
        }
      }
    }

    assertThat(wrong).isEmpty();
    assertThat(TableChecksums.of(jdbc)).isEqualTo(before);
  }

  @Test
  void writesThroughNonCanonicalFormsThatAreAcceptedReallyWrite() {
    WriteRoutes.seed(jdbc);
    for (String form : List.of("/api/users/", "/API/Users", "/api/users?x=1")) {
      String email = "u" + form.hashCode() + "@forms.test";
      RawHttp.Response r = RawHttp.send(port, "POST", form, "{\"email\": \"" + email + "\", \"name\": \"U\"}", writeCredentials());
      assertThat(r.status()).as(form).isEqualTo(201);
      assertThat(jdbc.queryForObject("SELECT count(*) FROM users WHERE email = ?", Integer.class, email)).isEqualTo(1);
    }
  }

  private static String withoutInstance(String body) {
    try {
      JsonNode json = JsonMapper.shared().readTree(body);
      if (json instanceof ObjectNode object) {
        object.remove("instance");
      }
      return json.toString();
    } catch (RuntimeException notJson) {
      return body;
    }
  }
}
