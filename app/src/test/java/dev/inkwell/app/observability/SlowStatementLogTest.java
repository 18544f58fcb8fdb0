package dev.inkwell.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.inkwell.app.Http;

/** With only a slow-statement threshold set, statements at least that slow are logged as such. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"inkwell.sql.slow-threshold=0ms", "logging.level.dev.inkwell.sql=INFO"})
@ExtendWith(OutputCaptureExtension.class)
class SlowStatementLogTest {

  @LocalServerPort
  int port;

  @Test
  void statementsOverTheThresholdAreLogged(CapturedOutput output) {
    assertThat(new Http(port).get("/api/users/stats").status()).isEqualTo(200);

    assertThat(output).containsPattern("slow statement dev\\.inkwell\\.users\\.internal\\.UserMapper\\.selectStats took [0-9.]+ ms");
  }
}
