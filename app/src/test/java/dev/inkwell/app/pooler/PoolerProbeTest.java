package dev.inkwell.app.pooler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.inkwell.app.database.PoolerMode;
import dev.inkwell.app.database.PoolerProbe;
import dev.inkwell.migrations.testing.TestDatabaseSettings;

/** The start-up probe tells a direct connection from PgBouncer in transaction mode. */
@ExtendWith(OutputCaptureExtension.class)
class PoolerProbeTest {

  private static DriverManagerDataSource dataSource(String url) {
    DriverManagerDataSource dataSource = new DriverManagerDataSource(url, TestDatabaseSettings.username(),
        TestDatabaseSettings.password());
    Properties properties = new Properties();
    properties.setProperty("prepareThreshold", "0");
    dataSource.setConnectionProperties(properties);
    return dataSource;
  }

  @Test
  void sessionStateIsSharedOnlyThroughThePooler() throws Exception {
    assertThat(PoolerProbe.sessionStateIsShared(dataSource(TestDatabaseSettings.url()))).isFalse();
    assertThat(PoolerProbe.sessionStateIsShared(dataSource(TestDatabaseSettings.poolerUrl()))).isTrue();
  }

  @Test
  void aSettingThatDisagreesWithWhatIsSeenIsAWarningThatSaysWhatToSet(CapturedOutput output) {
    PoolerProbe behindPgBouncer = PoolerProbe.run(dataSource(TestDatabaseSettings.poolerUrl()), PoolerMode.NONE);
    PoolerProbe direct = PoolerProbe.run(dataSource(TestDatabaseSettings.url()), PoolerMode.NONE);

    assertThat(behindPgBouncer.transactionPooling()).isTrue();
    assertThat(direct.transactionPooling()).isFalse();
    assertThat(output).contains("Set inkwell.datasource.pooler=transaction, or queries may fail or return another "
        + "statement's rows");
  }
}
