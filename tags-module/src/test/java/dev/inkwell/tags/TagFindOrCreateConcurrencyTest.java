package dev.inkwell.tags;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mybatis.spring.boot.test.autoconfigure.MybatisTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.inkwell.migrations.testing.PostgresTestDatabase;
import dev.inkwell.query.testing.Concurrently;

/** 20 threads find-or-create one tag name at once, each in its own committed transaction: one tag. */
@MybatisTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({PostgresTestDatabase.class, TagService.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class TagFindOrCreateConcurrencyTest {

  private static final String NAME = "race-tag";

  @Autowired
  TagService tags;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  PlatformTransactionManager transactions;

  @AfterEach
  void cleanUp() {
    jdbc.sql("DELETE FROM tags WHERE name = ?").param(NAME).update();
  }

  @Test
  void twentyConcurrentFindOrCreatesLeaveOneTag() throws Exception {
    cleanUp();
    List<Tag> found = Concurrently.inTransactions(transactions, 20, 20, i -> tags.findOrCreate(NAME));

    assertThat(jdbc.sql("SELECT count(*) FROM tags WHERE name = ?").param(NAME).query(Long.class).single()).isEqualTo(1);
    assertThat(found).hasSize(20).containsOnly(found.get(0));
  }
}
