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
