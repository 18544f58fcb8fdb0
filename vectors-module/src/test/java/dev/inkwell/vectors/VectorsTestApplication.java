package dev.inkwell.vectors;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import com.zaxxer.hikari.HikariDataSource;

/** Test-only boot class: roots the MyBatis slice at this module (no paging: top-k searches use LIMIT). */
@SpringBootApplication
class VectorsTestApplication {

  /** The session settings the service's pool gives every connection (app: PoolPreparer). */
  @Bean
  static BeanPostProcessor connectionSettings() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String name) {
        if (bean instanceof HikariDataSource pool) {
          pool.setConnectionInitSql(EmbeddingService.CONNECTION_SETTINGS);
        }
        return bean;
      }
    };
  }
}
