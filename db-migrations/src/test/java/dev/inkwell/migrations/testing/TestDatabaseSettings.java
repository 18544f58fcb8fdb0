package dev.inkwell.migrations.testing;

/**
 * The test database for code that connects on its own (outside a Spring context): whatever
 * SPRING_DATASOURCE_* names, else the project-local inkwell_test, as config/test-database.yml says.
 */
public final class TestDatabaseSettings {

  /** The project's PgBouncer in transaction mode (scripts/db.sh pooler start) in front of inkwell_test. */
  public static final String POOLER_URL = "jdbc:postgresql://127.0.0.1:54339/inkwell_test";

  private TestDatabaseSettings() {
  }

  /** The transaction pooler the through-pooler tests connect to: INKWELL_TEST_POOLER_URL, else {@link #POOLER_URL}. */
  public static String poolerUrl() {
    return System.getenv().getOrDefault("INKWELL_TEST_POOLER_URL", POOLER_URL);
  }

  /** The project's hot standby (scripts/db.sh replica start) of inkwell_test. */
  public static final String REPLICA_URL = "jdbc:postgresql://127.0.0.1:54330/inkwell_test";

  /** The standby the read-replica tests read from: INKWELL_TEST_REPLICA_URL, else {@link #REPLICA_URL}. */
  public static String replicaUrl() {
    return System.getenv().getOrDefault("INKWELL_TEST_REPLICA_URL", REPLICA_URL);
  }

  public static String url() {
    return System.getenv().getOrDefault("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:54329/inkwell_test");
  }

  public static String username() {
    return System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "inkwell");
  }

  public static String password() {
    return System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", "");
  }
}
