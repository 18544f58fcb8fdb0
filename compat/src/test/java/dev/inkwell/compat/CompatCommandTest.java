package dev.inkwell.compat;

import dev.inkwell.migrations.testing.TestDatabaseSettings;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code inkwell compat} end to end through its entry point: table, exit code, reports, cleanup. */
class CompatCommandTest {

  private static final JdbcClient ADMIN = JdbcClient.create(new DriverManagerDataSource(
      TestDatabaseSettings.url(),
      TestDatabaseSettings.username(),
      TestDatabaseSettings.password()));

  private record Run(int exit, String out, String err, JsonNode json, String junit) {
  }

  private static Run run(Path dir, String... extra) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path json = dir.resolve("compat.json");
    Path junit = dir.resolve("compat.xml");
    String[] args = new String[4 + extra.length];
    args[0] = "--json";
    args[1] = json.toString();
    args[2] = "--junit";
    args[3] = junit.toString();
    System.arraycopy(extra, 0, args, 4, extra.length);
    int exit = CompatCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
        JsonMapper.shared().readTree(Files.readString(json)), Files.readString(junit));
  }

  private static boolean schemaExists(String schema) {
    return ADMIN.sql("SELECT count(*) FROM pg_namespace WHERE nspname = ?").param(schema).query(Integer.class).single() > 0;
  }

  @Test
  void aCleanRunPrintsTheTableExitsZeroAndLeavesNoSchema(@TempDir Path dir) throws Exception {
    // A schema an interrupted run left behind an hour ago: recognised and dropped.
    ADMIN.sql("CREATE SCHEMA IF NOT EXISTS inkwell_compat_leftover_test").update();
    ADMIN.sql("COMMENT ON SCHEMA inkwell_compat_leftover_test IS 'inkwell compatibility run started "
        + java.time.Instant.now().minusSeconds(3600) + "'").update();

    Run run = run(dir);

    int total = run.json().get("summary").get("total").asInt();
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("Category").contains("Connection and pooling").contains("DDL operations")
        .contains(total + "/" + total + " passed");
    assertThat(total).isEqualTo(CompatSuiteTest.CHECKS + 1); // and the set-up
    assertThat(run.out()).contains("Server limits").doesNotContain("password=");
    assertThat(run.json().get("summary").get("failed").asInt()).isZero();
    assertThat(run.json().get("server").get("pgvector").asString()).isNotBlank();
    assertThat(run.junit()).contains("<testsuites name=\"inkwell-compat\" tests=\"" + total + "\" failures=\"0\"");
    assertThat(schemaExists(run.json().get("schema").asString())).isFalse();
    assertThat(run.err()).contains("dropped schemas left by earlier runs: [inkwell_compat_leftover_test]");
    assertThat(schemaExists("inkwell_compat_leftover_test")).isFalse();
  }

  @Test
  void aFailedCheckIsReportedWithExitOneAndTheSchemaIsStillDropped(@TempDir Path dir) throws Exception {
    Run run = run(dir, "--inkwell.compat.fail-check=Op between");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("1 failed")
        .contains("FAILED  CRUD with operator queries / Op between: {\"age\": {\"$between\": [25, 30]}}: failed on purpose");
    assertThat(run.json().get("summary").get("failed").asInt()).isEqualTo(1);
    assertThat(run.junit()).contains("<failure message=\"failed on purpose (inkwell.compat.fail-check)\"/>");
    assertThat(schemaExists(run.json().get("schema").asString())).isFalse();
  }

  @Test
  void aDatabaseThatCannotBeReachedIsAFailedSetUpInTheReportNotACrash(@TempDir Path dir) throws Exception {
    Run run = run(dir, "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/inkwell?password=never-shown",
        "--spring.datasource.hikari.connection-timeout=1000");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("0/1 passed (0 with notes, 0 skipped, 1 failed)")
        .contains("FAILED  Connection and pooling / set-up: connect, create the run's schema and migrate it: ")
        .contains("schema                 not created").doesNotContain("never-shown");
    assertThat(run.json().get("summary").get("failed").asInt()).isEqualTo(1);
    assertThat(run.json().toString()).doesNotContain("never-shown");
  }

  /** Through PgBouncer in transaction mode: a database of its own instead of a schema, the same checks. */
  @Test
  void throughATransactionPoolerTheSameChecksRunInADatabaseOfTheirOwn(@TempDir Path dir) throws Exception {
    Run run = run(dir, "--spring.datasource.url=" + TestDatabaseSettings.poolerUrl(),
        "--inkwell.datasource.pooler=transaction");

    String database = run.json().get("schema").asString();
    assertThat(run.exit()).as(run.out()).isZero();
    assertThat(run.json().get("summary").get("total").asInt()).isEqualTo(CompatSuiteTest.CHECKS + 1);
    assertThat(run.out()).contains((CompatSuiteTest.CHECKS + 1) + "/" + (CompatSuiteTest.CHECKS + 1)
        + " passed (7 with notes, 0 skipped, 0 failed)");
    assertThat(run.out()).contains("NOTE    Connection and pooling / transaction pooling: seen, and Inkwell set for it: "
        + "a transaction pooler is in between").contains("named server-side statements are off (prepareThreshold=0)");
    assertThat(database).startsWith("inkwell_compat_");
    assertThat(ADMIN.sql("SELECT count(*) FROM pg_database WHERE datname = ?").param(database).query(Integer.class).single())
        .isZero();
  }

  @Test
  void secretsInTheUrlAreMasked() {
    assertThat(CompatCommand.withoutSecrets("jdbc:postgresql://h/db?user=u&password=s3cret&sslmode=require"))
        .isEqualTo("jdbc:postgresql://h/db?user=u&password=***&sslmode=require");
  }
}
