package dev.inkwell.query.sql;

import org.apache.ibatis.session.SqlSessionFactory;
import org.mybatis.spring.boot.autoconfigure.ConfigurationCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * How MyBatis builds result objects, reads flat rows and builds cache keys, wherever MyBatis is configured: the service, and
 * every module's {@code @MybatisTest} (listed for that slice too, in META-INF/spring), so tests map
 * rows and run queries as production does. MyBatis's Spring Boot properties have no object-factory
 * key, hence a customizer.
 */
@AutoConfiguration
@ConditionalOnClass(SqlSessionFactory.class)
public class MyBatisMappingAutoConfiguration {

  @Bean
  ConfigurationCustomizer cachedConstructorObjectFactory() {
    return configuration -> configuration.setObjectFactory(new CachedConstructorObjectFactory());
  }

  /** First, so innermost: every other plugin's query reaches it as the session made it. */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  StatementScopedCacheKeys statementScopedCacheKeys() {
    return new StatementScopedCacheKeys();
  }

  /** Reads results only: its place among the executor plugins does not matter, so next to the first. */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 1)
  FlatRowsResultSetHandler flatRowsResultSetHandler() {
    return new FlatRowsResultSetHandler();
  }
}
