package dev.inkwell.users;

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
import dev.inkwell.users.internal.UpsertCreatedFlag;

/**
 * The one set of test annotations of this module (so every test class shares one Spring context):
 * the MyBatis slice on the real PostgreSQL, the facade, and a statement counter. Each test runs in a
 * transaction that is rolled back.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@MybatisTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({PostgresTestDatabase.class, UserService.class, UpsertCreatedFlag.class, UsersDataTest.Beans.class})
public @interface UsersDataTest {

  @TestConfiguration(proxyBeanMethods = false)
  class Beans {
    @Bean
    StatementCounter statementCounter() {
      return new StatementCounter();
    }
  }
}
