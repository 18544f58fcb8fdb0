package dev.inkwell.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.query.BulkUpsert;
import dev.inkwell.query.InvalidQueryException;
import dev.inkwell.query.OnConflict;
import dev.inkwell.query.testing.StatementCounter;

/** Bulk upsert by email: exact counts and per-row flags in input order, merge and ignore, duplicates refused. */
@UsersDataTest
class UserBulkUpsertTest {

  @Autowired
  UserService users;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  StatementCounter statements;

  @BeforeEach
  void empty() {
    jdbc.sql("DELETE FROM users").update(); // inside the test's transaction: rolled back afterwards
  }

  private static NewUser user(int i, String name, String bio) {
    return new NewUser("b" + i + "@bulk.test", name, null, null, bio, null, null);
  }

  /** 20,000 rows, every other one existing, in shuffled order: 10,000 created, 10,000 updated, each flag right. */
  @Test
  void mergeOfTwentyThousandHalfNewHalfExisting() {
    users.bulkCreate(IntStream.range(0, 10_000).mapToObj(i -> user(2 * i, "old", "kept")).toList());
    List<NewUser> input = new ArrayList<>(IntStream.range(0, 20_000).mapToObj(i -> user(i, "new", null)).toList());
    Collections.shuffle(input, new Random(7));

    assertThat(users.upsertCreatedFlagExact()).isTrue(); // checked once per process, on a connection of its own
    statements.reset();
    BulkUpsert result = users.bulkUpsert(input, OnConflict.MERGE);

    assertThat(statements.count()).isEqualTo(4); // 20,000 rows in statements of 5,000
    assertThat(result.created()).isEqualTo(10_000);
    assertThat(result.updated()).isEqualTo(10_000);
    assertThat(result.ignored()).isZero();
    for (int i = 0; i < input.size(); i++) {
      BulkUpsert.Row row = result.rows().get(i);
      int n = Integer.parseInt(input.get(i).email().substring(1, input.get(i).email().indexOf('@')));
      assertThat(row.key()).isEqualTo(input.get(i).email());
      assertThat(row.created()).as(row.key()).isEqualTo(n % 2 == 1);
      assertThat(row.id()).isNotNull();
    }
    assertThat(jdbc.sql("SELECT count(*) FROM users WHERE name = 'new'").query(Integer.class).single()).isEqualTo(20_000);
    // merge sets what a row gives: a null bio keeps the stored one
    assertThat(jdbc.sql("SELECT count(*) FROM users WHERE bio = 'kept'").query(Integer.class).single()).isEqualTo(10_000);
    assertThat(jdbc.sql("SELECT count(*) FROM users WHERE \"updatedAt\" > \"createdAt\"").query(Integer.class).single())
        .isEqualTo(10_000);
  }

  @Test
  void ignoreLeavesExistingUsersAndReportsTheirIds() {
    User alice = users.create(NewUser.of("b1@bulk.test", "Alice", 30));
    BulkUpsert result = users.bulkUpsert(List.of(user(0, "Zed", null), user(1, "Changed?", "x"), user(2, "Yan", null)),
        OnConflict.IGNORE);

    assertThat(result.rows()).extracting(BulkUpsert.Row::id).containsExactly(result.rows().get(0).id(), alice.id(),
        result.rows().get(2).id());
    assertThat(result.rows()).extracting(BulkUpsert.Row::created).containsExactly(true, false, true);
    assertThat(result.rows()).extracting(BulkUpsert.Row::ignored).containsExactly(false, true, false);
    assertThat(List.of(result.created(), result.updated(), result.ignored())).containsExactly(2, 0, 1);
    assertThat(users.get(alice.id())).isEqualTo(alice);
  }

  @Test
  void anEmailTwiceInOneCallIsRefusedBeforeAnySql() {
    statements.reset();
    assertThatThrownBy(() -> users.bulkUpsert(List.of(user(1, "a", null), user(2, "b", null), user(1, "c", null),
        user(2, "d", null)), OnConflict.MERGE))
        .isInstanceOf(InvalidQueryException.class).hasMessage("emails given more than once: b1@bulk.test, b2@bulk.test");
    assertThat(statements.count()).isZero();
  }
}
