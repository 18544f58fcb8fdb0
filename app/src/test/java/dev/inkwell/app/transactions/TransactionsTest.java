package dev.inkwell.app.transactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;


import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Isolation;

import com.zaxxer.hikari.HikariDataSource;

import dev.inkwell.app.transactions.UnitOfWork.Tx;
import dev.inkwell.app.users.UserUseCases;
import dev.inkwell.app.users.UserUseCases.PostDraft;
import dev.inkwell.users.NewUser;
import dev.inkwell.users.UserService;

/**
 * The guide's transactions: managed and programmatic units, the level each unit asks for,
 * savepoints, read-only units and failed commits. The anomalies each level allows, on concurrent
 * transactions, are compat's {@code IsolationAnomaliesTest} (one harness for tests and checks).
 */
@SpringBootTest
class TransactionsTest {

  @Autowired
  UnitOfWork uow;
  @Autowired
  UserService users;
  @Autowired
  UserUseCases useCases;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  IsolationObserver observer;
  @Autowired
  HikariDataSource dataSource;

  @BeforeEach
  void clean() {
    jdbc.update("DELETE FROM users WHERE email LIKE '%tx.test'");
  }

  private int userCount(String email) {
    return jdbc.queryForObject("SELECT count(*) FROM users WHERE email = ?", Integer.class, email);
  }

  private int create(String email, int age) {
    return uow.run(Unit.readWrite(), () -> users.create(NewUser.of(email, email, age)).id());
  }

  private int age(int id) {
    return jdbc.queryForObject("SELECT age FROM users WHERE id = ?", Integer.class, id);
  }

  // ---------------------------------------------------------------- managed and programmatic

  @Test
  void managedUnitCommitsBoth() {
    var created = useCases.createWithPost(NewUser.of("txn@tx.test", "Txn User", 30), new PostDraft("Transactional Post", "Atomic.", null));

    assertThat(created.posts()).singleElement().extracting(p -> p.authorId()).isEqualTo(created.user().id());
    assertThat(userCount("txn@tx.test")).isEqualTo(1);
  }

  @Test
  void failureOfTheSecondInsertLeavesNeitherRow() {
    Throwable failure = catchThrowable(() -> useCases.createWithPost(NewUser.of("half@tx.test", "Half", 30),
        new PostDraft("No content", null, null)));

    assertThat(TransactionConflicts.sqlState(failure)).isEqualTo("23502");
    assertThat(userCount("half@tx.test")).isZero();
  }

  @Test
  void programmaticBeginCommitRollback() {
    try (Tx t = uow.begin(Unit.readWrite())) {
      users.create(NewUser.of("manual@tx.test", "Manual", 28));
      t.commit();
    }
    try (Tx t = uow.begin(Unit.readWrite())) {
      users.create(NewUser.of("rolled@tx.test", "Rolled", 28));
      t.rollback();
    }
    try (Tx t = uow.begin(Unit.readWrite())) {
      users.create(NewUser.of("forgotten@tx.test", "Forgotten", 28)); // closed without commit
    }

    assertThat(userCount("manual@tx.test")).isEqualTo(1);
    assertThat(userCount("rolled@tx.test")).isZero();
    assertThat(userCount("forgotten@tx.test")).isZero();
  }

  // ---------------------------------------------------------------- isolation levels

  @Test
  void eachUnitRunsAtTheLevelItAskedFor() {
    String isolation = "SHOW transaction_isolation";

    assertThat(uow.run(Unit.readWrite(), () -> jdbc.queryForObject(isolation, String.class))).isEqualTo("read committed");
    assertThat(uow.run(Unit.readWrite().withIsolation(Isolation.READ_COMMITTED), () -> jdbc.queryForObject(isolation, String.class)))
        .isEqualTo("read committed");
    assertThat(uow.run(Unit.readWrite().withIsolation(Isolation.REPEATABLE_READ), () -> jdbc.queryForObject(isolation, String.class)))
        .isEqualTo("repeatable read");
    assertThat(uow.run(Unit.readOnlyUnit().withIsolation(Isolation.SERIALIZABLE), () -> jdbc.queryForObject(isolation, String.class)))
        .isEqualTo("serializable");
    assertThat(observer.observed()).containsEntry("serializable", "serializable")
        .containsEntry("repeatable read", "repeatable read").containsEntry("read committed", "read committed");
  }

  @Test
  void aRetryableUnitMustStartItsOwnTransaction() {
    assertThatThrownBy(() -> uow.run(Unit.readWrite(), () -> uow.run(Unit.readWrite().retryable(3), () -> 1)))
        .isInstanceOf(IllegalStateException.class);
  }

  // ---------------------------------------------------------------- savepoints, read-only, commit

  @Test
  void nestedUnitRollsBackToItsSavepointAndTheOuterCommits() {
    create("taken@tx.test", 1);

    uow.run(Unit.readWrite(), () -> {
      users.create(NewUser.of("outer@tx.test", "Outer", 1));
      Throwable inner = catchThrowable(() -> uow.run(Unit.nestedUnit(), () -> {
        users.create(NewUser.of("inner@tx.test", "Inner", 1));
        return users.create(NewUser.of("taken@tx.test", "Duplicate", 1)); // fails: aborts up to the savepoint
      }));
      assertThat(inner).hasMessageContaining("taken@tx.test");
      users.create(NewUser.of("after@tx.test", "After", 1));
    });

    assertThat(userCount("outer@tx.test")).isEqualTo(1);
    assertThat(userCount("inner@tx.test")).isZero();
    assertThat(userCount("after@tx.test")).isEqualTo(1);
  }

  @Test
  void tenThousandNestedUnitsInOneTransactionReleaseTheirSavepoints() {
    int kept = uow.run(Unit.readWrite(), () -> {
      jdbc.execute("CREATE TEMPORARY TABLE nested_probe (i int) ON COMMIT DROP");
      for (int i = 0; i < 10_000; i++) {
        int n = i;
        catchThrowable(() -> uow.run(Unit.nestedUnit(), () -> {
          jdbc.update("INSERT INTO nested_probe VALUES (?)", n);
          if (n % 10 == 0) {
            throw new IllegalStateException("inner unit " + n + " fails");
          }
        }));
      }
      return jdbc.queryForObject("SELECT count(*) FROM nested_probe", Integer.class);
    });

    assertThat(kept).isEqualTo(9_000);
  }

  @Test
  void aSucceededNestedUnitsSavepointIsGone() {
    Throwable rollbackToReleased = catchThrowable(() -> uow.run(Unit.readWrite(), () -> {
      uow.run(Unit.nestedUnit(), () -> jdbc.queryForObject("SELECT 1", Integer.class));
      uow.run(Unit.nestedUnit(), () -> jdbc.queryForObject("SELECT 1", Integer.class));
      // Spring names them SAVEPOINT_1, SAVEPOINT_2; released ones no longer exist.
      jdbc.execute("ROLLBACK TO SAVEPOINT \"SAVEPOINT_2\"");
    }));

    assertThat(TransactionConflicts.sqlState(rollbackToReleased)).isEqualTo("3B001");
  }

  @Test
  void aWriteInAReadOnlyUnitFailsWith25006() {
    Throwable failure = catchThrowable(() -> uow.run(Unit.readOnlyUnit(),
        () -> users.create(NewUser.of("ro@tx.test", "Read Only", 1))));

    assertThat(TransactionConflicts.sqlState(failure)).isEqualTo("25006");
    assertThat(userCount("ro@tx.test")).isZero();
  }

  @Test
  void aCommitTheServerRejectsIsAFailureAndTheConnectionComesBackClean() {
    try (HikariDataSource single = new HikariDataSource()) {
      single.setJdbcUrl(dataSource.getJdbcUrl());
      single.setUsername(dataSource.getUsername());
      single.setPassword(dataSource.getPassword());
      single.setMaximumPoolSize(1);
      UnitOfWork one = new UnitOfWork(new ObservingTransactionManager(single, new IsolationObserver()));
      JdbcTemplate onSingle = new JdbcTemplate(single);

      // The unique check is deferred to COMMIT, so every statement succeeds and the COMMIT fails.
      Throwable failure = catchThrowable(() -> one.run(Unit.readWrite().withIsolation(Isolation.SERIALIZABLE), () -> {
        onSingle.execute("CREATE TEMPORARY TABLE commit_probe (k int UNIQUE DEFERRABLE INITIALLY DEFERRED) ON COMMIT DROP");
        onSingle.update("INSERT INTO users (email, name) VALUES ('commit@tx.test', 'Never committed')");
        onSingle.update("INSERT INTO commit_probe VALUES (1), (1)");
        return "reported as committed";
      }));

      assertThat(failure).isNotNull();
      assertThat(TransactionConflicts.sqlState(failure)).isEqualTo("23505");
      assertThat(userCount("commit@tx.test")).isZero();
      // The pool's only connection: no transaction left open, default isolation, usable.
      assertThat(one.run(Unit.readWrite(), () -> onSingle.queryForObject("SHOW transaction_isolation", String.class)))
          .isEqualTo("read committed");
      assertThat(onSingle.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE pid = pg_backend_pid() AND state = 'active'",
          Integer.class)).isEqualTo(1);
      assertThat(onSingle.queryForObject("SELECT to_regclass('pg_temp.commit_probe') IS NULL", Boolean.class)).isTrue();
    }
  }
}
