package dev.inkwell.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.inkwell.app.RunningJar;

/**
 * The packaged jar in 128 MB of heap (and told to exit on OutOfMemoryError) exports 500,000 users as
 * NDJSON and as CSV: every user arrives exactly once and the process is still alive afterwards.
 */
class ExportMemoryJarIT {

  static final int USERS = 500_000;

  @Test
  void halfAMillionUsersIn128MegabytesOfHeap() throws Exception {
    JdbcTemplate db = RunningJar.database();
    db.update("DELETE FROM users");
    db.update("""
        INSERT INTO users (email, name, age, bio, metadata)
        SELECT 'e' || g || '@export.test', 'User ' || g, 18 + g % 60, 'a bio, with a comma ' || g, jsonb_build_object('n', g)
        FROM generate_series(1, ?) g""", USERS);
    try (RunningJar jar = RunningJar.startWithJvm("export", List.of("-Xmx128m", "-XX:+ExitOnOutOfMemoryError"))) {
      HttpClient client = HttpClient.newHttpClient();
      for (String format : List.of("ndjson", "csv")) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(jar.baseUrl() + "/api/users/export?format=" + format)).build();
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        BitSet seen = new BitSet();
        AtomicLong rows = new AtomicLong();
        try (Stream<String> lines = response.body()) {
          lines.skip(format.equals("csv") ? 1 : 0).forEach(line -> {
            // {"id":123,... or 123,...: the id is the first field either way
            String id = line.substring(line.startsWith("{\"id\":") ? 6 : 0).split("[,}]", 2)[0];
            seen.set(Integer.parseInt(id));
            rows.incrementAndGet();
          });
        }
        assertThat(rows.get()).as(format).isEqualTo(USERS);
        assertThat(seen.cardinality()).as(format + ": distinct users").isEqualTo(USERS);
        assertThat(jar.isAlive()).as(format + ": the jar is still running; its log:\n" + Files.readString(jar.log())).isTrue();
      }
    } finally {
      db.update("DELETE FROM users WHERE email LIKE '%@export.test'");
    }
  }
}
