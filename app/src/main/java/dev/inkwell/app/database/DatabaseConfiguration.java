package dev.inkwell.app.database;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import com.zaxxer.hikari.HikariDataSource;

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

  /**
   * Boot's own hook for how Flyway migrates: tried again when another instance baselines at the same
   * moment. When scripts ran, the pool's connections are replaced as they come back: those opened
   * before, for Flyway itself, lack the session settings that depend on the schema (pgvector's
   * iterative scans exist only once the extension does).
   */
  @Bean
  FlywayMigrationStrategy migrations(DataSource dataSource) {
    return flyway -> {
      // The primary's pool, also behind a read replica's routing (Boot's unwrapper sees through it).
      HikariDataSource pool = DataSourceUnwrapper.unwrap(dataSource, HikariDataSource.class);
      if (Migrations.migrate(flyway).migrationsExecuted > 0 && pool != null && pool.getHikariPoolMXBean() != null) {
        pool.getHikariPoolMXBean().softEvictConnections();
      }
    };
  }

  /** Static: a BeanPostProcessor must exist before the DataSource it checks. */
  @Bean
  static DatabaseConnectionCheck databaseConnectionCheck() {
    return new DatabaseConnectionCheck();
  }
}
