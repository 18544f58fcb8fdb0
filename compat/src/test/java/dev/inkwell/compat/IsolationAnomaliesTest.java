package dev.inkwell.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Isolation;

import dev.inkwell.Application;
import dev.inkwell.app.transactions.TransactionConflicts;
import dev.inkwell.app.transactions.Unit;
import dev.inkwell.app.transactions.UnitOfWork;
import dev.inkwell.users.NewUser;
import dev.inkwell.users.UserService;

/**
 * What PostgreSQL really does under each isolation level, on two concurrent units of the service's
 * UnitOfWork, with the harness the compatibility checks run ({@link Anomalies}).
 */
@SpringBootTest(classes = Application.class)
class IsolationAnomaliesTest {

  private static final String ON_CALL = "SELECT count(*) FROM users WHERE \"isActive\" AND email LIKE '%@skew.tx.test'";

  @Autowired
  UnitOfWork uow;
  @Autowired
  UserService users;
  @Autowired
  JdbcTemplate jdbc;

  @BeforeEach
  void clean() {
    jdbc.update("DELETE FROM users WHERE email LIKE '%tx.test'");
  }

  private int create(String email, int age) {
    return uow.run(Unit.readWrite(), () -> users.create(NewUser.of(email, email, age)).id());
  }

  private List<Integer> readTwiceAroundACommit(Isolation level, int id) throws Exception {
    return Anomalies.readTwiceAroundACommit(uow, level,
        () -> jdbc.queryForObject("SELECT age FROM users WHERE id = ?", Integer.class, id),
        () -> jdbc.update("UPDATE users SET age = age + 1 WHERE id = ?", id));
  }

  private List<Object> writeSkew(Unit unit, AtomicInteger attempts) throws Exception {
    List<Integer> doctors = List.of(create("doc-a@skew.tx.test", 40), create("doc-b@skew.tx.test", 40));
    return Anomalies.writeSkew(uow, unit, attempts, doctors, () -> jdbc.queryForObject(ON_CALL, Integer.class),
        me -> jdbc.update("UPDATE users SET \"isActive\" = false WHERE id = ?", me));
  }

  private int stillOnCall() {
    return jdbc.queryForObject(ON_CALL, Integer.class);
  }

  @Test
  void readCommittedSeesAnotherTransactionsCommit() throws Exception {
    int id = create("reader@tx.test", 10);

    assertThat(readTwiceAroundACommit(Isolation.READ_COMMITTED, id)).containsExactly(10, 11);
  }

  @Test
  void repeatableReadKeepsItsSnapshot() throws Exception {
    int id = create("reader@tx.test", 10);

    assertThat(readTwiceAroundACommit(Isolation.REPEATABLE_READ, id)).containsExactly(10, 10);
  }

  @Test
  void writeSkewUnderSerializableFailsOneTransactionWith40001() throws Exception {
    List<Object> results = writeSkew(Unit.readWrite().withIsolation(Isolation.SERIALIZABLE), new AtomicInteger());

    assertThat(results).filteredOn(r -> r instanceof RuntimeException).singleElement()
        .satisfies(e -> assertThat(TransactionConflicts.sqlState((Throwable) e)).isEqualTo("40001"));
    assertThat(results).filteredOn(r -> r instanceof Integer).containsExactly(2);
    assertThat(stillOnCall()).isEqualTo(1);
  }

  @Test
  void writeSkewUnderRepeatableReadIsNotPrevented() throws Exception {
    List<Object> results = writeSkew(Unit.readWrite().withIsolation(Isolation.REPEATABLE_READ), new AtomicInteger());

    assertThat(results).containsExactly(2, 2);
    assertThat(stillOnCall()).isZero();
  }

  @Test
  void aRetryableUnitIsRerunAndSucceeds() throws Exception {
    AtomicInteger attempts = new AtomicInteger();

    List<Object> results = writeSkew(Unit.readWrite().withIsolation(Isolation.SERIALIZABLE).retryable(3), attempts);

    assertThat(results).containsExactlyInAnyOrder(2, 1); // the retry saw the other's commit
    assertThat(attempts).hasValue(3);
    assertThat(stillOnCall()).isEqualTo(1);
  }
}
