package dev.inkwell.tags;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
import org.springframework.transaction.support.TransactionTemplate;

import dev.inkwell.migrations.testing.PostgresTestDatabase;

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
    TransactionTemplate tx = new TransactionTemplate(transactions);
    ExecutorService pool = Executors.newFixedThreadPool(20);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Tag>> results = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      results.add(pool.submit(() -> {
        start.await();
        return tx.execute(status -> tags.findOrCreate(NAME));
      }));
    }
    start.countDown();
    List<Tag> found = new ArrayList<>();
    for (Future<Tag> result : results) {
      found.add(result.get());
    }
    pool.shutdown();

    assertThat(jdbc.sql("SELECT count(*) FROM tags WHERE name = ?").param(NAME).query(Long.class).single()).isEqualTo(1);
    assertThat(found).hasSize(20).containsOnly(found.get(0));
  }
}
