package dev.inkwell.app.database;

import javax.sql.DataSource;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.inkwell.migrations.flyway.Migrations;

@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  /** Static: a BeanPostProcessor must exist before the DataSource it prepares. */
  @Bean
  static PoolPreparer poolPreparer(Environment env) {
    return new PoolPreparer(env);
  }

  /** What the start-up probe saw between Inkwell and the server (after the connection check). */
  @Bean
  PoolerProbe poolerProbe(DataSource dataSource, Environment env) {
    return PoolerProbe.run(dataSource, PoolerMode.of(env));
  }

  /** Boot's own hook for how Flyway migrates: tried again when another instance baselines at the same moment. */
  @Bean
  FlywayMigrationStrategy migrations() {
    return Migrations::migrate;
  }

  /** Static: a BeanPostProcessor must exist before the DataSource it checks. */
  @Bean
  static DatabaseConnectionCheck databaseConnectionCheck() {
    return new DatabaseConnectionCheck();
  }
}
