package dev.inkwell.app.pooler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.inkwell.app.database.PoolerProbe;
import dev.inkwell.migrations.testing.TestDatabaseSettings;

/** The start-up probe tells a direct connection from PgBouncer in transaction mode. */
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
    assertThat(PoolerProbe.sessionStateIsShared(dataSource(PoolerTestSettings.url()))).isTrue();
  }
}
