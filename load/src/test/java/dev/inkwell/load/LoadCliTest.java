package dev.inkwell.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** inkwell-load.jar's command line: help, and exit code 2 before any request for what it does not know. */
class LoadCliTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return LoadGenerator.main(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpNamesTheOptions() throws Exception {
    assertThat(run("-h")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--clients N").contains("--seconds S");
  }

  @Test
  void anOptionWithoutItsValueExitsWith2() throws Exception {
    assertThat(run("--clients")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown or incomplete option '--clients'");
  }

  @Test
  void anUnknownOptionExitsWith2() throws Exception {
    assertThat(run("--host", "example.com")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown or incomplete option '--host'");
  }

  @Test
  void aCountThatIsNotANumberExitsWith2() throws Exception {
    assertThat(run("--seconds", "soon")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--seconds takes a positive whole number, got 'soon'");
  }
}
