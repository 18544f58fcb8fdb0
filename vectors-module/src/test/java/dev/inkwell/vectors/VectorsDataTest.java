package dev.inkwell.vectors;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.mybatis.spring.boot.test.autoconfigure.MybatisTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.inkwell.migrations.testing.PostgresTestDatabase;
import dev.inkwell.query.testing.StatementCounter;
import dev.inkwell.vectors.internal.VectorSupport;

/** The one set of test annotations of this module; each test rolls back unless it says otherwise. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@MybatisTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({PostgresTestDatabase.class, EmbeddingService.class, VectorSupport.class, VectorsDataTest.Beans.class})
public @interface VectorsDataTest {

  @TestConfiguration(proxyBeanMethods = false)
  class Beans {
    @Bean
    StatementCounter statementCounter() {
      return new StatementCounter();
    }
  }
}
