package dev.inkwell.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.inkwell.query.BulkUpsert;
import dev.inkwell.query.OnConflict;
import dev.inkwell.query.testing.Concurrently;

/**
 * Eight bulk upserts of overlapping sets of 1,000 emails at once, each in its own committed
 * transaction: none fails (no unique violation, no deadlock: rows are locked in email order), and
 * every email exists once, created by exactly one of them.
 */
@UsersDataTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class UserBulkUpsertConcurrencyTest {

  @Autowired
  UserService users;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  PlatformTransactionManager transactions;

  @AfterEach
  void cleanUp() {
    jdbc.sql("DELETE FROM users WHERE email LIKE '%@overlap.test'").update();
  }

  @Test
  void overlappingBulkUpsertsNeverFail() throws Exception {
    cleanUp();
    // request i covers emails 250 * i .. 250 * i + 999: each email is in up to four requests
    List<BulkUpsert> done = Concurrently.inTransactions(transactions, 8, 8, i -> users.bulkUpsert(
        IntStream.range(250 * i, 250 * i + 1000).mapToObj(n -> NewUser.of("o" + n + "@overlap.test", "R" + i, n)).toList(),
        i % 2 == 0 ? OnConflict.MERGE : OnConflict.IGNORE));

    int distinct = 250 * 7 + 1000;
    assertThat(jdbc.sql("SELECT count(*) FROM users WHERE email LIKE '%@overlap.test'").query(Integer.class).single())
        .isEqualTo(distinct);
    assertThat(done.stream().mapToInt(BulkUpsert::created).sum()).isEqualTo(distinct);
    assertThat(done).allSatisfy(r -> assertThat(r.rows()).hasSize(1000).allSatisfy(row -> assertThat(row.id()).isNotNull()));
  }
}
