package dev.inkwell.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The service jar's command line: help for the service and dev-token, exit code 2 for what it does not know. */
class CliTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpListsTheServiceAndItsCommands() throws Exception {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("dev-token").contains("inkwell-compat.jar")
        .contains("inkwell-load.jar").contains("--spring.datasource.url");
  }

  @Test
  void devTokenHasItsOwnHelp() throws Exception {
    assertThat(run("dev-token", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--key-dir DIR");
  }

  @Test
  void reindexHasItsOwnHelpAndStartsTheApplicationOtherwise() throws Exception {
    assertThat(run("reindex", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: java -jar inkwell.jar reindex").contains("resumes");
    assertThat(run("reindex", "--inkwell.search.worker.batch=64")).isEqualTo(Cli.REINDEX);
    assertThat(run("reindex", "--all")).isEqualTo(2);
  }

  @Test
  void anUnknownServiceOptionExitsWith2() throws Exception {
    assertThat(run("--verbose")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("inkwell: unknown or incomplete option '--verbose'");
  }

  @Test
  void anUnknownCommandExitsWith2() throws Exception {
    assertThat(run("compat")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("inkwell: unknown command 'compat'");
  }

  @Test
  void badDevTokenOptionsExitWith2() throws Exception {
    assertThat(run("dev-token", "--scopes", "x")).isEqualTo(2);
    assertThat(run("dev-token", "--minutes", "soon")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--minutes takes a whole number of minutes, got 'soon'");
  }

  @Test
  void serviceSettingsStartTheService() throws Exception {
    assertThat(run("--server.port=9090", "--spring.datasource.url=jdbc:postgresql://h/db")).isEqualTo(Cli.SERVE);
    assertThat(run()).isEqualTo(Cli.SERVE);
  }
}
