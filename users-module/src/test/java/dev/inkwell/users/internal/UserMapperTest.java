package dev.inkwell.users.internal;

import static dev.inkwell.users.UserFields.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.inkwell.query.FindOptions;
import dev.inkwell.query.Op;
import dev.inkwell.query.Where;
import dev.inkwell.query.sql.IdBounds;
import dev.inkwell.query.sql.IdRange;
import dev.inkwell.query.sql.SqlQuery;
import dev.inkwell.query.sql.SqlWhere;
import dev.inkwell.query.sql.StatementScopedCacheKeys;
import dev.inkwell.users.NewUser;
import dev.inkwell.users.UpsertResult;
import dev.inkwell.users.User;
import dev.inkwell.users.UserChanges;
import dev.inkwell.users.UsersDataTest;

/**
 * UserMapper.xml's statements with the most logic, called directly on rows written with plain SQL:
 * a search against its _COUNT, the upsert's created flag, and the statements of a chunked write.
 */
@UsersDataTest
class UserMapperTest {

  @Autowired
  UserMapper mapper;
  @Autowired
  JdbcClient jdbc;

  /** Ten users, ids in insertion order, ages 10, 20, ... 100; every third inactive. */
  List<Integer> ids;

  @BeforeEach
  void tenUsers() {
    jdbc.sql("DELETE FROM users").update(); // rolled back with the test
    ids = jdbc.sql("INSERT INTO users (email, name, age, \"isActive\") "
        + "SELECT 'u' || n || '@mapper.test', 'User ' || n, n * 10, n % 3 <> 0 FROM generate_series(1, 10) n ORDER BY n RETURNING id")
        .query(Integer.class).list();
  }

  private static SqlWhere where(Where where) {
    return USERS.where(where);
  }

  private IdRange idsFrom(int fromIndex, int toIndex) {
    return new IdRange(ids.get(fromIndex), ids.get(toIndex));
  }

  @Test
  void aSearchAndItsCountAgreeOnEveryFilter() {
    List<Where> filters = List.of(Where.ALL, Where.and(Where.field("age").gte(18), Where.field("isActive").eq(true)),
        Where.or(Where.field("age").lt(30), Where.field("age").gt(80)), Where.field("name").op(Op.STARTS_WITH, "User 1"));

    for (Where filter : filters) {
      SqlQuery query = USERS.query(FindOptions.where(filter));
      assertThat(mapper.selectByQuery_COUNT(query)).as(filter.toString()).isEqualTo(mapper.selectByQuery(query).size());
    }
    assertThat(mapper.selectByQuery_COUNT(SqlQuery.of(where(Where.or(Where.field("age").lt(30), Where.field("age").gt(80)))))).isEqualTo(4);
  }

  @Test
  void aCountNarrowedToAnIdRangeCountsOnlyThatRange() {
    SqlWhere active = where(Where.field("isActive").eq(true)).inIds(idsFrom(0, 5));

    assertThat(mapper.selectByQuery_COUNT(SqlQuery.of(active))).isEqualTo(4); // users 1..5 without 3
  }

  @Test
  void theUpsertSaysInsertedThenUpdated() {
    UserRow row = UserRow.of(NewUser.of("upsert@mapper.test", "First", 1));
    UpsertResult inserted = mapper.upsertReportingInsert(row).toResult();
    UpsertResult updated = mapper.upsertReportingInsert(UserRow.of(NewUser.of("upsert@mapper.test", "Second", 2))).toResult();

    assertThat(inserted.created()).isTrue();
    assertThat(updated.created()).isFalse();
    assertThat(updated.user().id()).isEqualTo(inserted.user().id());
    assertThat(updated.user().name()).isEqualTo("Second");
  }

  /** A null attribute is "not given": the update keeps what is stored; a given one replaces it. */
  @Test
  void anUpsertLeavesWhatItWasNotGivenAndReplacesWhatItWas() {
    mapper.upsertReportingInsert(UserRow.of(new NewUser("keep@mapper.test", "First", 41, false, "a bio", Map.of("k", 1), "555")));

    User kept = mapper.upsertReportingInsert(UserRow.of(new NewUser("keep@mapper.test", "Second", null, null, null, null, null)))
        .toResult().user();
    User replaced = mapper.upsertReportingInsert(UserRow.of(new NewUser("keep@mapper.test", "Third", 42, true, "b", Map.of("k", 2), "556")))
        .toResult().user();

    assertThat(kept).extracting(User::name, User::age, User::isActive, User::bio, User::metadata, User::phone)
        .containsExactly("Second", 41, false, "a bio", Map.of("k", 1), "555");
    assertThat(replaced).extracting(User::name, User::age, User::isActive, User::bio, User::metadata, User::phone)
        .containsExactly("Third", 42, true, "b", Map.of("k", 2), "556");
  }

  /**
   * No query is answered from MyBatis's session cache (local-cache-scope: statement, and queries keyed
   * by StatementScopedCacheKeys, innermost): a second read in one transaction sees a row changed in between.
   */
  @Test
  void aReadRepeatedInOneTransactionSeesTheRowChangedInBetween(@Autowired SqlSessionFactory sessions) {
    assertThat(sessions.getConfiguration().getInterceptors()).first().isInstanceOf(StatementScopedCacheKeys.class);
    assertThat(mapper.selectById(ids.get(0)).name()).isEqualTo("User 1");

    jdbc.sql("UPDATE users SET name = 'Renamed' WHERE id = ?").param(ids.get(0)).update();

    assertThat(mapper.selectById(ids.get(0)).name()).isEqualTo("Renamed");
  }

  @Test
  void idBoundsAreTheLowestAndHighestMatchingIdInTheRange() {
    IdBounds bounds = mapper.selectIdBounds(where(Where.field("age").gte(30)).inIds(idsFrom(0, 6)));

    assertThat(bounds.low()).isEqualTo(ids.get(2).longValue());
    assertThat(bounds.high()).isEqualTo(ids.get(5).longValue());
  }

  /** A row of NULLs maps to no object; ChunkedWrite reads either as nothing to write. */
  @Test
  void idBoundsOfNothingAreNull() {
    assertThat(mapper.selectIdBounds(where(Where.field("age").gt(1000)))).isNull();
  }

  @Test
  void anUpdateNarrowedToAnIdRangeChangesOnlyMatchingRowsInIt() {
    int changed = mapper.updateByQuery(UserChanges.set("bio", "chunk"), where(Where.field("isActive").eq(true)).inIds(idsFrom(3, 9)));

    assertThat(changed).isEqualTo(4); // users 4..9 without 6 and 9
    assertThat(jdbc.sql("SELECT name FROM users WHERE bio = 'chunk' ORDER BY id").query(String.class).list())
        .containsExactly("User 4", "User 5", "User 7", "User 8");
  }

  @Test
  void aDeleteNarrowedToAnIdRangeRemovesOnlyMatchingRowsInIt() {
    int deleted = mapper.deleteByQuery(where(Where.field("age").lte(50)).inIds(idsFrom(2, 9)));

    assertThat(deleted).isEqualTo(3); // users 3, 4, 5
    assertThat(jdbc.sql("SELECT count(*) FROM users").query(Integer.class).single()).isEqualTo(7);
  }

  @Test
  void aProjectionReadsOnlyTheChosenColumns() {
    List<User> users = mapper.selectByQuery(USERS.query(FindOptions.where(Where.field("age").eq(10)).attributes("id", "name")));

    assertThat(users).singleElement().satisfies(u -> {
      assertThat(u.name()).isEqualTo("User 1");
      assertThat(u.age()).isNull();
      assertThat(u.email()).isNull();
    });
  }
}
