package dev.inkwell.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import dev.inkwell.migrations.testing.TestDatabaseSettings;

/**
 * The project-local cluster of scripts/db.sh keeps PostgreSQL's durability settings for the database
 * the service uses; only the test database gives up waiting for the WAL flush at commit, which can
 * lose its last commits in a crash but never corrupt the cluster.
 */
class LocalClusterDurabilityTest {

  /** The service's default database (app's application.yml), on the test database's server. */
  static final String SERVICE_URL = TestDatabaseSettings.url().replaceFirst("/[^/?]+(\\?.*)?$", "/inkwell$1");

  private static String show(String url, String setting) throws Exception {
    try (Connection c = DriverManager.getConnection(url, TestDatabaseSettings.username(), TestDatabaseSettings.password());
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void theServiceDatabaseIsDurable() throws Exception {
    assertThat(show(SERVICE_URL, "fsync")).isEqualTo("on");
    assertThat(show(SERVICE_URL, "full_page_writes")).isEqualTo("on");
    assertThat(show(SERVICE_URL, "synchronous_commit")).isEqualTo("on");
  }

  @Test
  void onlyTheTestDatabaseSkipsTheFlushAtCommit() throws Exception {
    assertThat(show(TestDatabaseSettings.url(), "fsync")).isEqualTo("on");
    assertThat(show(TestDatabaseSettings.url(), "full_page_writes")).isEqualTo("on");
    assertThat(show(TestDatabaseSettings.url(), "synchronous_commit")).isEqualTo("off");
  }
}
