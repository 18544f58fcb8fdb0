package dev.inkwell.app.database;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  /** Static: a BeanPostProcessor must exist before the DataSource it prepares. */
  @Bean
  static CredentialsInstaller datasourceCredentials(Environment env) {
    return new CredentialsInstaller(env);
  }

  /** Static: a BeanPostProcessor must exist before the DataSource it checks. */
  @Bean
  static DatabaseConnectionCheck databaseConnectionCheck() {
    return new DatabaseConnectionCheck();
  }
}
