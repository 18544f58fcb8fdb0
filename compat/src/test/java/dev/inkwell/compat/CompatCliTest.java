package dev.inkwell.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** inkwell-compat.jar's command line: help, and exit code 2 for an option it does not know. */
class CompatCliTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return CompatCommand.main(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpNamesTheReportOptions() throws Exception {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--json FILE").contains("--junit FILE");
  }

  @Test
  void aMisspelledOptionExitsWith2() throws Exception {
    assertThat(run("--jsn", "x")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown or incomplete option '--jsn'");
  }

  @Test
  void anOptionWithoutItsValueExitsWith2() throws Exception {
    assertThat(run("--json")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown or incomplete option '--json'");
  }
}
