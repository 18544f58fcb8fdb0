package dev.inkwell.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;

import dev.inkwell.Application;
import dev.inkwell.migrations.testing.TestDatabaseSettings;

/**
 * A setting no request could satisfy stops the start and names itself: before, a page size cap of 0
 * or a bulk limit of -1 started a service that refused every list or bulk request with a 400, and a
 * negative statement timeout read as "Cannot connect to PostgreSQL".
 */
class SettingsCheckTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      inkwell.paging.max-size=0          | inkwell.paging.default-size must be between 1 and inkwell.paging.max-size (0), was 20
      inkwell.paging.default-size=500    | inkwell.paging.default-size must be between 1 and inkwell.paging.max-size (100), was 500
      inkwell.web.max-bulk-rows=-1       | inkwell.web.max-bulk-rows must be at least 1, was -1
      inkwell.web.max-active-requests=0  | inkwell.web.max-active-requests must be at least 1, was 0
      inkwell.web.buffer-memory=1MB        | inkwell.web.buffer-memory must be between inkwell.web.max-body-size (10485760B) and 2GB, was 1048576B
      inkwell.statement-timeout=-5s      | inkwell.statement-timeout must be between 0 (none) and 2147483647 ms, was PT-5S
      """)
  void aSettingNoRequestCouldSatisfyStopsTheStart(String setting, String message) {
    Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(Application.class).run(
        "--" + setting, "--server.port=0", "--spring.datasource.url=" + TestDatabaseSettings.url(),
        "--spring.datasource.username=" + TestDatabaseSettings.username(),
        "--spring.datasource.password=" + TestDatabaseSettings.password()).close());

    Throwable root = failure;
    while (root != null && root.getCause() != null) {
      root = root.getCause();
    }
    assertThat(failure).as(setting).isNotNull();
    assertThat(root).hasMessage(message);
  }
}
