package dev.inkwell.app.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class Db9EnvironmentPostProcessorTest {

  private final Db9EnvironmentPostProcessor processor = new Db9EnvironmentPostProcessor();

  @Test
  void derivesTheGuidesConnectionFromNameAndPassword() {
    MockEnvironment env = new MockEnvironment()
        .withProperty("inkwell.db9.database", "sequelize-app")
        .withProperty("inkwell.db9.password", "pw")
        .withProperty("spring.datasource.url", "jdbc:postgresql://127.0.0.1:54329/inkwell");

    processor.postProcessEnvironment(env, new SpringApplication());

    assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://pg.db9.io:5433/postgres?sslmode=require");
    assertThat(env.getProperty("spring.datasource.username")).isEqualTo("sequelize-app.admin");
    assertThat(env.getProperty("spring.datasource.password")).isEqualTo("pw");
  }

  @Test
  void everyDerivedValueCanBeOverridden() {
    MockEnvironment env = new MockEnvironment()
        .withProperty("inkwell.db9.database", "app")
        .withProperty("inkwell.db9.host", "db9.example.test")
        .withProperty("inkwell.db9.port", "6543")
        .withProperty("inkwell.db9.dbname", "other")
        .withProperty("inkwell.db9.ssl-mode", "verify-full")
        .withProperty("inkwell.db9.username", "app.reader");

    processor.postProcessEnvironment(env, new SpringApplication());

    assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db9.example.test:6543/other?sslmode=verify-full");
    assertThat(env.getProperty("spring.datasource.username")).isEqualTo("app.reader");
  }

  @Test
  void connectionsRetireBeforeAConnectTokenExpiresUnlessTheUserSaysOtherwise() {
    MockEnvironment db9 = new MockEnvironment().withProperty("inkwell.db9.database", "app");
    MockEnvironment told = new MockEnvironment().withProperty("inkwell.db9.database", "app")
        .withProperty("spring.datasource.hikari.max-lifetime", "300000");
    MockEnvironment local = new MockEnvironment();

    processor.postProcessEnvironment(db9, new SpringApplication());
    processor.postProcessEnvironment(told, new SpringApplication());
    processor.postProcessEnvironment(local, new SpringApplication());

    assertThat(db9.getProperty("spring.datasource.hikari.max-lifetime")).isEqualTo("540000"); // 9 min < the token's 10
    assertThat(told.getProperty("spring.datasource.hikari.max-lifetime")).isEqualTo("300000");
    assertThat(local.getProperty("spring.datasource.hikari.max-lifetime")).isNull(); // HikariCP's 30 min
  }

  @Test
  void withoutADb9NameNothingChanges() {
    MockEnvironment env = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://h/db");

    processor.postProcessEnvironment(env, new SpringApplication());

    assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://h/db");
    assertThat(env.getProperty("spring.datasource.username")).isNull();
  }

  @Test
  void describesTlsAndTimeoutCauses() {
    assertThat(DatabaseConnectionCheck.cause(new RuntimeException(new java.net.SocketTimeoutException("x"))))
        .isEqualTo("connection timed out");
    assertThat(DatabaseConnectionCheck.cause(new RuntimeException(new javax.net.ssl.SSLHandshakeException("bad cert"))))
        .isEqualTo("TLS handshake failed: bad cert");
    assertThat(DatabaseConnectionCheck.cause(new java.sql.SQLException("The server does not support SSL.", "08004")))
        .isEqualTo("TLS failure: The server does not support SSL.");
  }
}
