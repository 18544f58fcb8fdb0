package dev.inkwell.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.inkwell.query.testing.Concurrently;

/**
 * 100 upserts of one email at once, each in its own committed transaction: one row, no error, and
 * exactly one of them reports that it created the row.
 */
@UsersDataTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class UserUpsertConcurrencyTest {

  private static final String EMAIL = "race@upsert.test";

  @Autowired
  UserService users;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  PlatformTransactionManager transactions;

  @AfterEach
  void cleanUp() {
    jdbc.sql("DELETE FROM users WHERE email = ?").param(EMAIL).update();
  }

  @Test
  void hundredConcurrentUpsertsLeaveOneRow() throws Exception {
    cleanUp();
    List<UpsertResult> done = Concurrently.inTransactions(transactions, 100, 16,
        i -> users.upsert(NewUser.of(EMAIL, "Racer " + i, i)));

    assertThat(jdbc.sql("SELECT count(*) FROM users WHERE email = ?").param(EMAIL).query(Long.class).single()).isEqualTo(1);
    assertThat(done).filteredOn(r -> Boolean.TRUE.equals(r.created())).hasSize(1);
    assertThat(done).filteredOn(r -> Boolean.FALSE.equals(r.created())).hasSize(99);
    assertThat(done).extracting(r -> r.user().id()).containsOnly(done.get(0).user().id());
  }
}
