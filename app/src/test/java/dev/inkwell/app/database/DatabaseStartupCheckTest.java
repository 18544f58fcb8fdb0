package dev.inkwell.app.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.inkwell.Application;
import dev.inkwell.migrations.testing.TestDatabaseSettings;

/**
 * The guide's authenticate(): the jar refuses to start against a database it cannot reach, and says
 * why in one line that names host, port, database and user, never the password.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseStartupCheckTest {

  private static final String SECRET = "s3cret-never-logged";

  /** Starts the app and returns the start-up check's failure (Spring wraps it in bean creation errors). */
  private static Throwable start(String url, String user, String password, String... more) {
    // Command-line arguments, as a user would pass them: they outrank every configuration file.
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--spring.datasource.url=" + url,
        "--spring.datasource.username=" + user, "--spring.datasource.password=" + password, "--server.port=0"));
    args.addAll(java.util.List.of(more));
    Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(Application.class)
        .run(args.toArray(String[]::new)).close());
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof DatabaseUnreachableException) {
        return t;
      }
    }
    return failure;
  }

  private static String testUrl() {
    return TestDatabaseSettings.url();
  }

  @Test
  void wrongPortIsReportedAsRefused(CapturedOutput output) {
    Throwable failure = start("jdbc:postgresql://127.0.0.1:1/inkwell", "inkwell", SECRET);

    assertThat(failure).isInstanceOf(DatabaseUnreachableException.class).hasMessage(
        "Cannot connect to PostgreSQL at 127.0.0.1:1, database 'inkwell', user 'inkwell': "
            + "connection refused (is the server running and listening on that port?)");
    assertThat(output).contains("Cannot connect to PostgreSQL at 127.0.0.1:1").doesNotContain(SECRET);
  }

  @Test
  void wrongPasswordIsReportedAsAuthenticationFailure(CapturedOutput output) {
    // A role that must give its password (the local cluster trusts only its own user).
    JdbcClient admin = JdbcClient.create(new DriverManagerDataSource(testUrl(),
        TestDatabaseSettings.username(),
        TestDatabaseSettings.password()));
    admin.sql("""
        DO $$ BEGIN
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'inkwell_password_check') THEN
            CREATE ROLE inkwell_password_check LOGIN PASSWORD 'the-right-one';
          END IF;
        END $$""").update();

    Throwable failure = start(testUrl(), "inkwell_password_check", SECRET);

    assertThat(failure).isInstanceOf(DatabaseUnreachableException.class)
        .hasMessageContaining("user 'inkwell_password_check'")
        .hasMessageEndingWith(": authentication failed (wrong user or password)")
        .hasMessageNotContaining(SECRET);
    assertThat(output).contains("authentication failed").doesNotContain(SECRET);
  }

  @Test
  void aWrongTokenFromAFileOrACommandIsReportedAsAuthenticationFailure(CapturedOutput output, @TempDir Path dir)
      throws Exception {
    wrongPasswordIsReportedAsAuthenticationFailure(output); // creates the role
    Path file = Files.writeString(dir.resolve("token.txt"), SECRET);

    Throwable fromFile = start(testUrl(), "inkwell_password_check", "", "--inkwell.datasource.password-file=" + file);
    Throwable fromCommand = start(testUrl(), "inkwell_password_check", "",
        "--inkwell.datasource.password-command=echo " + SECRET);

    assertThat(fromFile).isInstanceOf(DatabaseUnreachableException.class)
        .hasMessageEndingWith(": authentication failed (wrong user or password)");
    assertThat(fromCommand).isInstanceOf(DatabaseUnreachableException.class)
        .hasMessageEndingWith(": authentication failed (wrong user or password)");
    assertThat(output).doesNotContain(SECRET);
  }

  @Test
  void unknownDatabaseIsNamed(CapturedOutput output) {
    Throwable failure = start("jdbc:postgresql://127.0.0.1:54329/no_such_database_here", "inkwell", SECRET);

    assertThat(failure).isInstanceOf(DatabaseUnreachableException.class).hasMessage(
        "Cannot connect to PostgreSQL at 127.0.0.1:54329, database 'no_such_database_here', user 'inkwell': "
            + "database does not exist");
    assertThat(output).doesNotContain(SECRET);
  }

  @Test
  void failureReportIsOneLineWithoutStackTrace(CapturedOutput output) {
    start("jdbc:postgresql://127.0.0.1:1/inkwell", "inkwell", SECRET);

    assertThat(output).contains("APPLICATION FAILED TO START")
        .contains("Cannot connect to PostgreSQL at 127.0.0.1:1, database 'inkwell', user 'inkwell': connection refused")
        .doesNotContain("at org.postgresql");
  }
}
