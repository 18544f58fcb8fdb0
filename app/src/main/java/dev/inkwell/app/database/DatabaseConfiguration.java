package dev.inkwell.app.database;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

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

  /** Static: a BeanPostProcessor must exist before the DataSource it checks. */
  @Bean
  static DatabaseConnectionCheck databaseConnectionCheck() {
    return new DatabaseConnectionCheck();
  }
}
