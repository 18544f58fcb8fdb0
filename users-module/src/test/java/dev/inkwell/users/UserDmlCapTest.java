package dev.inkwell.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.migrations.testing.DmlCap;
import dev.inkwell.query.Where;
import dev.inkwell.query.testing.StatementCounter;

/**
 * DB9's 10,000-row cap per DML statement, emulated by triggers (DmlCap): bulk insert, update and
 * destroy by filter of 25,000 users all succeed with exact counts, one statement per 5,000 rows,
 * while a single statement over the cap fails.
 */
@UsersDataTest
class UserDmlCapTest {

  static final int N = 25_000;

  @Autowired
  UserService users;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  StatementCounter statements;

  @BeforeEach
  void capped() {
    jdbc.sql("DELETE FROM users").update();
    DmlCap.capThisTransaction(sql -> jdbc.sql(sql).update());
  }

  private static List<NewUser> many(String prefix) {
    return IntStream.range(0, N).mapToObj(i -> NewUser.of(prefix + i + "@cap.test", "U" + i, i % 90)).toList();
  }

  @Test
  void theEmulatedCapRefusesOneStatementOverIt() {
    users.bulkCreate(many("raw"));

    assertThatThrownBy(() -> jdbc.sql("UPDATE users SET name = 'x' WHERE email LIKE 'raw%'").update())
        .hasMessageContaining("touched 25000 rows of users, over the cap of 10000");
  }

  @Test
  void bulkInsertUpdateAndDestroyOf25000UsersWorkUnderTheCap() {
    List<User> created = users.bulkCreate(many("u"));
    int updated = users.update(UserChanges.set("bio", "capped"), Where.field("email").like("u%@cap.test"));
    int destroyed = users.destroy(Where.field("bio").eq("capped"));

    assertThat(created).hasSize(N);
    assertThat(updated).isEqualTo(N);
    assertThat(destroyed).isEqualTo(N);
    assertThat(jdbc.sql("SELECT count(*) FROM users").query(Integer.class).single()).isZero();
  }

  @Test
  void aFilterOverSparseIdsTouchesOnlyItsRows() {
    users.bulkCreate(many("s"));
    int odd = users.update(UserChanges.set("name", "odd"), Where.field("age").in(1, 3, 5));

    assertThat(odd).isEqualTo(jdbc.sql("SELECT count(*) FROM users WHERE age IN (1, 3, 5)").query(Integer.class).single())
        .isEqualTo(jdbc.sql("SELECT count(*) FROM users WHERE name = 'odd'").query(Integer.class).single());
  }

  /** A filter whose ids fit in one chunk (a PATCH, a delete by id) costs one read and one write. */
  @Test
  void aFilterWithinOneChunkTakesTwoStatements() {
    users.bulkCreate(many("one").subList(0, 10));
    int id = jdbc.sql("SELECT min(id) FROM users").query(Integer.class).single();

    statements.reset();
    int updated = users.update(UserChanges.set("name", "Once"), Where.field("id").eq(id));
    int updatesStatements = statements.count();
    statements.reset();
    int destroyed = users.destroy(Where.field("email").like("one%@cap.test"));

    assertThat(updated).isEqualTo(1);
    assertThat(updatesStatements).isEqualTo(2);
    assertThat(destroyed).isEqualTo(10);
    assertThat(statements.count()).isEqualTo(2);
  }
}
