package dev.inkwell.app.database;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  /** Static: a BeanPostProcessor must exist before the DataSource it checks. */
  @Bean
  static DatabaseConnectionCheck databaseConnectionCheck() {
    return new DatabaseConnectionCheck();
  }
}
