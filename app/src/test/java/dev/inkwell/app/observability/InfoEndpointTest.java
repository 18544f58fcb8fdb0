package dev.inkwell.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.inkwell.app.Http;
import tools.jackson.databind.JsonNode;

/** /actuator/info: version, commit, and what the database is and grants. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InfoEndpointTest {

  @LocalServerPort
  int port;

  @Test
  void infoCarriesVersionCommitAndDatabaseFacts() {
    JsonNode info = new Http(port).get("/actuator/info").body();

    assertThat(info.get("build").get("version").asString()).isEqualTo("0.1.0-SNAPSHOT");
    assertThat(info.get("git").get("commit").get("id").asString()).isNotBlank();
    JsonNode database = info.get("database");
    assertThat(database.get("serverVersion").asString()).matches("\\d+.*");
    assertThat(database.get("pgvector").asString()).isNotBlank();
    assertThat(database.get("serializableGranted").asString()).isEqualTo("serializable");
    assertThat(database.get("upsertCreatedFlag").asString()).isEqualTo("exact");
  }
}
