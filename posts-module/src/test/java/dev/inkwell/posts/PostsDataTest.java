package dev.inkwell.posts;

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
import dev.inkwell.tags.TagService;
import dev.inkwell.users.UserService;
import dev.inkwell.users.internal.UpsertCreatedFlag;

/** The one set of test annotations of this module: one shared context; each test rolls back. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@MybatisTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({PostgresTestDatabase.class, PostService.class, PostSearchService.class, UserService.class,
    UpsertCreatedFlag.class, TagService.class, PostsDataTest.Beans.class})
public @interface PostsDataTest {

  @TestConfiguration(proxyBeanMethods = false)
  class Beans {
    @Bean
    StatementCounter statementCounter() {
      return new StatementCounter();
    }
  }
}
