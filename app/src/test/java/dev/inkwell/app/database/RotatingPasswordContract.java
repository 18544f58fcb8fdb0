package dev.inkwell.app.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.zaxxer.hikari.HikariDataSource;

import dev.inkwell.app.Http;
import dev.inkwell.migrations.testing.TestDatabaseSettings;

/**
 * DB9's expiring connect tokens, emulated: the service connects as a role whose password the test
 * changes every 2 s (writing each new one where the service reads it), and retires the pool's
 * connections after each change so new physical connections must authenticate with the new one.
 * Under a steady request stream every request succeeds.
 */
abstract class RotatingPasswordContract {

  static final JdbcTemplate ADMIN = new JdbcTemplate(new DriverManagerDataSource(TestDatabaseSettings.url(),
      TestDatabaseSettings.username(), TestDatabaseSettings.password()));

  @LocalServerPort
  int port;
  @Autowired
  HikariDataSource pool;
  @Autowired
  JdbcTemplate jdbc;

  /** A login role with the service's table rights, its password 'rotated-secret-0', and a file holding that password. */
  static Path createRole(String role) {
    ADMIN.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN "
        + "CREATE ROLE " + role + " LOGIN; END IF; END $$");
    ADMIN.execute("ALTER ROLE " + role + " PASSWORD 'rotated-secret-0'");
    ADMIN.execute("GRANT USAGE ON SCHEMA public TO " + role);
    ADMIN.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + role);
    ADMIN.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + role);
    try {
      Path file = Files.createTempFile(role, ".token");
      file.toFile().deleteOnExit();
      Files.writeString(file, "rotated-secret-0\n");
      return file;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private final String role;
  private final Path passwordFile;

  RotatingPasswordContract(String role, Path passwordFile) {
    this.role = role;
    this.passwordFile = passwordFile;
  }

  @Test
  void everyRequestSucceedsWhileThePasswordRotates() throws Exception {
    int alice = ADMIN.queryForObject("INSERT INTO users (email, name) VALUES (?, 'Rotor') "
        + "ON CONFLICT (email) DO UPDATE SET name = 'Rotor' RETURNING id", Integer.class, role + "@rotate.test");
    // As an operator: health shows its details, and info itself, only to the write token.
    Http http = new Http(port).withToken("rotor-token");
    List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean stop = new AtomicBoolean();
    Thread client = new Thread(() -> {
      while (!stop.get()) {
        statuses.add(http.get("/api/users/" + alice).status());
      }
    });
    client.start();
    Set<Integer> backends = new HashSet<>();
    try {
      for (int rotation = 1; rotation <= 4; rotation++) {
        rotate("rotated-secret-" + rotation);
        pool.getHikariPoolMXBean().softEvictConnections();
        Thread.sleep(2_000);
        backends.add(jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class));
      }
    } finally {
      stop.set(true);
      client.join();
    }

    assertThat(statuses).hasSizeGreaterThan(100).containsOnly(200);
    assertThat(backends).hasSize(4); // a new physical connection after every rotation
    assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo(role);
    assertThat(http.get("/actuator/info").raw() + http.get("/actuator/health").raw()).doesNotContain("rotated-secret");
  }

  private void rotate(String password) throws Exception {
    Path next = Files.createTempFile(passwordFile.getParent(), "next", ".token");
    Files.writeString(next, password + "\n");
    ADMIN.execute("ALTER ROLE " + role + " PASSWORD '" + password + "'");
    Files.move(next, passwordFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
