package dev.inkwell.app.pooler;

/** Where the project's PgBouncer listens for the tests (scripts/db.sh pooler start). */
final class PoolerTestSettings {

  private PoolerTestSettings() {
  }

  static String url() {
    return System.getenv().getOrDefault("INKWELL_TEST_POOLER_URL", ThroughTransactionPooler.URL);
  }
}
